export { type Checkpoint, type CheckpointReason, describeCheckpoint } from './checkpoint.js';
export { type TrailErasure, erasureRecordInput } from './erasure-record.js';
export { keyRotationInput } from './key-rotation.js';
export { CheckpointPublication, TrailPublicationError } from './publication/checkpoint-publication.js';
export type { PublishedCheckpoints } from './publication/checkpoint-publisher.js';
export { FileCheckpointPublisher } from './publication/file-checkpoint.publisher.js';
export { WebhookCheckpointPublisher } from './publication/webhook-checkpoint.publisher.js';
export { keyIdOf } from './signed-statement.js';
export { parsePinnedKey } from './trail-trust.js';
export { readTrailTrust } from './trail-trust.service.js';
export type { DirectoryChange } from './directory-change.js';
export { checkLogRetention } from './log-retention.js';
export * from './ports/trail.store.js';
export { Pseudonymiser } from './pseudonymiser.js';
export * from './trail-checkpoint.service.js';
export * from './trail-context.js';
export {
  type ChainHead,
  type PersonalRow,
  type SealedEntry,
  type StoredEntry,
  TRAIL_KINDS,
  type TrailActor,
  type TrailKind,
  type TrailPerson,
  type TrailRecordInput,
} from './trail-entry.model.js';
export { type TrailExportOptions, type TrailExportResult, TrailExportService } from './trail-export.service.js';
export { canonicalEntryParts, entryHash, partsHash } from './trail-hash.js';
export { DEFAULT_PSEUDONYM_KEY_FILE, DEFAULT_SIGNING_KEY_FILE, TrailKeys, openOrCreateSigningKey, rawPublicKey, writeNewTrailKeys } from './trail-keys.js';
export * from './trail-keys.open.js';
export * from './trail-prune.service.js';
export { type TrailPage, type TrailQuery, TrailQueryService } from './trail-query.service.js';
export { type TrailVerification, TrailVerifier } from './trail-verifier.service.js';
export * from './trail-view.js';
export * from './trail-writer.js';
