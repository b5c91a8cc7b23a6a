import { type StaffRole, abilitiesFor, allowsEveryRecord } from '#vigie/access-control';
import type { UseCaseName } from '#vigie/application';
import { aPersonActor } from '#vigie/application/testing';
import type { VigieError } from '#vigie/common';
import { PERMISSION_MATRIX } from '../../apps/api/src/auth/permission-matrix.js';
import { type CompanyApi, startCompanyApi } from '../support/company-api.js';

/** A request id no request has. */
const NO_REQUEST = '00000000-0000-4000-8000-000000000000';

/**
 * What each route runs, with the input its probe sends (apps/api/src/auth/permission-matrix.ts): the use case checks
 * the same abilities as the guard, a second line, and the only one a person's conditions reach.
 */
const USE_CASE_OF: Record<string, { name: UseCaseName; input: Record<string, unknown>; allowed: 'ok' | VigieError['kind'] }> = {
  'GET /api/findings': { name: 'list-findings', input: { limit: '1' }, allowed: 'ok' },
  'GET /api/findings/export.csv': { name: 'list-findings', input: { severity: 'critical', limit: 500 }, allowed: 'ok' },
  'GET /api/statistics': { name: 'periodic-statistics', input: { from: '2026-01', to: '2026-02' }, allowed: 'ok' },
  'POST /api/reports': { name: 'generate-report', input: { format: 'doc' }, allowed: 'invalid-input' },
  'GET /api/reports': { name: 'list-reports', input: { limit: '1' }, allowed: 'ok' },
  'GET /api/reports/{id}/download': { name: 'download-report', input: { id: '00000000-0000-4000-8000-000000000000' }, allowed: 'not-found' },
  'GET /api/findings/{id}': { name: 'show-finding', input: { id: '0000' }, allowed: 'not-found' },
  'GET /api/dashboard': { name: 'show-dashboard', input: {}, allowed: 'ok' },
  'POST /api/findings/{id}/acknowledge': {
    name: 'decide-on-finding',
    input: { id: '0000', decision: 'acknowledge', reason: 'no finding has this id' },
    allowed: 'not-found',
  },
  'POST /api/findings/{id}/accept-risk': {
    name: 'decide-on-finding',
    input: { id: '0000', decision: 'accept-risk', reason: 'no finding has this id', until: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) },
    allowed: 'not-found',
  },
  'POST /api/audits': { name: 'run-audit', input: { asOf: 'not a date' }, allowed: 'invalid-input' },
  'GET /api/audit-log': { name: 'query-trail', input: { limit: '1' }, allowed: 'ok' },
  'GET /api/identities': { name: 'search-identities', input: { q: 'b' }, allowed: 'ok' },
  'GET /api/audit-log/verification': { name: 'trail-verification-status', input: {}, allowed: 'ok' },
  'GET /api/directory-changes': { name: 'list-directory-changes', input: { limit: '1' }, allowed: 'ok' },
  'GET /api/sync-runs': { name: 'list-sync-runs', input: { limit: '1' }, allowed: 'ok' },
  'GET /api/policy': { name: 'show-policy', input: {}, allowed: 'ok' },
  'GET /api/identities/{id}': { name: 'show-identity', input: { identity: 'bmartin' }, allowed: 'ok' },
  'GET /api/resources': { name: 'list-resources', input: { limit: '1' }, allowed: 'ok' },
  'GET /api/resources/{id}': { name: 'show-resource', input: { resource: 'share-finance' }, allowed: 'ok' },
  'GET /api/identities/{id}/access': { name: 'identity-access', input: { identity: 'bmartin' }, allowed: 'ok' },
  'GET /api/identities/{id}/access.csv': { name: 'identity-access', input: { identity: 'bmartin' }, allowed: 'ok' },
  'GET /api/resources/{id}/access': { name: 'resource-access', input: { resource: 'share-finance', limit: '1' }, allowed: 'ok' },
  'GET /api/resources/{id}/access.csv': { name: 'resource-access', input: { resource: 'share-finance', limit: 500, offset: 0 }, allowed: 'ok' },
  'GET /api/access-catalogue': { name: 'access-catalogue', input: {}, allowed: 'ok' },
  'POST /api/access-requests': {
    name: 'create-access-request',
    input: { resource: 'share-finance', level: 'read', justification: 'short' },
    allowed: 'invalid-input',
  },
  'GET /api/access-requests': { name: 'list-access-requests', input: { limit: '1' }, allowed: 'ok' },
  'GET /api/access-requests/{id}': { name: 'show-access-request', input: { id: NO_REQUEST }, allowed: 'not-found' },
  'POST /api/access-requests/{id}/approve': {
    name: 'decide-access-request',
    input: { id: NO_REQUEST, decision: 'approve', comment: 'no request has this id' },
    allowed: 'not-found',
  },
  'POST /api/access-requests/{id}/reject': {
    name: 'decide-access-request',
    input: { id: NO_REQUEST, decision: 'reject', comment: 'no request has this id' },
    allowed: 'not-found',
  },
  'POST /api/access-requests/{id}/cancel': { name: 'cancel-access-request', input: { id: NO_REQUEST }, allowed: 'not-found' },
  'POST /api/access-requests/{id}/revoke': { name: 'revoke-access-grant', input: { id: NO_REQUEST, reason: 'no request has this id' }, allowed: 'not-found' },
  'POST /api/delegations': { name: 'delegate-approvals', input: { deputy: 'ldurand', until: 'not a date' }, allowed: 'invalid-input' },
  'GET /api/hr/events': { name: 'list-hr-events', input: { limit: '1' }, allowed: 'ok' },
  'POST /api/hr/events/{id}/replay': { name: 'replay-hr-event', input: { id: NO_REQUEST }, allowed: 'not-found' },
};

/** Routes served by no use case: the guard (or the documents' middleware) checks the ability alone. */
const ABILITY_ONLY = ['GET /metrics', 'GET /api/docs-json', 'GET /api/docs-yaml'];

/**
 * Routes open to anyone, or to anyone signed in: no ability to check; and the SCIM routes, which no person's role
 * opens (their own token only, checked over HTTP by test/e2e/permission-matrix.e2e-spec.ts).
 */
const OPEN = new Set(['public', 'signed-in', 'scim-token']);

/** bmartin, signed in as a person: the roles an API token cannot carry. */
const PERSON_ROLES = ['approver', 'employee'] as const satisfies readonly StaffRole[];

/**
 * The permission matrix for the roles only a person holds (approver, employee), through the use cases run as a
 * person on a real PostgreSQL: the second line, behind the guard (test/e2e/permission-matrix.e2e-spec.ts checks the
 * first over HTTP, with web sessions), and the only one a person's conditions on their own records reach.
 */
describe('the permission matrix for the roles of a person', () => {
  let api: CompanyApi;

  beforeAll(async () => {
    api = await startCompanyApi();
  });

  afterAll(() => api?.close());

  const outcome = (promise: Promise<unknown>) =>
    promise.then(
      () => 'ok',
      (e: VigieError) => e.kind ?? `thrown: ${String(e)}`,
    );

  it('covers every route of the matrix', () => {
    const covered = Object.keys(PERMISSION_MATRIX).filter(
      (r) => OPEN.has(PERMISSION_MATRIX[r]!.ability) || Object.hasOwn(USE_CASE_OF, r) || ABILITY_ONLY.includes(r),
    );
    expect(covered).toEqual(Object.keys(PERMISSION_MATRIX));
  });

  it.each(PERSON_ROLES)('runs for a person with the role %s exactly what the matrix says', async (role) => {
    const actor = aPersonActor('bmartin', [role]);
    const got: Record<string, string> = {};
    const want: Record<string, string> = {};
    for (const [route, entry] of Object.entries(PERMISSION_MATRIX)) {
      if (OPEN.has(entry.ability)) continue;
      const expected = entry.roles[role];
      const useCase = USE_CASE_OF[route];
      if (!useCase) {
        const [action, subject] = entry.ability.split(' ') as [never, never];
        got[route] = allowsEveryRecord(abilitiesFor(actor as never), action, subject) ? 'allowed' : 'refused';
        want[route] = expected;
        continue;
      }
      got[route] = await outcome(api.vigie.run(useCase.name, useCase.input as never, { actor }));
      want[route] = expected === 'refused' ? 'forbidden' : useCase.allowed;
    }
    expect(got).toEqual(want);
  });

  it('finds an employee their own account only in a search, where an auditor finds everyone the search matches', async () => {
    const found = await api.vigie.run('search-identities', { q: 'b' }, { actor: aPersonActor('bmartin', ['employee']) });
    expect(found.items.map((a) => `${a.directory}/${a.login}`)).toEqual(['corp/bmartin']);
    expect((await api.vigie.run('search-identities', { q: 'adur' }, { actor: aPersonActor('bmartin', ['employee']) })).items).toEqual([]);
    const byAuditor = await api.vigie.run('search-identities', { q: 'adur' }, { actor: aPersonActor('cnoel', ['auditor']) });
    expect(byAuditor.items.map((a) => a.login)).toEqual(['adurand']);
  });

  it('shows an employee their own effective access, and answers another identity exactly as a missing one', async () => {
    const employee = { actor: aPersonActor('bmartin', ['employee']) };
    const own = await api.vigie.run('identity-access', { identity: 'bmartin' }, employee);
    expect(own.accounts.map((a) => `${a.directory}/${a.login}`)).toEqual(['corp/bmartin']);
    // By DN too, spelt another way.
    const byDn = await api.vigie.run('identity-access', { identity: 'UID=bmartin, OU=People, DC=acme, DC=test' }, employee);
    expect(byDn.accounts.map((a) => a.login)).toEqual(['bmartin']);

    const other = await api.vigie.run('identity-access', { identity: 'adurand' }, employee).catch((e: VigieError) => e);
    const missing = await api.vigie.run('identity-access', { identity: 'nobody-by-this-name' }, employee).catch((e: VigieError) => e);
    expect(other).toMatchObject({ kind: 'not-found' });
    expect((other as VigieError).message).toBe((missing as VigieError).message.replace('nobody-by-this-name', 'adurand'));
    // The auditor sees adurand: the identity exists.
    expect((await api.vigie.run('identity-access', { identity: 'adurand' }, { actor: aPersonActor('cnoel', ['auditor']) })).accounts).toHaveLength(1);
  });

  it('refuses an approver or an employee every finding decision and every trail read, as a person too', async () => {
    for (const roles of [['approver'], ['employee'], ['approver', 'employee']] as StaffRole[][]) {
      const actor = aPersonActor('bmartin', roles);
      await expect(api.vigie.run('list-findings', {}, { actor })).rejects.toMatchObject({ kind: 'forbidden' });
      await expect(api.vigie.run('query-trail', {}, { actor })).rejects.toMatchObject({ kind: 'forbidden' });
      await expect(api.vigie.run('explain-access', { identity: 'bmartin', resource: 'share-finance' }, { actor })).rejects.toMatchObject({
        kind: 'forbidden',
      });
    }
  });
});
