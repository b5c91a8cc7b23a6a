// What other libraries use of effective access. The membership graph and the reach index stay inside: callers ask
// `Memberships` (who is in what, and how) and `EffectiveAccessCalculator` (who reaches which resource) instead.
export { EffectiveAccessCalculator, type Grant } from './effective-access.calculator.js';
export { type EffectiveEntitlement, explainEntitlement, explainPath, type PathStep, type Principal } from './effective-access.model.js';
export {
  type AccountFilter,
  EffectiveAccessService,
  type ExplanationView,
  type IdentityAccessView,
  type IdentityGroupsView,
  type ResourceSummary,
  type ResourceAccessView,
} from './effective-access.service.js';
export { formatExplanation } from './explanation.formatter.js';
export { type GroupReferenceStatus, readGroupReference } from './group-reference.js';
export { GroupReferenceResolver } from './group-reference.resolver.js';
export { membershipsOf } from './graph-memberships.js';
export type { Memberships, NewReach, StandingLink } from './memberships.js';
export { AccessSliceStore } from './ports/access-slice.store.js';
export { DomainRid, domainRidOf, isImplicitSid, sidOfForeignDn } from './well-known-principals.js';
export { AccessCsv } from './formatters/access-csv.formatter.js';
