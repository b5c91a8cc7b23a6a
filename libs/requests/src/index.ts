export * from './access-request.model.js';
export * from './ports/access-request.store.js';
export * from './ports/request-notifier.port.js';
export { REQUEST_QUEUES } from './queues.js';
export * from './request-settings.js';
export { catalogueEntry, type RequestableItem, requestableItems } from './catalogue.js';
export { newAccessRequest } from './new-request.js';
export { cancelRequest, decideStage, type DecisionResult, type StageDecisionInput } from './request-decisions.js';
