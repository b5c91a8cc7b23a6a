/**
 * The provisioning jobs run by the real job queue (pg-boss on a real PostgreSQL) against a real slapd behind a relay
 * the test cuts: while the directory is down the queue tries the job again, and the membership is written once when it
 * is back; two replicas sharing the queue provision each grant once. Each replica is a Vigie composed on the test
 * database: the requests, the trail and the jobs are the real store's rows.
 */
import type { Vigie } from '#vigie/application';
import { type AccessRequest, REQUEST_QUEUES } from '#vigie/requests';
import { aPersonRef, anApprovedRequest } from '#vigie/requests/testing';
import pg from 'pg';
import { workRequestJobs } from '../../libs/application/src/scheduling/request-jobs.js';
import { type TestDatabase, createTestDatabase } from '../support/database.js';
import { type SlapdInstance, startSlapd } from '../support/slapd.js';
import { type TcpProxy, startTcpProxy } from '../support/tcp-proxy.js';
import { testVigie } from '../support/vigie.js';

const SUFFIX = 'dc=acme,dc=test';
const GROUP = `cn=vpn-users,ou=groups,${SUFFIX}`;
const person = (uid: string) => `uid=${uid},ou=people,${SUFFIX}`;
const PEOPLE = Array.from({ length: 12 }, (_, i) => `p${String(i).padStart(2, '0')}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, done: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe('provisioning through the job queue (pg-boss) to a real slapd', () => {
  let db: TestDatabase;
  let slapd: SlapdInstance;
  let proxy: TcpProxy;
  let sql: pg.Client;
  const replicas: Vigie[] = [];

  const members = async () =>
    (await slapd.ldapTool('ldapsearch', ['-LLL', '-o', 'ldif-wrap=no', '-s', 'base', '-b', GROUP, '(objectClass=*)', 'member']))
      .split('\n')
      .filter((l) => l.startsWith('member: '))
      .map((l) => l.slice(8));

  /** A replica: a Vigie on the test database writing slapd through the relay, its workers on the request queues. */
  const replica = async (runs: string[]) => {
    const vigie = testVigie({
      url: db.url,
      env: { LDAP_PASSWORD: slapd.rootPassword },
      overrides: {
        log: { level: 'silent' },
        directories: [
          {
            kind: 'ldap',
            name: 'corp-ldap',
            url: proxy.via(slapd.url),
            baseDn: SUFFIX,
            bindDn: slapd.rootDn,
            bindPasswordEnv: 'LDAP_PASSWORD',
            timeoutMs: 5000,
          },
        ],
      },
    });
    replicas.push(vigie);
    const counted: Pick<Vigie, 'run'> = {
      run: (name, input, context) => {
        runs.push(`${name} ${(input as { requestId: string }).requestId}`);
        return vigie.run(name, input, context);
      },
    };
    const queue = await vigie.dependencies.jobQueue();
    await workRequestJobs(queue, counted);
    return { vigie, queue };
  };
  const requestFor = (uid: string, n: number): AccessRequest =>
    anApprovedRequest(
      { directory: 'corp-ldap', groupDn: GROUP, memberDn: person(uid) },
      { id: `0b7c4f6e-1d2a-4c3b-9e8f-${String(n).padStart(12, '0')}`, beneficiary: aPersonRef(uid, { directory: 'corp-ldap' }) },
    );
  const stored = async (vigie: Vigie, ...requests: AccessRequest[]) => {
    const store = await vigie.dependencies.requestStore();
    for (const r of requests) await store.insert(r);
    return store;
  };
  /** As the decision's unit of work enqueues it, with a short delay between tries for the test. */
  const enqueue = (queue: Awaited<ReturnType<typeof replica>>['queue'], r: AccessRequest) =>
    queue.enqueue(REQUEST_QUEUES.provision, { requestId: r.id }, { singletonKey: `provision:${r.id}`, retryDelaySeconds: 1, retryBackoff: false });
  /** The trail actions on these requests, oldest first (the target id is in the personal part: query-trail reads both). */
  const trailOf = async (vigie: Vigie, ids: string[]) => {
    const pages = await Promise.all(ids.map((target) => vigie.run('query-trail', { target, limit: 500 })));
    return pages.flatMap((p) => p.entries.map((e) => e.action).reverse());
  };
  const jobsOf = async (name: string, ids: string[], state?: string) =>
    (
      await sql.query(`SELECT id FROM pgboss.job WHERE name = $1 AND data->>'requestId' = ANY($2) AND ($3::text IS NULL OR state::text = $3)`, [
        name,
        ids,
        state ?? null,
      ])
    ).rowCount;

  beforeAll(async () => {
    const ldif = [
      `dn: ou=people,${SUFFIX}\nobjectClass: organizationalUnit\nou: people\n`,
      `dn: ou=groups,${SUFFIX}\nobjectClass: organizationalUnit\nou: groups\n`,
      ...PEOPLE.map((uid) => `dn: ${person(uid)}\nobjectClass: inetOrgPerson\nuid: ${uid}\ncn: ${uid}\nsn: ${uid}\n`),
      `dn: ${GROUP}\nobjectClass: groupOfNames\ncn: vpn-users\nmember: cn=admin,${SUFFIX}\n`,
    ].join('\n');
    [db, slapd] = await Promise.all([createTestDatabase(), startSlapd({ ldif })]);
    const url = new URL(slapd.url);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port) });
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
  });

  afterEach(async () => {
    await Promise.all(replicas.splice(0).map((v) => v.close()));
  });

  afterAll(async () => {
    await sql?.end();
    await proxy?.cut();
    await slapd?.stop();
    await db?.drop();
  });

  it('tries the job again while the directory is down, and writes the membership once when it is back', async () => {
    const r = requestFor(PEOPLE[0], 1);
    const runs: string[] = [];
    await proxy.cut();
    const { vigie, queue } = await replica(runs);
    const store = await stored(vigie, r);
    const grantOf = async () => (await store.get(r.id))?.grant;
    expect(await enqueue(queue, r)).not.toBeNull();
    // Enqueued again for the same request (a decision retried): the queue keeps one.
    expect(await enqueue(queue, r)).toBeNull();
    await waitFor('two tries against the stopped directory', () => runs.length >= 2);
    await waitFor('the error kept on the grant', async () => !!(await grantOf())?.lastError);
    expect(await grantOf()).toMatchObject({ status: 'provisioning', lastError: expect.stringContaining('connection refused') });
    expect(await members()).not.toContain(person(PEOPLE[0]));
    await proxy.restore();
    await waitFor('the grant to be active', async () => (await grantOf())?.status === 'active');
    expect((await members()).filter((m) => m === person(PEOPLE[0]))).toHaveLength(1);
    expect(await trailOf(vigie, [r.id])).toEqual(['access-grant.provisioned']);
    expect(await jobsOf(REQUEST_QUEUES.provision, [r.id], 'failed')).toBe(0);
  });

  it('shares the queue between two replicas: each grant provisioned once, each job run once', async () => {
    const requests = PEOPLE.slice(1).map((uid, i) => requestFor(uid, 100 + i));
    const runs: string[] = [];
    const [a] = [await replica(runs), await replica(runs)];
    const store = await stored(a.vigie, ...requests);
    for (const r of requests) await enqueue(a.queue, r);
    const active = async () => (await Promise.all(requests.map((r) => store.get(r.id)))).every((r) => r?.grant?.status === 'active');
    await waitFor('every grant active', active);
    const held = await members();
    for (const r of requests) expect([r.id, held.filter((m) => m === r.grant!.memberDn)]).toEqual([r.id, [r.grant!.memberDn]]);
    const ids = requests.map((r) => r.id);
    expect(await trailOf(a.vigie, ids)).toEqual(requests.map(() => 'access-grant.provisioned'));
    expect(runs.filter((x) => x.startsWith('provision-access'))).toHaveLength(requests.length);
    expect(await jobsOf(REQUEST_QUEUES.notify, ids)).toBe(requests.length);
  });
});
