import type { StaffRole } from '#vigie/access-control';

/**
 * What each role gets on a route: `allowed` (every record), `own` (only the caller's own records: another's answered
 * as missing, 404), `refused` (403).
 */
export type RoleOutcome = 'allowed' | 'own' | 'refused';

export interface PermissionEntry {
  /**
   * `public` (no credentials needed), `signed-in` (any token or session, whatever the roles: what concerns one's own
   * sign-in), `scim-token` (the SCIM token only: every staff token and session is refused, 401) or the ability the
   * route declares, `action Subject`.
   */
  ability: 'public' | 'signed-in' | 'scim-token' | `${string} ${string}`;
  /** The outcome per role; for a public or signed-in route, every role is allowed. */
  roles: Record<StaffRole, RoleOutcome>;
  /**
   * A request the permission test sends: `path` filled in, a body, the status an allowed caller gets (2xx, or a 4xx
   * for its input: a route that changes state is sent an input it refuses, so that the test changes nothing).
   */
  probe: { path: string; body?: Record<string, unknown>; expect: number | { token: number; session: number } };
  /** What an `own` outcome means, for the documentation. */
  note?: string;
}

const everyone: Record<StaffRole, RoleOutcome> = {
  admin: 'allowed',
  'security-officer': 'allowed',
  approver: 'allowed',
  auditor: 'allowed',
  employee: 'allowed',
};
const only = (...roles: StaffRole[]): Record<StaffRole, RoleOutcome> =>
  Object.fromEntries(Object.keys(everyone).map((r) => [r, roles.includes(r as StaffRole) ? 'allowed' : 'refused'])) as Record<StaffRole, RoleOutcome>;
const readers = only('admin', 'security-officer', 'auditor');
/** Access requests: asked for oneself by an employee (no token asks: a token is nobody). */
const askers: Record<StaffRole, RoleOutcome> = { ...only(), employee: 'own' };
/** Decided by an approver at their stage, or a security officer at theirs, as a person: a token decides nothing (403). */
const deciders: Record<StaffRole, RoleOutcome> = { ...only('security-officer'), approver: 'own' };
const NO_REQUEST = '/api/access-requests/00000000-0000-4000-8000-000000000000';
/** SCIM (the provisioning client's token, not staff's): no role opens it, whatever it holds; the probe is what the SCIM token gets. */
const scimOnly = (path: string, expect: number, body?: Record<string, unknown>): PermissionEntry => ({
  ability: 'scim-token',
  roles: only(),
  probe: { path, expect, ...(body ? { body } : {}) },
});
const NO_USER = '/scim/v2/Users/00000000-0000-4000-8000-000000000000';
const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

/**
 * Who may use each route of the API, by role: the one place the permission test (test/e2e/permission-matrix.e2e-spec.ts)
 * checks against the running API, and docs/permissions.md is generated from (`npm run docs:permissions`). A route
 * the API serves without an entry here fails that test. Keys are `METHOD path`, with `{param}` as the OpenAPI
 * document writes them. No credentials, an expired token and a revoked token get 401 on every route but the public ones;
 * each role is checked with a token (the roles a token may carry) and with a web session.
 */
export const PERMISSION_MATRIX: Record<string, PermissionEntry> = {
  'GET /health': { ability: 'public', roles: everyone, probe: { path: '/health', expect: 200 } },
  'GET /health/live': { ability: 'public', roles: everyone, probe: { path: '/health/live', expect: 200 } },
  'GET /health/ready': { ability: 'public', roles: everyone, probe: { path: '/health/ready', expect: 200 } },
  'POST /api/auth/sign-in': { ability: 'public', roles: everyone, probe: { path: '/api/auth/sign-in', body: { login: 'someone' }, expect: 400 } },
  'GET /api/auth/session': { ability: 'signed-in', roles: everyone, probe: { path: '/api/auth/session', expect: 200 } },
  'POST /api/auth/sign-out': {
    ability: 'signed-in',
    roles: everyone,
    // A token is not signed out (revoked instead): 400; a session is.
    probe: { path: '/api/auth/sign-out', expect: { token: 400, session: 200 } },
  },
  // OpenID Connect is not set up in the test's configuration: nothing to start, and no sign-in under way to finish.
  'GET /api/auth/oidc/start': { ability: 'public', roles: everyone, probe: { path: '/api/auth/oidc/start', expect: 404 } },
  'GET /api/auth/oidc/callback': { ability: 'public', roles: everyone, probe: { path: '/api/auth/oidc/callback', expect: 401 } },
  'GET /metrics': { ability: 'read Metrics', roles: only('admin', 'security-officer'), probe: { path: '/metrics', expect: 200 } },
  'GET /api/findings': { ability: 'read Finding', roles: readers, probe: { path: '/api/findings?limit=1', expect: 200 } },
  'GET /api/findings/export.csv': { ability: 'read Finding', roles: readers, probe: { path: '/api/findings/export.csv?severity=critical', expect: 200 } },
  'GET /api/statistics': { ability: 'read Report', roles: readers, probe: { path: '/api/statistics?from=2026-01&to=2026-02', expect: 200 } },
  'POST /api/reports': {
    ability: 'create Report',
    roles: only('security-officer'),
    probe: { path: '/api/reports', body: { format: 'doc' }, expect: 400 },
  },
  'GET /api/reports': { ability: 'read Report', roles: readers, probe: { path: '/api/reports?limit=1', expect: 200 } },
  'GET /api/reports/{id}/download': {
    ability: 'read Report',
    roles: readers,
    probe: { path: '/api/reports/00000000-0000-4000-8000-000000000000/download', expect: 404 },
  },
  'GET /api/findings/{id}': { ability: 'read Finding', roles: readers, probe: { path: '/api/findings/0000', expect: 404 } },
  'GET /api/dashboard': { ability: 'read Finding', roles: readers, probe: { path: '/api/dashboard', expect: 200 } },
  'POST /api/findings/{id}/acknowledge': {
    ability: 'update Finding',
    roles: only('security-officer'),
    probe: { path: '/api/findings/0000/acknowledge', body: { reason: 'no finding has this id' }, expect: 404 },
  },
  'POST /api/findings/{id}/accept-risk': {
    ability: 'update Finding',
    roles: only('security-officer'),
    // A valid decision on a finding that does not exist: past the guard and the input's checks, and nothing changes.
    probe: { path: '/api/findings/0000/accept-risk', body: { reason: 'no finding has this id', until: inAMonth() }, expect: 404 },
  },
  'POST /api/audits': {
    ability: 'create AuditRun',
    roles: only('admin', 'security-officer'),
    probe: { path: '/api/audits', body: { asOf: 'not a date' }, expect: 400 },
  },
  'GET /api/audit-log': { ability: 'read AuditLog', roles: readers, probe: { path: '/api/audit-log?limit=1', expect: 200 } },
  'GET /api/audit-log/verification': { ability: 'read AuditLog', roles: readers, probe: { path: '/api/audit-log/verification', expect: 200 } },
  'GET /api/directory-changes': { ability: 'read SyncRun', roles: readers, probe: { path: '/api/directory-changes?limit=1', expect: 200 } },
  'GET /api/sync-runs': { ability: 'read SyncRun', roles: readers, probe: { path: '/api/sync-runs?limit=1', expect: 200 } },
  'GET /api/policy': { ability: 'read Policy', roles: readers, probe: { path: '/api/policy', expect: 200 } },
  'GET /api/identities': {
    ability: 'read Access',
    roles: { ...readers, employee: 'own' },
    probe: { path: '/api/identities?q=b&limit=1', expect: 200 },
    note: 'an employee finds their own account only',
  },
  'GET /api/identities/{id}': {
    ability: 'read Access',
    roles: { ...readers, employee: 'own' },
    probe: { path: '/api/identities/bmartin', expect: 200 },
    note: 'an employee reads their own page only (another identity is answered 404, as a missing one); the HR history only for roles that read HR events',
  },
  'GET /api/resources': { ability: 'read Access', roles: readers, probe: { path: '/api/resources?limit=1', expect: 200 } },
  'GET /api/resources/{id}': { ability: 'read Access', roles: readers, probe: { path: '/api/resources/share-finance', expect: 200 } },
  'GET /api/identities/{id}/access': {
    ability: 'read Access',
    roles: { ...readers, employee: 'own' },
    probe: { path: '/api/identities/bmartin/access', expect: 200 },
    note: "an employee reads their own accounts' access only; another identity is answered 404, as a missing one",
  },
  'GET /api/identities/{id}/access.csv': {
    ability: 'read Access',
    roles: { ...readers, employee: 'own' },
    probe: { path: '/api/identities/bmartin/access.csv', expect: 200 },
    note: "an employee exports their own accounts' access only; another identity is answered 404, as a missing one",
  },
  'GET /api/resources/{id}/access': { ability: 'read Access', roles: readers, probe: { path: '/api/resources/share-finance/access?limit=1', expect: 200 } },
  'GET /api/resources/{id}/access.csv': { ability: 'read Access', roles: readers, probe: { path: '/api/resources/share-finance/access.csv', expect: 200 } },
  'GET /api/access-catalogue': {
    ability: 'create AccessRequest',
    roles: askers,
    probe: { path: '/api/access-catalogue', expect: 200 },
    note: 'an employee sees what they may ask for themselves',
  },
  'POST /api/access-requests': {
    ability: 'create AccessRequest',
    roles: askers,
    // A justification too short to be read: refused as input, nothing is asked.
    probe: { path: '/api/access-requests', body: { resource: 'share-finance', level: 'read', justification: 'short' }, expect: 400 },
    note: 'an employee asks for themselves',
  },
  'GET /api/access-requests': {
    ability: 'read AccessRequest',
    roles: { ...readers, approver: 'own', employee: 'own' },
    probe: { path: '/api/access-requests?limit=1', expect: 200 },
    note: "an approver lists the requests they may decide (their reports', their resources'), an employee those they made or that are for them",
  },
  'GET /api/access-requests/{id}': {
    ability: 'read AccessRequest',
    roles: { ...readers, approver: 'own', employee: 'own' },
    probe: { path: NO_REQUEST, expect: 404 },
    note: "an approver reads the requests they may decide, an employee those they made or that are for them; another's is answered 404, as a missing one",
  },
  'POST /api/access-requests/{id}/approve': {
    ability: 'decide AccessRequest',
    roles: deciders,
    // A comment too short: refused as input by a person who may decide; a security officer's token decides nothing (403).
    probe: { path: `${NO_REQUEST}/approve`, body: { comment: 'x' }, expect: { token: 403, session: 400 } },
    note: "an approver decides the stage they are an approver of (their reports', their resources'), or as a deputy; a security officer decides as a person, never with a token; nobody decides their own request",
  },
  'POST /api/access-requests/{id}/reject': {
    ability: 'decide AccessRequest',
    roles: deciders,
    probe: { path: `${NO_REQUEST}/reject`, body: { comment: 'x' }, expect: { token: 403, session: 400 } },
    note: 'as for approve',
  },
  'POST /api/access-requests/{id}/cancel': {
    ability: 'create AccessRequest',
    roles: askers,
    probe: { path: `${NO_REQUEST}/cancel`, expect: 404 },
    note: 'an employee withdraws a request they made',
  },
  'POST /api/access-requests/{id}/revoke': {
    ability: 'decide AccessRequest',
    roles: deciders,
    probe: { path: `${NO_REQUEST}/revoke`, body: { reason: 'short' }, expect: { token: 403, session: 400 } },
    note: 'an approver revokes the grants of their resources (the owner); a security officer revokes any, as a person',
  },
  'POST /api/delegations': {
    ability: 'decide AccessRequest',
    roles: deciders,
    probe: { path: '/api/delegations', body: { deputy: 'ldurand', until: 'not a date' }, expect: { token: 403, session: 400 } },
    note: 'an approver delegates their own approvals to a deputy for a period',
  },
  'GET /scim/v2/Users': scimOnly('/scim/v2/Users?filter=userName%20eq%20%22nobody%22', 200),
  'POST /scim/v2/Users': scimOnly('/scim/v2/Users', 400, { userName: 'no employee id' }),
  'GET /scim/v2/Users/{id}': scimOnly(NO_USER, 404),
  'PUT /scim/v2/Users/{id}': scimOnly(NO_USER, 404, { userName: 'nobody' }),
  'PATCH /scim/v2/Users/{id}': scimOnly(NO_USER, 404, { Operations: [] }),
  'DELETE /scim/v2/Users/{id}': scimOnly(NO_USER, 404),
  'POST /scim/v2/Bulk': scimOnly('/scim/v2/Bulk', 400, { Operations: [] }),
  'GET /scim/v2/ServiceProviderConfig': scimOnly('/scim/v2/ServiceProviderConfig', 200),
  'GET /scim/v2/Schemas': scimOnly('/scim/v2/Schemas', 200),
  'GET /scim/v2/Schemas/{id}': scimOnly('/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User', 200),
  'GET /scim/v2/ResourceTypes': scimOnly('/scim/v2/ResourceTypes', 200),
  'GET /scim/v2/ResourceTypes/{id}': scimOnly('/scim/v2/ResourceTypes/User', 200),
  // The HR system's webhook: no staff credential opens it, its HMAC signature alone (none here: 401, whoever calls).
  'POST /api/hr/events': {
    ability: 'public',
    roles: everyone,
    probe: { path: '/api/hr/events', body: { eventId: 'probe', type: 'hire', effectiveDate: 'not a date', person: { employeeId: 'E0' } }, expect: 401 },
  },
  'GET /api/hr/events': {
    ability: 'read HrEvent',
    roles: only('admin', 'security-officer'),
    probe: { path: '/api/hr/events?limit=1', expect: 200 },
  },
  'POST /api/hr/events/{id}/replay': {
    ability: 'update HrEvent',
    roles: only('admin'),
    probe: { path: '/api/hr/events/00000000-0000-4000-8000-000000000000/replay', expect: 404 },
  },
  // BambooHR's webhook: opened by the signature of its private key alone (none here: 401, whoever calls).
  'POST /api/hr/bamboohr': { ability: 'public', roles: everyone, probe: { path: '/api/hr/bamboohr', body: {}, expect: 401 } },
  'GET /api/docs': { ability: 'public', roles: everyone, probe: { path: '/api/docs', expect: 200 } },
  'GET /api/docs/vigie-docs.js': { ability: 'public', roles: everyone, probe: { path: '/api/docs/vigie-docs.js', expect: 200 } },
  'GET /api/docs/{asset}': { ability: 'public', roles: everyone, probe: { path: '/api/docs/swagger-ui.css', expect: 200 } },
  'GET /api/docs-json': { ability: 'read ApiDocs', roles: everyone, probe: { path: '/api/docs-json', expect: 200 } },
  'GET /api/docs-yaml': { ability: 'read ApiDocs', roles: everyone, probe: { path: '/api/docs-yaml', expect: 200 } },
};
