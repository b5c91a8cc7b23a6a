/**
 * Access requests end to end on a real Active Directory (the run's shared Samba 4 DC, over LDAPS, in a test OU of its
 * own, the DC's Administrator as the service account so that Vigie may write memberships) and a real PostgreSQL,
 * through the HTTP API with the request workers running: a person asks for a high-criticality share, her manager then
 * the share's owner approve it, the worker adds her to the group on the DC, the grant's end passes and the sweep takes
 * her out again, every step in the trail. Around it: nobody approves their own request, the owner cannot decide the
 * manager's stage, an SoD conflict reached through two levels of nested groups is refused at request time, and
 * G-PRIV-CHANGE stays silent on a membership an approved request stands behind while it reports the same change made
 * by hand.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import pg from 'pg';
import request from 'supertest';
import { type Vigie, createVigie } from '#vigie/application';
import { loadConfig } from '#vigie/config';
import { createHttpApp } from '../../apps/api/src/create-http-app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { createTestOu, sambaDc, type SambaInstance, type TestOu, unicodePwdBase64 } from '../support/samba.js';
import { signInAs, type TestSession } from '../support/staff-sessions.js';
import { trailKeyEnv } from '../support/trail.js';

const SAMBA_START_MS = 240_000;
/** Generous: the machine is shared and slow; the workers poll their queues. */
const POLL_MS = 180_000;
/** A test that polls: its wait, and room for the DC's and the database's slow answers around it. */
const POLLING_TEST_MS = POLL_MS + 120_000;
const PASSWORD = 'Requests-Pw-2026!';
const DIRECTORY = 'corp-ad';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface RequestBody {
  id: string;
  status: string;
  requestExpiresAt: string;
  currentStage: { kind: string } | null;
  grant: { status: string; endsAt: string | null; startsAt: string | null } | null;
}

describe('access requests on Active Directory, through the API', () => {
  let dc: SambaInstance;
  let ou: TestOu;
  let db: TestDatabase;
  let vigie: Vigie;
  let app: INestApplication;
  let policyDir: string;
  const http = () => request(app.getHttpServer());
  const dnOf = (cn: string) => `CN=${cn},${ou.dn}`;
  const sam = (name: string) => `${ou.tag}-${name}`;

  // The people: cn, login, employee id, department, manager's cn.
  const PEOPLE = {
    manager: { cn: 'Marc Manager', login: 'marc', employeeId: 'E7002', department: 'Direction', manager: null },
    owner: { cn: 'Olga Owner', login: 'olga', employeeId: 'E7003', department: 'Direction', manager: null },
    officer: { cn: 'Sami Security', login: 'sami', employeeId: 'E7004', department: 'Direction', manager: null },
    requester: { cn: 'Rita Requester', login: 'rita', employeeId: 'E7001', department: 'RH', manager: 'Marc Manager' },
    clerk: { cn: 'Hugo Clerk', login: 'hugo', employeeId: 'E7005', department: 'RH', manager: 'Marc Manager' },
    accountant: { cn: 'Fanny Finance', login: 'fanny', employeeId: 'E7006', department: 'Finance', manager: 'Marc Manager' },
    byHand: { cn: 'Hector Hand', login: 'hector', employeeId: 'E7007', department: 'Finance', manager: 'Marc Manager' },
  } as const;
  type Who = keyof typeof PEOPLE;
  const RH_GROUP = () => dnOf('GG-Share-RH-RW');
  const FINANCE_GROUP = () => dnOf('GG-Share-Finance-RW');

  const sessions = new Map<Who, TestSession>();
  /** Each person's web session (their directory account): the security officer's role, or an employee who approves. */
  async function openSessions() {
    for (const who of Object.keys(PEOPLE) as Who[]) {
      const roles = who === 'officer' ? (['employee', 'security-officer'] as const) : (['employee', 'approver'] as const);
      const p = PEOPLE[who];
      sessions.set(who, await signInAs(vigie, [...roles], { directory: DIRECTORY, dn: dnOf(p.cn), login: sam(p.login) }, p.cn));
    }
  }
  const post = (who: Who, path: string, body: object) => {
    const s = sessions.get(who)!;
    return http().post(path).set('Cookie', s.cookie).set('X-CSRF-Token', s.csrf).send(body);
  };
  const show = async (who: Who, id: string): Promise<RequestBody> => {
    const s = sessions.get(who)!;
    return (await http().get(`/api/access-requests/${id}`).set('Cookie', s.cookie).expect(200)).body as RequestBody;
  };
  const ask = (who: Who, resource: string, days?: number) =>
    post(who, '/api/access-requests', { resource, level: 'write', justification: 'the quarterly closing needs it', ...(days ? { days } : {}) });
  const approve = (who: Who, id: string, comment: string) => post(who, `/api/access-requests/${id}/approve`, { comment });

  /** The response, once its status is the one expected (a failure shows the body, which says why). */
  const answered = (res: request.Response, status: number) => {
    expect({ status: res.status, body: res.body }).toMatchObject({ status });
    return res;
  };

  /** The request as its requester sees it, once `done` holds (polled: the workers run on their own schedule). */
  async function waitFor(who: Who, id: string, done: (r: RequestBody) => boolean): Promise<RequestBody> {
    const deadline = Date.now() + POLL_MS;
    let last = await show(who, id);
    while (!done(last)) {
      if (Date.now() > deadline) throw new Error(`request ${id} never reached the expected state; last seen: ${JSON.stringify(last)}`);
      await pause(500);
      last = await show(who, id);
    }
    return last;
  }

  /** The group's `member` values, read from the DC as Administrator, in lower case. */
  async function membersOf(groupDn: string): Promise<string[]> {
    const ldif = await dc.ldapTool('ldapsearch', ['-LLL', '-o', 'ldif-wrap=no', '-s', 'base', '-b', groupDn, '(objectClass=*)', 'member'], undefined, {
      url: dc.ldapsUrl,
    });
    return ldif
      .split('\n')
      .filter((l) => /^member::? /i.test(l))
      .map((l) => (l.startsWith('member:: ') ? Buffer.from(l.slice(9), 'base64').toString('utf8') : l.slice(8)).toLowerCase());
  }

  const user = (p: (typeof PEOPLE)[Who]) =>
    [
      `dn: ${dnOf(p.cn)}`,
      'objectClass: user',
      `sAMAccountName: ${sam(p.login)}`,
      `displayName: ${p.cn}`,
      `givenName: ${p.cn.split(' ')[0]}`,
      `sn: ${p.cn.split(' ')[1]}`,
      `mail: ${p.login}@acme.test`,
      `employeeID: ${p.employeeId}`,
      `department: ${p.department}`,
      ...(p.manager ? [`manager: ${dnOf(p.manager)}`] : []),
      'userAccountControl: 512',
      `unicodePwd:: ${unicodePwdBase64(PASSWORD)}`,
    ].join('\n');
  const group = (cn: string, members: string[]) =>
    [`dn: ${dnOf(cn)}`, 'objectClass: group', `sAMAccountName: ${sam(cn.toLowerCase())}`, 'groupType: -2147483646', ...members.map((m) => `member: ${m}`)].join(
      '\n',
    );

  /** The policy, groups named by their DN in this run's OU. */
  function writePolicy(dir: string) {
    const file = (folder: string, name: string, text: string) => {
      mkdirSync(join(dir, folder), { recursive: true });
      writeFileSync(join(dir, folder, name), text);
    };
    file(
      'resources',
      'shares.yaml',
      [
        'apiVersion: vigie.dev/v1',
        'kind: ResourceList',
        'resources:',
        '  - id: share-rh',
        '    type: share',
        `    name: '\\\\fs01\\RH'`,
        `    owner: ${PEOPLE.owner.employeeId}`,
        '    criticality: high',
        '    grants:',
        `      write: ['${RH_GROUP()}']`,
        '  - id: share-finance',
        '    type: share',
        `    name: '\\\\fs01\\Finance'`,
        `    owner: ${PEOPLE.owner.employeeId}`,
        '    criticality: critical',
        '    grants:',
        `      write: ['${FINANCE_GROUP()}']`,
        '',
      ].join('\n'),
    );
    file(
      'access-rules',
      'departments.yaml',
      [
        'apiVersion: vigie.dev/v1',
        'kind: AccessRuleList',
        'rules:',
        '  - description: HR staff write the HR share',
        '    when: { department: RH }',
        '    can: [write]',
        '    on: share',
        '    where: { id: share-rh }',
        '  - description: Finance staff write the finance share',
        '    when: { department: Finance }',
        '    can: [write]',
        '    on: share',
        '    where: { id: share-finance }',
        '',
      ].join('\n'),
    );
    file(
      'sod',
      'payroll.yaml',
      [
        'apiVersion: vigie.dev/v1',
        'kind: SodRuleList',
        'rules:',
        '  - id: payroll-and-payments',
        '    description: Whoever changes payroll data must not also issue payments',
        '    severity: high',
        '    entitlements:',
        '      - { resource: share-rh, level: write }',
        '      - { resource: share-finance, level: write }',
        '',
      ].join('\n'),
    );
    // Requests the access rules do not allow go to the security officer, so that the SoD check is what refuses the clerk.
    file('settings', 'settings.yaml', ['apiVersion: vigie.dev/v1', 'kind: Settings', 'requests:', '  exceptions: security-officer', ''].join('\n'));
  }

  beforeAll(async () => {
    [dc, db] = await Promise.all([sambaDc({ startTimeoutMs: SAMBA_START_MS }), createTestDatabase()]);
    ou = await createTestOu('access-requests-e2e', dc);
    // Managers first: `manager` must name an existing entry. unicodePwd is set over LDAPS, as a real AD requires.
    const bosses: Who[] = ['manager', 'owner', 'officer'];
    const staff: Who[] = ['requester', 'clerk', 'accountant', 'byHand'];
    await dc.addLdif(bosses.map((w) => user(PEOPLE[w])).join('\n\n') + '\n', { tls: true });
    await dc.addLdif(staff.map((w) => user(PEOPLE[w])).join('\n\n') + '\n', { tls: true });
    await dc.addLdif(
      [
        // Hugo reaches the HR share's group only through two levels of nesting.
        group('GG-RH-Clerks', [dnOf(PEOPLE.clerk.cn)]),
        group('GG-RH-Staff', [dnOf('GG-RH-Clerks')]),
        group('GG-Share-RH-RW', [dnOf('GG-RH-Staff')]),
        group('GG-Share-Finance-RW', []),
      ].join('\n\n') + '\n',
    );
    policyDir = mkdtempSync(join(tmpdir(), 'vigie-requests-ad-'));
    writePolicy(policyDir);
    const config = loadConfig({
      env: { DATABASE_URL: db.url, AD_ADMIN_PASSWORD: dc.adminPassword, ...trailKeyEnv() },
      file: '/dev/null',
      overrides: {
        log: { level: 'silent' },
        scheduler: { enabled: false },
        directories: [
          {
            name: DIRECTORY,
            kind: 'ad',
            url: dc.ldapsUrl,
            caFile: dc.caFile,
            baseDn: ou.dn,
            bindDn: dc.adminDn,
            bindPasswordEnv: 'AD_ADMIN_PASSWORD',
            timeoutMs: 30_000,
          },
        ],
        policy: { dir: policyDir },
      },
    });
    vigie = createVigie(config);
    app = await createHttpApp(vigie, { withWorker: true });
    await app.init();
    await openSessions();
    // The baseline: every membership above is established before anyone asks for anything.
    const { outcomes } = await vigie.run('sync-directories', { mode: 'full' });
    expect(outcomes.map((o) => (o.status === 'failed' ? o.reason : o.status))).toEqual(['synchronised']);
  }, SAMBA_START_MS + 120_000);

  afterAll(async () => {
    await app?.close();
    await Promise.all([ou?.remove(), db?.drop()]);
    if (policyDir) rmSync(policyDir, { recursive: true, force: true });
  });

  let granted: string;

  it(
    'asks for the HR share, refuses self-approval and the owner at the manager stage, then provisions on the DC after manager and owner approve',
    async () => {
      const asked = answered(await ask('requester', 'share-rh', 30), 201);
      granted = asked.body.id;
      expect(asked.body).toMatchObject({ status: 'pending', currentStage: { kind: 'manager' }, grant: null });
      expect(asked.body.stages.map((s: { kind: string }) => s.kind)).toEqual(['manager', 'owner']);

      // Rita holds the approver role, yet nobody decides their own request.
      answered(await approve('requester', granted, 'I agree with myself'), 403);
      // The owner is an approver of the request, but not of the manager's stage.
      const early = answered(await approve('owner', granted, 'fine by the owner'), 403);
      expect(early.body.message).toMatch(/not one of its approvers/);

      const byManager = answered(await approve('manager', granted, 'needed for the closing'), 200);
      expect(byManager.body).toMatchObject({ status: 'pending', currentStage: { kind: 'owner' } });
      const byOwner = answered(await approve('owner', granted, 'for 30 days'), 200);
      expect(byOwner.body).toMatchObject({ status: 'approved', currentStage: null });

      const active = await waitFor('requester', granted, (r) => r.grant?.status === 'active');
      expect(active.grant!.endsAt).toEqual(expect.any(String));
      // The grant's end counts 30 days from the read-back that confirmed the membership; the request's own expiry is another date.
      expect(Date.parse(active.grant!.endsAt!) - Date.parse(active.grant!.startsAt!)).toBe(30 * 86_400_000);
      expect(active.grant!.endsAt).not.toBe(active.requestExpiresAt);
      expect(await membersOf(RH_GROUP())).toContain(dnOf(PEOPLE.requester.cn).toLowerCase());
    },
    POLLING_TEST_MS,
  );

  it('refuses at request time the finance share to the HR clerk, who holds the HR share through two nested groups, naming the SoD rule', async () => {
    const refused = answered(await ask('clerk', 'share-finance', 10), 409);
    expect(refused.body.message).toMatch(/SoD rule payroll-and-payments/);
    // The path the DC's nesting gives: Hugo, his team's group, the HR staff's group, the share's group.
    expect(refused.body.message).toContain(
      `${sam('hugo')} ∈ ${sam('gg-rh-clerks')} (direct); ${sam('gg-rh-clerks')} ∈ ${sam('gg-rh-staff')} (nested); ${sam('gg-rh-staff')} ∈ ${sam('gg-share-rh-rw')} (nested)`,
    );
    expect(await membersOf(FINANCE_GROUP())).toEqual([]);
  });

  it(
    'removes the membership from the DC once the grant has ended, and keeps the whole story in the trail',
    async () => {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        const past = new Date(Date.now() - 60_000).toISOString();
        const updated = await client.query(
          `UPDATE access_request SET grant_ends_at = $2::timestamptz, body = jsonb_set(body, '{grant,endsAt}', to_jsonb($3::text)) WHERE id = $1`,
          [granted, past, past],
        );
        expect(updated.rowCount).toBe(1);
      } finally {
        await client.end();
      }
      await vigie.run('sweep-access-requests', {});
      const ended = await waitFor('requester', granted, (r) => r.grant?.status === 'ended');
      expect(ended.status).toBe('approved');
      expect(await membersOf(RH_GROUP())).not.toContain(dnOf(PEOPLE.requester.cn).toLowerCase());

      const trail = await vigie.run('query-trail', { target: granted, limit: 100 });
      expect(trail.entries.map((e) => e.action)).toEqual(
        expect.arrayContaining(['access-request.created', 'access-request.approved', 'access-grant.provisioned', 'access-grant.removed']),
      );
      // Each person under their login, as their sign-in names them (newest first); the grant's writes by the worker.
      const by = (action: string) => trail.entries.filter((e) => e.action === action).map((e) => e.actor.login ?? e.actor.id);
      expect(by('access-request.created')).toEqual([sam('rita')]);
      expect(by('access-request.approved')).toEqual([sam('olga'), sam('marc')]);
      expect(trail.entries.filter((e) => e.action === 'access-request.approved').map((e) => e.reason)).toEqual(['for 30 days', 'needed for the closing']);
      expect(by('access-grant.removed')).toEqual(['provisioning']);
      const olgas = await vigie.run('query-trail', { actor: sam('olga'), action: 'access-request.*', limit: 100 });
      expect(olgas.entries.map((e) => e.target?.id)).toContain(granted);
    },
    POLLING_TEST_MS,
  );

  it(
    'G-PRIV-CHANGE: silent on the approved membership of the critical share, reports the same change made by hand',
    async () => {
      const asked = answered(await ask('accountant', 'share-finance', 10), 201);
      const id = asked.body.id;
      expect(asked.body.stages.map((s: { kind: string }) => s.kind)).toEqual(['manager', 'owner', 'security-officer']);
      answered(await approve('manager', id, 'needed for the closing'), 200);
      answered(await approve('owner', id, 'for ten days'), 200);
      answered(await approve('officer', id, 'checked, no conflict'), 200);
      await waitFor('accountant', id, (r) => r.grant?.status === 'active');
      const hector = dnOf(PEOPLE.byHand.cn);
      await dc.modifyLdif(`dn: ${FINANCE_GROUP()}\nchangetype: modify\nadd: member\nmember: ${hector}\n`);
      expect(await membersOf(FINANCE_GROUP())).toEqual(expect.arrayContaining([dnOf(PEOPLE.accountant.cn).toLowerCase(), hector.toLowerCase()]));

      // The scheduler's incremental tick (mode auto: incremental from the baseline's watermark).
      const { outcomes } = await vigie.run('sync-directories', { mode: 'auto' });
      expect(outcomes.map((o) => (o.status === 'synchronised' ? o.result.mode : o.status === 'failed' ? o.reason : o.status))).toEqual(['incremental']);
      await vigie.run('run-audit', {});
      const findings = (await (await vigie.dependencies.findingsQuery()).current({ rule: ['G-PRIV-CHANGE'] }, { limit: 100, offset: 0 })).findings.filter(
        (f) => f.state.status !== 'resolved',
      );
      expect(findings.map((f) => `${f.subject.login} ${f.resource?.id}`)).toEqual([`${sam(PEOPLE.byHand.login)} share-finance`]);
      expect(findings[0]).toMatchObject({ severity: 'critical', message: expect.stringMatching(/with no approved access request/) });
    },
    POLLING_TEST_MS,
  );
});
