// The application layer: what the command line, the API and the worker use. Nothing here loads a use case's
// modules (`createVigie` loads each one when it is first run), nor a library a command may not need: `vigie sync`
// imports this file, and must not pay for the policy parser or the clock.
export { createVigie, rolesOf, type Vigie } from './composition/create-vigie.js';
export type { Dependencies } from './composition/dependencies.js';
export type { UseCaseInput, UseCaseName, UseCaseOutput } from './composition/use-case-registry.js';
export { selectDirectories, syncSettingsFor } from './directory-sources.js';
export type { UseCaseContext } from './use-case.js';
export type { SyncDirectoriesOutput } from './use-cases/sync-directories/sync-directories.use-case.js';
export { reportError, runMain } from './process/run-main.js';
export { exitCodeOf } from './process/exit-codes.js';
export { formatPolicySimulation, startScheduler } from './lazy-entry-points.js';
export { ScheduledJobs } from './scheduling/scheduled-jobs.js';
export { acceptRiskBody, acknowledgeBody } from './use-cases/decide-on-finding/decide-on-finding.input.js';
export { reportRequestInput } from './use-cases/build-compliance-report/build-compliance-report.input.js';
export { runAuditBody } from './use-cases/run-audit/run-audit.input.js';
export { signInInput as signInBody } from './use-cases/sign-in/sign-in.input.js';
export type { SignedIn } from './use-cases/sign-in/sign-in.use-case.js';
export type { IdentityView } from './use-cases/show-identity/show-identity.use-case.js';
export { createAccessRequestBody } from './use-cases/create-access-request/create-access-request.input.js';
export { decideAccessRequestBody } from './use-cases/decide-access-request/decide-access-request.input.js';
export { revokeAccessGrantBody } from './use-cases/revoke-access-grant/revoke-access-grant.input.js';
export { delegateApprovalsBody } from './use-cases/delegate-approvals/delegate-approvals.input.js';
export {
  type AccessRequestView,
  type AccessRequestsPageView,
  type CatalogueEntryView,
  type DelegationView,
  type PersonView,
  accessRequestView,
  accessRequestsPageView,
  catalogueEntryView,
  delegationView,
} from './requests/access-request.view.js';
export { scimErrorBody, scimStatusOf, scimTypeOf } from './scim/scim-error.js';
export { SCIM_MAX_PAYLOAD_BYTES } from './scim/scim-settings.js';
export { type HrEventView, type HrEventsPageView, hrEventView, hrEventsPageView } from './hr/hr-event.view.js';
export { hrWebhookEventBody } from './use-cases/receive-hr-event/receive-hr-event.input.js';
export type { HrWebhookAnswer } from './use-cases/receive-hr-webhook/receive-hr-webhook.use-case.js';
