export type { AttributeChange, LockoutSighting, MembershipAddition, StoredMembershipChange, StoredObjectChange, SyncedObjectType } from './change.model.js';
export { mapEntry } from './entry-mapper.js';
export * from './ports/snapshot.store.js';
export * from './ports/sync-change.store.js';
export * from './ports/sync-run.store.js';
export {
  DIRECTORY_CHANGE_KINDS,
  type DatedDirectoryChange,
  DirectoryChangeHistory,
  type DirectoryChangePage,
  type DirectoryChangeQuery,
  type SyncRunPage,
} from './ports/directory-change-history.js';
export { AccountSearch, type AccountSearchPage, type AccountSearchQuery, type AccountSummary } from './ports/account-search.js';
export * from './collect-snapshot.js';
export type {
  AccountKind,
  AccountRecord,
  DirectoryObjectKind,
  DirectoryObjectRecord,
  DirectorySnapshot,
  GroupRecord,
  MembershipRecord,
} from './snapshot.model.js';
export { emptyStats, type SyncMode, type SyncRunRecord, type SyncState, type SyncStats, type SyncWatermark } from './sync-run.model.js';
export { SILENT_SYNC_LOGGER, type SyncLogger, type SyncOptions, type SyncProgress, type SyncResult, SyncService } from './sync.service.js';
export { DuplicateObjectError } from './sync/snapshot-builder.js';
