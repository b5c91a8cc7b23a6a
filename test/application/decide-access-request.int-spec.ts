/**
 * Deciding access requests through the composed Vigie on a real PostgreSQL: each decision is checked under the
 * request's row lock in the transaction that writes it, its trail entry and its jobs (pg-boss's table, the outbox).
 */
import type { Vigie } from '#vigie/application';
import { aPersonRef, aStage, anAccessRequest } from '#vigie/requests/testing';
import { aPersonActor } from '#vigie/application/testing';
import type { AccessRequest } from '#vigie/requests';
import pg from 'pg';
import { type TestDatabase, createTestDatabase } from '../support/database.js';
import { testVigie } from '../support/vigie.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
const [adurand, bmartin, olga, oscar] = ['adurand', 'bmartin', 'olga', 'oscar'].map((l) => aPersonRef(l));
const approver = (login: string) => aPersonActor(login, ['approver', 'employee']);

describe('deciding access requests on a real PostgreSQL', () => {
  let db: TestDatabase;
  let vigie: Vigie;
  let sql: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    vigie = testVigie({ url: db.url, overrides: { directories: [{ name: 'corp', kind: 'ldif', file: fixture('ldif/ok/openldap-company.ldif') }] } });
    // The command line's `as` is found in the latest snapshot.
    await vigie.run('sync-directories', {});
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
  });

  afterAll(async () => {
    await sql?.end();
    await vigie?.close();
    await db?.drop();
  });

  let asked = 0;
  /** adurand asks for herself (each time for another project: one open request per access); bmartin, her manager, decides first, then the owners given. */
  async function aStoredRequest(owners: (typeof olga)[] = [olga!]): Promise<AccessRequest> {
    const r = anAccessRequest({
      requester: adurand!,
      resource: { ...anAccessRequest().resource, id: `group:project-${++asked}` },
      createdAt: new Date(),
      resourceOwners: owners.map((o) => o!.key),
      stages: [
        aStage('manager', [bmartin!], { openedAt: new Date() }),
        aStage(
          'owner',
          owners.map((o) => o!),
        ),
      ],
    });
    await (await vigie.dependencies.requestStore()).insert({ ...r, beneficiaryManager: bmartin!.key });
    return r;
  }

  const jobsOf = async (name: string, requestId: string) =>
    (await sql.query(`SELECT data FROM pgboss.job WHERE name = $1 AND data->>'requestId' = $2`, [name, requestId])).rows.map((r) => r.data);
  const trailOf = async (requestId: string) =>
    (await sql.query(`SELECT action FROM trail_entry WHERE target_type = 'access-request' AND target_id = $1 ORDER BY at, seq`, [requestId])).rows.map(
      (r) => r.action,
    );

  it('approves in two stages, manager from the command line then owner signed in, and enqueues the provisioning once', async () => {
    const r = await aStoredRequest();
    const afterManager = await vigie.run('decide-access-request', { id: r.id, decision: 'approve', comment: 'she closes the quarter', as: 'bmartin' });
    expect(afterManager).toMatchObject({ status: 'pending', currentStage: 1 });
    expect(await jobsOf('access.provision', r.id)).toEqual([]);
    const approved = await vigie.run('decide-access-request', { id: r.id, decision: 'approve', comment: 'fine for the owner' }, { actor: approver('olga') });
    expect(approved).toMatchObject({ status: 'approved', grant: { status: 'provisioning', groupDn: r.target.groupDn, memberDn: adurand!.dn } });
    expect(await vigie.run('show-access-request', { id: r.id }, { actor: aPersonActor('adurand', ['employee']) })).toEqual(approved);
    expect(await jobsOf('access.provision', r.id)).toEqual([{ requestId: r.id }]);
    expect((await jobsOf('access.notify', r.id)).map((d) => d.kind)).toEqual(expect.arrayContaining(['awaiting-decision', 'approved']));
    expect(await trailOf(r.id)).toEqual(['access-request.approved', 'access-request.approved']);
  });

  it('refuses self-approval and writes nothing', async () => {
    const own = anAccessRequest({ requester: bmartin!, stages: [aStage('manager', [bmartin!], { openedAt: new Date() })], createdAt: new Date() });
    await (await vigie.dependencies.requestStore()).insert({ ...own, beneficiaryManager: bmartin!.key });
    await expect(
      vigie.run('decide-access-request', { id: own.id, decision: 'approve', comment: 'my own' }, { actor: approver('bmartin') }),
    ).rejects.toMatchObject({ kind: 'forbidden' });
    expect(await trailOf(own.id)).toEqual([]);
    expect(await jobsOf('access.notify', own.id)).toEqual([]);
    expect((await (await vigie.dependencies.requestStore()).get(own.id))?.version).toBe(own.version);
  });

  it('records exactly one decision when two approvers of one stage decide at once, and provisions once', async () => {
    const r = await aStoredRequest([olga!, oscar!]);
    await vigie.run('decide-access-request', { id: r.id, decision: 'approve', comment: 'manager agrees' }, { actor: approver('bmartin') });
    const outcomes = await Promise.allSettled(
      ['olga', 'oscar'].map((login) =>
        vigie.run('decide-access-request', { id: r.id, decision: 'approve', comment: `owner ${login} agrees` }, { actor: approver(login) }),
      ),
    );
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: { kind: 'conflict' } });
    const stored = await (await vigie.dependencies.requestStore()).get(r.id);
    expect(stored).toMatchObject({ status: 'approved', version: 3 });
    expect(stored!.stages[1]!.decision).not.toBeNull();
    expect(await trailOf(r.id)).toEqual(['access-request.approved', 'access-request.approved']);
    expect(await jobsOf('access.provision', r.id)).toEqual([{ requestId: r.id }]);
  });
});
