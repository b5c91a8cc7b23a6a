/**
 * Access requests end to end on a real OpenLDAP and a real PostgreSQL, over the HTTP API with people's web sessions,
 * the request workers running in the API process (as `vigie serve` runs them): a request, its two-stage approval
 * (the manager, then the resource's owner), the membership written once and read back in slapd, its removal when the
 * grant ends; self-approval and the wrong stage refused; a separation-of-duties conflict reachable only through two
 * levels of nesting refused before anyone approves; the directory cut while a grant is provisioned, written once when
 * it is back; a job left in the queue while no worker runs, and two workers on one queue, each grant written once;
 * G-PRIV-CHANGE silent for an approved privileged grant and loud for the same change made by hand.
 */
import { readFileSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'ldapts';
import pg from 'pg';
import request from 'supertest';
import type { StaffRole } from '#vigie/access-control';
import { type Vigie, createVigie } from '#vigie/application';
import { loadConfig } from '#vigie/config';
import { createHttpApp } from '../../apps/api/src/create-http-app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { ldapModify, type SlapdInstance, startSlapd } from '../support/slapd.js';
import { signInAs, type TestSession } from '../support/staff-sessions.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { publishedFileFor, trailKeyEnv } from '../support/trail.js';

const fixture = (name: string) => new URL(`../fixtures/requests/${name}`, import.meta.url).pathname;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const dnOf = (login: string) => `uid=${login},ou=people,dc=acme,dc=test`;
const groupDn = (cn: string) => `cn=${cn},ou=groups,dc=acme,dc=test`;
const KEYS = trailKeyEnv();

interface RequestView {
  id: string;
  status: string;
  requestExpiresAt: string;
  currentStage: { kind: string } | null;
  grant: { status: string; startsAt: string | null; endsAt: string | null; provisioned: string | null; lastError: string | null } | null;
}

describe('access requests on OpenLDAP: asked, approved in two stages, provisioned once, taken back on time', () => {
  let slapd: SlapdInstance;
  let proxy: TcpProxy;
  let db: TestDatabase;
  let sql: pg.Client;
  let ldap: Client;
  let vigie: Vigie;
  let app: INestApplication;
  const sessions = new Map<string, TestSession>();

  /** A Vigie of this test's database and directory; `workers: false` composes one whose request jobs nobody runs. */
  const configOf = () =>
    loadConfig({
      env: { DATABASE_URL: db.url, LDAP_PASSWORD: slapd.rootPassword, ...KEYS },
      file: '/dev/null',
      overrides: {
        log: { level: 'silent' },
        scheduler: { enabled: false },
        directories: [
          {
            name: 'corp',
            kind: 'ldap',
            url: proxy.via(slapd.url),
            baseDn: slapd.suffix,
            bindDn: slapd.rootDn,
            bindPasswordEnv: 'LDAP_PASSWORD',
            timeoutMs: 3000,
          },
        ],
        policy: { dir: fixture('policy') },
        trail: { publish: { file: publishedFileFor(db.url) } },
      },
    });

  const roles: Record<string, StaffRole[]> = {
    // adurand approves for others too: her own request stays hers to wait on.
    adurand: ['employee', 'approver'],
    jmoreau: ['employee'],
    cdupont: ['employee'],
    bmartin: ['employee'],
    pmartin: ['employee', 'approver'],
    dgarnier: ['employee', 'approver'],
    hlefevre: ['employee', 'approver'],
    rssi: ['employee', 'security-officer'],
  };

  beforeAll(async () => {
    [slapd, db] = await Promise.all([startSlapd({ ldif: readFileSync(fixture('openldap-requests.ldif'), 'utf8') }), createTestDatabase()]);
    const url = new URL(slapd.url);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port) });
    vigie = createVigie(configOf());
    app = await createHttpApp(vigie, { withWorker: true });
    await app.init();
    await vigie.run('sync-directories', {});
    for (const [login, r] of Object.entries(roles)) sessions.set(login, await signInAs(vigie, r, { directory: 'corp', dn: dnOf(login), login }, login));
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    ldap = new Client({ url: slapd.url });
    await ldap.bind(slapd.rootDn, slapd.rootPassword);
  }, 120_000);

  afterAll(async () => {
    await ldap?.unbind().catch(() => undefined);
    await sql?.end();
    await app?.close();
    // The relay's listening socket goes with its cut: nothing stays open after the file.
    await proxy?.cut();
    await Promise.all([slapd?.stop(), db?.drop()]);
  });

  const http = () => request(app.getHttpServer());
  const as = (login: string) => {
    const s = sessions.get(login)!;
    return {
      post: (path: string, body: object) => http().post(path).set('Cookie', s.cookie).set('X-CSRF-Token', s.csrf).send(body),
      get: (path: string) => http().get(path).set('Cookie', s.cookie),
    };
  };
  const ask = (login: string, body: object) => as(login).post('/api/access-requests', body);
  const approve = (login: string, id: string, comment = 'approved for the closing') => as(login).post(`/api/access-requests/${id}/approve`, { comment });

  /** The members slapd lists in a group now, lower-cased. */
  const membersOf = async (cn: string): Promise<string[]> => {
    const { searchEntries } = await ldap.search(groupDn(cn), { scope: 'base', attributes: ['member'] });
    const member = searchEntries[0]?.member ?? [];
    return (Array.isArray(member) ? member : [member]).map((m) => String(m).toLowerCase());
  };

  /** The request as the security officer reads it, once `done` holds (the worker is asynchronous). */
  const settled = async (id: string, done: (r: RequestView) => boolean, timeoutMs = 60_000): Promise<RequestView> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await as('rssi').get(`/api/access-requests/${id}`).expect(200);
      const view = res.body as RequestView;
      if (done(view)) return view;
      if (Date.now() > deadline) throw new Error(`request ${id} did not settle: ${JSON.stringify(view)}`);
      await pause(200);
    }
  };

  /** This request's trail actions, oldest first. */
  const trailOf = async (id: string, on: Vigie = vigie): Promise<string[]> => {
    const page = await on.run('query-trail', { target: id, limit: 500 });
    return page.entries.map((e) => e.action).reverse();
  };

  /** The open G-PRIV-CHANGE findings that name this login. */
  const privChangesAbout = async (login: string) => {
    const { findings } = await (await vigie.dependencies.findingsQuery()).current({ rule: ['G-PRIV-CHANGE'] }, { limit: 100, offset: 0 });
    return findings.filter((f) => f.state.status !== 'resolved' && JSON.stringify(f).includes(login));
  };

  /** Moves the grant's end into the past, as the calendar would, and runs the worker's minute. */
  const endGrantNow = async (id: string) => {
    const past = new Date(Date.now() - 60_000).toISOString();
    await sql.query(`UPDATE access_request SET grant_ends_at = $2, body = jsonb_set(body, '{grant,endsAt}', to_jsonb($3::text)) WHERE id = $1`, [
      id,
      past,
      past,
    ]);
    await vigie.run('sweep-access-requests', {});
  };

  /** A request by `login` for the accounting share (high: the manager, then the owner), approved by each stage in turn. */
  const approvedCompta = async (login: string): Promise<string> => {
    const asked = await ask(login, { resource: 'share-compta', level: 'write', justification: 'the year-end closing of the accounts', days: 7 }).expect(201);
    const id = asked.body.id as string;
    // The manager, the owner, and the security officer when the access rules made it an exception.
    for (let view = asked.body as RequestView; view.status === 'pending';) {
      const kind = view.currentStage!.kind;
      const who = kind === 'manager' ? managerOf(login)! : kind === 'owner' ? 'dgarnier' : 'rssi';
      view = (await approve(who, id).expect(200)).body as RequestView;
    }
    return id;
  };

  it('asks, decides in two stages in order, writes the membership once, and shows the two expiries apart', async () => {
    const asked = await ask('adurand', { resource: 'share-compta', level: 'write', justification: 'the year-end closing of the accounts', days: 7 }).expect(
      201,
    );
    const id = asked.body.id as string;
    expect(asked.body).toMatchObject({ status: 'pending', currentStage: { kind: 'manager' }, grant: null });
    expect(asked.body.stages.map((s: { kind: string }) => s.kind)).toEqual(['manager', 'owner']);

    // Nobody decides their own request; the owner waits for the manager's stage.
    const own = await approve('adurand', id).expect(403);
    expect(own.body.message).toMatch(/nobody decides a request they made/);
    await approve('dgarnier', id).expect(403);
    expect(await membersOf('compta-share-rw')).not.toContain(dnOf('adurand'));

    const managed = await approve('pmartin', id, 'her manager: yes').expect(200);
    expect(managed.body).toMatchObject({ status: 'pending', currentStage: { kind: 'owner' } });
    // The manager's stage is behind: a second decision on it is no longer his.
    await approve('pmartin', id).expect(403);
    const owned = await approve('dgarnier', id, 'owner: yes, for the closing').expect(200);
    expect(owned.body).toMatchObject({ status: 'approved', grant: { status: 'provisioning' } });

    const active = await settled(id, (r) => r.grant?.status === 'active');
    expect(await membersOf('compta-share-rw')).toContain(dnOf('adurand'));
    expect(active.grant!.provisioned).toBe('added');
    // The grant's end counts from its start (7 days); the request's expiry was the deadline to decide: two dates.
    expect(new Date(active.grant!.endsAt!).getTime() - new Date(active.grant!.startsAt!).getTime()).toBe(7 * 86_400_000);
    expect(active.requestExpiresAt).not.toBe(active.grant!.endsAt);
    const actions = await trailOf(id);
    expect(actions.filter((a) => a === 'access-grant.provisioned')).toHaveLength(1);
    expect(actions).toEqual(expect.arrayContaining(['access-request.created', 'access-request.approved', 'access-grant.provisioned']));
  });

  it('removes the membership when the grant ends, and records it', async () => {
    const id = await approvedCompta('jmoreau');
    await settled(id, (r) => r.grant?.status === 'active');
    expect(await membersOf('compta-share-rw')).toContain(dnOf('jmoreau'));

    await endGrantNow(id);
    const ended = await settled(id, (r) => r.grant?.status === 'ended');
    expect(ended.grant).toMatchObject({ status: 'ended' });
    expect(await membersOf('compta-share-rw')).not.toContain(dnOf('jmoreau'));
    // Someone who held it outside Vigie (the owner, from the fixture) is left alone.
    expect(await membersOf('compta-share-rw')).toContain(dnOf('dgarnier'));
    expect(await trailOf(id)).toEqual(expect.arrayContaining(['access-grant.ending', 'access-grant.removed']));
  });

  it('refuses at request time a separation-of-duties conflict reachable only through two levels of nesting', async () => {
    // cdupont writes the HR share through payroll-team ∈ rh-staff ∈ rh-share-rw; the finance share's write is the
    // other half of payroll-and-payments. Exceptions go to the security officer, a conflict does not.
    const refused = await ask('cdupont', { resource: 'share-finance', level: 'write', justification: 'to pay the salaries myself' });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect(refused.body.message).toContain('payroll-and-payments');
    expect(refused.body.message).toMatch(/rh-staff|payroll-team/);
    const mine = await as('cdupont').get('/api/access-requests?view=mine').expect(200);
    expect(mine.body.requests).toEqual([]);
  });

  it('waits while the directory is down during provisioning, then writes the membership once', async () => {
    await proxy.cut();
    try {
      const id = await approvedCompta('bmartin');
      // The job tries, finds slapd unreachable and waits for its next try: nothing is half-applied.
      const waiting = await settled(id, (r) => r.grant?.lastError !== null && r.grant?.lastError !== undefined, 90_000);
      expect(waiting.grant!.status).toBe('provisioning');
      expect(await membersOf('compta-share-rw')).not.toContain(dnOf('bmartin'));
      await proxy.restore();
      const active = await settled(id, (r) => r.grant?.status === 'active', 180_000);
      expect(active.grant!.provisioned).toBe('added');
      expect(await membersOf('compta-share-rw')).toContain(dnOf('bmartin'));
      expect((await trailOf(id)).filter((a) => a === 'access-grant.provisioned')).toHaveLength(1);
    } finally {
      await proxy.restore().catch(() => undefined);
    }
  }, 300_000);

  it('keeps G-PRIV-CHANGE silent for an approved grant on a critical share, and loud for the same change made by hand', async () => {
    // share-finance is critical: the manager, the owner, then the security officer.
    const asked = await ask('jmoreau', { resource: 'share-finance', level: 'write', justification: 'the audit of the payments this quarter', days: 30 }).expect(
      201,
    );
    const id = asked.body.id as string;
    await approve('pmartin', id).expect(200);
    await approve('dgarnier', id).expect(200);
    await approve('rssi', id, 'security officer: time-bound, fine').expect(200);
    await settled(id, (r) => r.grant?.status === 'active');
    await pause(1100); // modifyTimestamp has a one-second grain: the next sync must see the change after the baseline
    await vigie.run('sync-directories', {});
    await vigie.run('run-audit', {});
    expect(await privChangesAbout('jmoreau')).toEqual([]);

    // The same kind of change, made by hand in the directory: no request stands behind it.
    await pause(1100);
    await ldapModify(slapd, `dn: ${groupDn('finance-share-rw')}\nchangetype: modify\nadd: member\nmember: ${dnOf('bmartin')}\n`);
    await vigie.run('sync-directories', {});
    await vigie.run('run-audit', {});
    const loud = await privChangesAbout('bmartin');
    expect(loud).toHaveLength(1);
    expect(await privChangesAbout('jmoreau')).toEqual([]);
  });

  it('keeps the provisioning job while no worker runs, and two workers on one queue write each grant once', async () => {
    // Two more processes on the same database and directory: one that only decides (no worker: its job waits in the
    // queue, as when the worker was killed before the write), then two workers sharing the queue.
    const decider = createVigie(configOf());
    const first = await createHttpApp(createVigie(configOf()), { withWorker: true });
    const second = await createHttpApp(createVigie(configOf()), { withWorker: true });
    try {
      // The API's own worker stops: the approvals below are left to the two new workers.
      await app.close();
      const people = ['adurand', 'jmoreau', 'cdupont', 'dgarnier'];
      const ids: string[] = [];
      for (const login of people) {
        const made = await decider.run('create-access-request', {
          resource: 'share-commercial',
          level: 'write',
          justification: 'the trade fair of March',
          days: 30,
          as: login,
        });
        ids.push(made.id);
      }
      // share-commercial is medium: the manager then the owner, then the security officer (none of them is in Sales: each
      // is an exception). Each decides from the command line, as the person --as names.
      for (const id of ids) {
        const r = await decider.run('show-access-request', { id });
        for (const stage of r.stages) {
          const approver = stage.kind === 'owner' ? 'bmartin' : stage.kind === 'manager' ? managerOf(r.beneficiary.login!)! : 'rssi';
          await decider.run('decide-access-request', { id, decision: 'approve', comment: 'approved', as: approver });
        }
      }
      const queued = await sql.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'access.provision' AND state = 'created'`);
      expect(queued.rows[0].n).toBeGreaterThanOrEqual(1);
      await Promise.all([first.init(), second.init()]);
      for (const id of ids) {
        const deadline = Date.now() + 120_000;
        for (;;) {
          const r = await decider.run('show-access-request', { id });
          if (r.grant?.status === 'active') break;
          if (Date.now() > deadline) throw new Error(`request ${id} not provisioned: ${JSON.stringify(r.grant)}`);
          await pause(200);
        }
        const provisioned = (await trailOf(id, decider)).filter((a) => a === 'access-grant.provisioned');
        expect(provisioned).toHaveLength(1);
      }
      const members = await membersOf('sales-share-rw');
      for (const login of people) expect(members).toContain(dnOf(login));
    } finally {
      await Promise.all([first.close(), second.close(), decider.close()]);
    }
  }, 300_000);
});

/** The fixture's managers (the `manager` attribute of openldap-requests.ldif). */
function managerOf(login: string): string | null {
  return ({ adurand: 'pmartin', jmoreau: 'pmartin', dgarnier: 'pmartin', bmartin: 'pmartin', cdupont: 'hlefevre' } as Record<string, string>)[login] ?? null;
}
