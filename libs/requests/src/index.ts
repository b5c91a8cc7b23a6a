export * from './access-request.model.js';
export * from './ports/access-request.store.js';
export * from './ports/request-notifier.port.js';
export { REQUEST_QUEUES } from './queues.js';
export * from './request-settings.js';
export { cancelRequest, decideStage, type DecisionResult } from './request-decisions.js';
export { attempting, ending, failed, provisioned, removalOf, removed, retrying } from './grant-lifecycle.js';
export { type DeadlineStep, deadlinesOf, remindersOpenedBefore } from './request-deadlines.js';
