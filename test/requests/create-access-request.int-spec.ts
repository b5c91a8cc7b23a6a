import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Vigie, createVigie } from '#vigie/application';
import { aCliOperator, aPersonActor } from '#vigie/application/testing';
import { loadConfig } from '#vigie/config';
import { type ClosableSqlClient, openSqlClient } from '#vigie/persistence';
import { type TestDatabase, createTestDatabase } from '../support/database.js';
import { publishedFileFor, trailKeyEnv } from '../support/trail.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
const SHIPPED_POLICIES = new URL('../../policies', import.meta.url).pathname;

// The shipped policy, with a requests block naming two groups one may ask to join outside any resource: payroll
// (GG_Paie_Projet, nested in GG_RH, which writes the HR share) and a project group that breaks no SoD rule.
const REQUESTS_BLOCK = `
requests:
  groups:
    - group: GG_Paie_Projet
      description: Prepare the payroll with HR
      owner: E3002
      criticality: high
    - group: GG_Projet_Alpha
      description: Project Alpha's documents
      owner: E3032
`;

/**
 * Requesting on the real PostgreSQL, with the planted company's OpenLDAP export synchronised and the shipped policy:
 * the catalogue a person sees, an SoD conflict reachable only through nesting refused before anyone approves, and an
 * accepted request stored with its trail entry and its notice in one transaction.
 */
describe('requesting access', () => {
  let db: TestDatabase;
  let policies: string;
  let vigie: Vigie;
  let sql: ClosableSqlClient;
  const cli = { actor: aCliOperator() };

  beforeAll(async () => {
    policies = mkdtempSync(join(tmpdir(), 'vigie-requests-policy-'));
    cpSync(SHIPPED_POLICIES, policies, { recursive: true });
    appendFileSync(join(policies, 'settings/settings.yaml'), REQUESTS_BLOCK);
    db = await createTestDatabase();
    const config = loadConfig({
      env: { DATABASE_URL: db.url, ...trailKeyEnv() },
      file: '/dev/null',
      overrides: {
        log: { level: 'silent' },
        scheduler: { enabled: false },
        directories: [{ name: 'corp', kind: 'ldif', file: fixture('planted/openldap.ldif') }],
        policy: { dir: policies },
        trail: { publish: { file: publishedFileFor(db.url) } },
      },
    });
    vigie = createVigie(config);
    await vigie.run('sync-directories', {});
    sql = await openSqlClient(vigie.config.database);
  });

  afterAll(async () => {
    await sql?.close();
    await vigie?.close();
    await db?.drop();
    rmSync(policies, { recursive: true, force: true });
  });

  it("shows a person's catalogue: what they hold, what the access rules allow them, who decides", async () => {
    const entries = await vigie.run('access-catalogue', { for: 'lmercier' }, cli);
    const entry = (id: string, level: string) => entries.find((e) => e.resource.id === id && e.level === level);
    expect(entry('share-finance', 'write')).toMatchObject({
      alreadyHeld: true,
      allowedByPolicy: true,
      chain: ['manager', 'owner', 'security-officer'],
      maxDays: 90,
    });
    expect(entry('share-rh', 'write')).toMatchObject({ alreadyHeld: false, allowedByPolicy: false, exception: false });
    expect(entry('group:GG_Paie_Projet', 'member')).toMatchObject({ meaning: 'Prepare the payroll with HR', chain: ['manager', 'owner'], alreadyHeld: false });
  });

  it('refuses at request time an SoD conflict reachable only through nesting, naming the rule and the path', async () => {
    const refused = vigie.run(
      'create-access-request',
      { resource: 'group:GG_Paie_Projet', level: 'member', justification: 'help HR with the December payroll', as: 'lmercier' },
      cli,
    );
    await expect(refused).rejects.toMatchObject({ kind: 'conflict', message: expect.stringContaining('would break SoD rule payroll-and-payments') });
    await expect(refused).rejects.toMatchObject({ message: expect.stringMatching(/lmercier ∈ GG_Paie_Projet .*GG_Paie_Projet ∈ GG_RH/) });
    expect(await sql.query(`SELECT count(*)::int AS n FROM access_request`)).toEqual([{ n: 0 }]);
  });

  it('stores an accepted request with its trail entry and the first approvers notice, then refuses it twice', async () => {
    const input = { resource: 'group:GG_Projet_Alpha', level: 'member', justification: 'join project Alpha for its launch', as: 'lmercier' };
    const request = await vigie.run('create-access-request', input, cli);
    expect(request).toMatchObject({
      status: 'pending',
      resource: { id: 'group:GG_Projet_Alpha', criticality: 'medium' },
      target: { directory: 'corp', groupDn: 'cn=GG_Projet_Alpha,ou=groups,dc=acme,dc=test', memberDn: 'uid=lmercier,ou=people,dc=acme,dc=test' },
      durationDays: 30,
    });
    expect(await sql.query(`SELECT id, status FROM access_request`)).toEqual([{ id: request.id, status: 'pending' }]);
    expect(await sql.query(`SELECT action, target_id AS "targetId" FROM trail_entry WHERE action LIKE 'access-request.%'`)).toEqual([
      { action: 'access-request.created', targetId: request.id },
    ]);
    expect(await sql.query(`SELECT data->>'kind' AS kind, singleton_key AS key FROM pgboss.job WHERE name = 'access.notify'`)).toEqual([
      { kind: 'awaiting-decision', key: `notify:${request.id}:awaiting-decision:1` },
    ]);
    await expect(vigie.run('create-access-request', input, cli)).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining(`already has request ${request.id}`),
    });
  });

  it('keeps one of two identical requests made at once: the other is a conflict naming it', async () => {
    const input = { resource: 'group:GG_Projet_Alpha', level: 'member', justification: 'join project Alpha, asked twice at once', as: 'sroux' };
    // Both pass the duplicate check before either commits: the unique index decides between them.
    const [a, b] = await Promise.allSettled([vigie.run('create-access-request', input, cli), vigie.run('create-access-request', input, cli)]);
    const kept = [a, b].filter((r) => r.status === 'fulfilled');
    const refused = [a, b].filter((r) => r.status === 'rejected');
    expect([kept.length, refused.length]).toEqual([1, 1]);
    const id = (kept[0] as PromiseFulfilledResult<{ id: string }>).value.id;
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({
      kind: 'conflict',
      message: expect.stringMatching(new RegExp(`an open request for this access exists: request ${id}|already has request ${id}`)),
    });
    const rows = await sql.query(
      `SELECT id FROM access_request WHERE beneficiary_key = 'corp:uid=sroux,ou=people,dc=acme,dc=test' AND resource_id = 'group:GG_Projet_Alpha'`,
    );
    expect(rows).toEqual([{ id }]);
  });
});

/**
 * The request tests' company (test/fixtures/requests): managers by the manager attribute, owners by employee number,
 * and an HR clerk who writes the HR share only through two levels of nesting; its policy sends what the access rules
 * do not allow to the security officer as an exception.
 */
describe('requesting access in the request company', () => {
  let db: TestDatabase;
  let vigie: Vigie;
  const as = (login: string) => ({ actor: aPersonActor(login, ['employee']) });
  const ask = (login: string, more: Record<string, unknown>) =>
    vigie.run('create-access-request', { resource: 'share-finance', level: 'write', justification: 'year-end closing, two weeks', ...more }, as(login));

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadConfig({
      env: { DATABASE_URL: db.url, ...trailKeyEnv() },
      file: '/dev/null',
      overrides: {
        log: { level: 'silent' },
        scheduler: { enabled: false },
        directories: [{ name: 'corp', kind: 'ldif', file: fixture('requests/openldap-requests.ldif') }],
        policy: { dir: fixture('requests/policy') },
        trail: { publish: { file: publishedFileFor(db.url) } },
      },
    });
    vigie = createVigie(config);
    await vigie.run('sync-directories', {});
  });

  afterAll(async () => {
    await vigie?.close();
    await db?.drop();
  });

  it('refuses the HR clerk payments even as an exception: the SoD rule holds through two levels of nesting', async () => {
    const refused = ask('cdupont', {});
    await expect(refused).rejects.toMatchObject({ kind: 'conflict', message: expect.stringContaining('would break SoD rule payroll-and-payments') });
    await expect(refused).rejects.toMatchObject({
      message: expect.stringMatching(/cdupont ∈ payroll-team \(direct\).*payroll-team ∈ rh-staff.*rh-staff ∈ rh-share-rw/),
    });
  });

  it("sends a request the access rules do not allow to the security officer, with the rule's reason", async () => {
    const request = await ask('bmartin', {});
    expect(request.policyWarning).toMatch(/no access rule allows write on share-finance/);
    expect(request.stages.map((s) => [s.kind, s.approvers])).toEqual([
      ['manager', ['corp:uid=pmartin,ou=people,dc=acme,dc=test']],
      ['owner', ['corp:uid=dgarnier,ou=people,dc=acme,dc=test']],
      ['security-officer', []],
    ]);
  });

  it('lets a manager ask for a report; the stage the manager would decide goes to the security officer, once', async () => {
    const request = await ask('pmartin', { for: 'adurand', level: 'read' });
    expect(request.requester.login).toBe('pmartin');
    expect(request.beneficiary.login).toBe('adurand');
    // The manager asked: his stage cannot be his; the owner (dgarnier) decides hers, the security officer last, once.
    expect(request.stages.map((s) => s.kind)).toEqual(['owner', 'security-officer']);
    expect(request.stages[1]).toMatchObject({ note: expect.stringMatching(/the manager asked/) });
    await expect(ask('bmartin', { for: 'adurand', level: 'read' })).rejects.toMatchObject({ kind: 'forbidden' });
  });
});
