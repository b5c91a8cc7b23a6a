export {
  type AccessRequest,
  type ApprovalStage,
  type ApprovalStageKind,
  type ApprovedMembership,
  type CatalogueEntry,
  type Delegation,
  type Grant,
  type GrantStatus,
  type PersonRef,
  REQUEST_STATUSES,
} from './access-request.model.js';
export * from './ports/access-request.store.js';
export * from './ports/request-notifier.port.js';
export { REQUEST_QUEUES } from './queues.js';
export { type RequestSettings, requestSettingsOf } from './request-settings.js';
export { catalogueEntry, type RequestableItem, requestableItems } from './catalogue.js';
export { newAccessRequest } from './new-request.js';
export { cancelRequest, decideStage, type DecisionResult } from './request-decisions.js';
export { attempting, ending, failed, provisioned, removalOf, removed, retrying } from './grant-lifecycle.js';
export { type DeadlineStep, deadlinesOf, dueAt } from './request-deadlines.js';
