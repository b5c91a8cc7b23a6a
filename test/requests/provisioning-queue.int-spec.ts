/**
 * The provisioning jobs run by the real job queue (pg-boss on a real PostgreSQL) against a real slapd behind a relay
 * the test cuts: while the directory is down the queue tries the job again, and the membership is written once when it
 * is back; two replicas sharing the queue provision each grant once. The requests are kept by the in-memory store (the
 * queue and the directory are the real ones here).
 */
import type { FailedJob } from '#vigie/common';
import { createDirectoryWriter } from '#vigie/directory';
import { PgBossJobQueue, PgSqlClient } from '#vigie/persistence';
import { type AccessRequest, REQUEST_QUEUES } from '#vigie/requests';
import { anApprovedRequest } from '#vigie/requests/testing';
import { workRequestJobs } from '../../libs/application/src/scheduling/request-jobs.js';
import { accessRequestsWorld } from '#vigie/application/testing';
import { ProvisionAccess } from '../../libs/application/src/use-cases/provision-access/provision-access.use-case.js';
import { RemoveAccess } from '../../libs/application/src/use-cases/remove-access/remove-access.use-case.js';
import { type TestDatabase, createTestDatabase } from '../support/database.js';
import { type SlapdInstance, startSlapd } from '../support/slapd.js';
import { type TcpProxy, startTcpProxy } from '../support/tcp-proxy.js';

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
  const pools: PgSqlClient[] = [];
  const queues: PgBossJobQueue[] = [];
  const failed: FailedJob[] = [];

  const members = async () =>
    (await slapd.ldapTool('ldapsearch', ['-LLL', '-o', 'ldif-wrap=no', '-s', 'base', '-b', GROUP, '(objectClass=*)', 'member']))
      .split('\n')
      .filter((l) => l.startsWith('member: '))
      .map((l) => l.slice(8));

  /** A replica: its own pool and pg-boss, working the request queues with the use cases over the shared world. */
  const replica = async (world: ReturnType<typeof accessRequestsWorld>, runs: string[]) => {
    const pool = await PgSqlClient.connect({ url: db.url, dataDir: '' });
    pools.push(pool);
    const queue = await PgBossJobQueue.start(pool, {
      queues: Object.values(REQUEST_QUEUES),
      pollingIntervalSeconds: 0.5,
      onFailed: (j) => void failed.push(j),
    });
    queues.push(queue);
    const writer = createDirectoryWriter({
      directories: [
        { kind: 'ldap', name: 'corp-ldap', url: proxy.via(slapd.url), baseDn: SUFFIX, bindDn: slapd.rootDn, bindPassword: slapd.rootPassword, timeoutMs: 5000 },
      ],
    });
    const vigie = {
      run: async (name: string, input: { requestId: string }) => {
        runs.push(`${name} ${input.requestId}`);
        return name === 'provision-access' ? new ProvisionAccess(world.uow, writer).execute(input) : new RemoveAccess(world.uow, writer).execute(input);
      },
    };
    await workRequestJobs(queue, vigie as never);
    return queue;
  };
  const requestFor = (uid: string, n: number): AccessRequest =>
    anApprovedRequest({ directory: 'corp-ldap', groupDn: GROUP, memberDn: person(uid) }, { id: `0b7c4f6e-1d2a-4c3b-9e8f-${String(n).padStart(12, '0')}` });
  /** As the decision's unit of work enqueues it, with a short delay between tries for the test. */
  const enqueue = (queue: PgBossJobQueue, r: AccessRequest) =>
    queue.enqueue(REQUEST_QUEUES.provision, { requestId: r.id }, { singletonKey: `provision:${r.id}`, retryDelaySeconds: 1, retryBackoff: false });

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
  });

  afterEach(async () => {
    await Promise.all(queues.splice(0).map((q) => q.stop()));
    await Promise.all(pools.splice(0).map((p) => p.close()));
    failed.length = 0;
  });

  afterAll(async () => {
    await proxy?.cut();
    await slapd?.stop();
    await db?.drop();
  });

  it('tries the job again while the directory is down, and writes the membership once when it is back', async () => {
    const r = requestFor(PEOPLE[0], 1);
    const world = accessRequestsWorld(r);
    const runs: string[] = [];
    await proxy.cut();
    const queue = await replica(world, runs);
    expect(await enqueue(queue, r)).not.toBeNull();
    // Enqueued again for the same request (a decision retried): the queue keeps one.
    expect(await enqueue(queue, r)).toBeNull();
    await waitFor('two tries against the stopped directory', () => runs.length >= 2);
    expect(world.request(r.id).grant).toMatchObject({ status: 'provisioning', lastError: expect.stringContaining('connection refused') });
    expect(await members()).not.toContain(person(PEOPLE[0]));
    await proxy.restore();
    await waitFor('the grant to be active', () => world.request(r.id).grant?.status === 'active');
    expect((await members()).filter((m) => m === person(PEOPLE[0]))).toHaveLength(1);
    expect(world.trail.actions).toEqual(['access-grant.provisioned']);
    expect(failed).toEqual([]);
  });

  it('shares the queue between two replicas: each grant provisioned once, each job run once', async () => {
    const requests = PEOPLE.slice(1).map((uid, i) => requestFor(uid, 100 + i));
    const world = accessRequestsWorld(...requests);
    const runs: string[] = [];
    const [a] = [await replica(world, runs), await replica(world, runs)];
    for (const r of requests) await enqueue(a, r);
    await waitFor('every grant active', () => requests.every((r) => world.request(r.id).grant?.status === 'active'));
    const held = await members();
    for (const r of requests) expect([r.id, held.filter((m) => m === r.grant!.memberDn)]).toEqual([r.id, [r.grant!.memberDn]]);
    expect(world.trail.actions).toEqual(requests.map(() => 'access-grant.provisioned'));
    expect(runs.filter((x) => x.startsWith('provision-access'))).toHaveLength(requests.length);
    expect(world.jobs.filter((j) => j.name === REQUEST_QUEUES.notify)).toHaveLength(requests.length);
  });
});
