/**
 * The security officer's desk reads (issue 18) on a real OpenLDAP and a real PostgreSQL: the identity search and its
 * cursor, what a sync changed after an entry and a group were modified in slapd, the sync runs, the policy in force,
 * the trail's verification status, and a 403 for a role without the ability.
 */
import { readFileSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { type Vigie, createVigie } from '#vigie/application';
import { loadConfig } from '#vigie/config';
import { createHttpApp } from '../../apps/api/src/create-http-app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { ldapModify, type SlapdInstance, startSlapd } from '../support/slapd.js';
import { signInAs } from '../support/staff-sessions.js';
import { publishedFileFor, trailKeyEnv } from '../support/trail.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Change {
  kind: 'object' | 'membership';
  runId: string;
  directory: string;
  action: string;
  at: string;
  name?: string | null;
  dn?: string;
  changes?: Array<{ attribute: string; old: unknown; new: unknown }>;
  groupName?: string | null;
  memberName?: string | null;
}

describe('the desk’s read routes: identities, directory changes, sync runs, policy, trail verification', () => {
  let slapd: SlapdInstance;
  let db: TestDatabase;
  let vigie: Vigie;
  let app: INestApplication;
  let officer: string;

  beforeAll(async () => {
    [slapd, db] = await Promise.all([startSlapd({ ldif: readFileSync(fixture('ldif/ok/openldap-company.ldif'), 'utf8') }), createTestDatabase()]);
    const config = loadConfig({
      env: { DATABASE_URL: db.url, LDAP_PASSWORD: slapd.rootPassword, ...trailKeyEnv() },
      file: '/dev/null',
      overrides: {
        log: { level: 'silent' },
        scheduler: { enabled: false },
        directories: [{ name: 'corp', kind: 'ldap', url: slapd.url, baseDn: slapd.suffix, bindDn: slapd.rootDn, bindPasswordEnv: 'LDAP_PASSWORD' }],
        policy: { dir: fixture('policies/ok/company') },
        trail: { publish: { file: publishedFileFor(db.url) } },
      },
    });
    vigie = createVigie(config);
    app = await createHttpApp(vigie, { withWorker: false });
    await app.init();
    await vigie.run('sync-directories', { mode: 'full' });
    await vigie.run('run-audit', {});
    officer = (await vigie.run('create-token', { name: 'officer', role: 'security-officer' })).token;
  });

  afterAll(async () => {
    await app?.close();
    await Promise.all([slapd?.stop(), db?.drop()]);
  });

  const get = (path: string) => request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${officer}`);

  describe('GET /api/identities', () => {
    it('finds accounts by the start of a login, a name, an employee id or a mail, any case', async () => {
      const logins = async (q: string) =>
        ((await get(`/api/identities?q=${encodeURIComponent(q)}`).expect(200)).body.items as Array<{ login: string }>).map((a) => a.login);
      expect(await logins('ADUR')).toEqual(['adurand']);
      expect(await logins('bruno')).toEqual(['bmartin']);
      expect(await logins('e2003')).toEqual(['hlefevre']);
      expect(await logins('alice.durand@')).toEqual(['adurand']);
      expect(await logins('%')).toEqual([]);
      const [first] = (await get('/api/identities?q=adurand').expect(200)).body.items;
      expect(first).toEqual({
        directory: 'corp',
        dn: 'uid=adurand,ou=people,dc=acme,dc=test',
        kind: 'user',
        login: 'adurand',
        displayName: 'Alice Durand',
        employeeId: 'E2001',
        enabled: true,
      });
    });

    it('pages with a cursor through every account, each once', async () => {
      const all = (await get('/api/identities?limit=500').expect(200)).body as { items: Array<{ dn: string }>; nextCursor: string | null };
      expect(all.nextCursor).toBeNull();
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = (await get(`/api/identities?limit=2${cursor ? `&cursor=${cursor}` : ''}`).expect(200)).body as typeof all;
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((a) => a.dn));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all.items.map((a) => a.dn));
      expect(seen.length).toBeGreaterThan(2);
    });

    it('refuses a blank search, an unknown parameter and a cursor it did not give, with 400', async () => {
      expect((await get('/api/identities?q=%20').expect(400)).body.message).toMatch(/q: give the start of a login/);
      await get('/api/identities?login=adurand').expect(400);
      expect((await get('/api/identities?cursor=bm90LWEtY3Vyc29y').expect(400)).body.message).toMatch(/cursor: not a cursor of this list/);
    });
  });

  describe('GET /api/directory-changes and GET /api/sync-runs, after a change in slapd', () => {
    beforeAll(async () => {
      await sleep(1100); // modifyTimestamp has a one-second grain
      await ldapModify(slapd, 'dn: uid=adurand,ou=people,dc=acme,dc=test\nchangetype: modify\nreplace: title\ntitle: Cheffe comptable\n');
      await ldapModify(
        slapd,
        'dn: cn=finance-share-rw,ou=groups,dc=acme,dc=test\nchangetype: modify\nadd: member\nmember: uid=hlefevre,ou=people,dc=acme,dc=test\n',
      );
      await vigie.run('sync-directories', {});
    });

    it('lists what the second sync changed, newest first, with its run and time; the baseline recorded none', async () => {
      const { items, nextCursor } = (await get('/api/directory-changes').expect(200)).body as { items: Change[]; nextCursor: string | null };
      expect(nextCursor).toBeNull();
      const runs = (await get('/api/sync-runs').expect(200)).body.items as Array<{ id: string; mode: string; status: string; finishedAt: string }>;
      expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
      expect(new Set(items.map((c) => c.runId))).toEqual(new Set([runs[0]!.id]));
      expect(items.every((c) => c.at === runs[0]!.finishedAt)).toBe(true);
      const title = items.find((c) => c.kind === 'object' && c.name === 'adurand');
      expect(title).toMatchObject({ action: 'modified', dn: 'uid=adurand,ou=people,dc=acme,dc=test' });
      expect(title!.changes).toContainEqual({ attribute: 'title', old: 'Comptable', new: 'Cheffe comptable' });
      expect(items.find((c) => c.kind === 'membership')).toMatchObject({ action: 'added', groupName: 'finance-share-rw', memberName: 'hlefevre' });
    });

    it('finds an object’s changes by login or DN, any case, and a group’s by its DN', async () => {
      const of = async (query: string) =>
        ((await get(`/api/directory-changes?${query}`).expect(200)).body.items as Change[]).map((c) => `${c.kind}:${c.action}`);
      expect(await of('object=ADURAND')).toContain('object:modified');
      expect(await of(`object=${encodeURIComponent('UID=adurand, ou=people,dc=acme,dc=test')}`)).toContain('object:modified');
      expect(await of('object=hlefevre&kind=membership')).toEqual(['membership:added']);
      expect(await of(`object=${encodeURIComponent('cn=finance-share-rw,ou=groups,dc=acme,dc=test')}`)).toEqual(['membership:added']);
      expect(await of('object=adurand&action=removed')).toEqual([]);
      expect(await of('object=nobody')).toEqual([]);
    });

    it('keeps to a time range and pages with a cursor, each change once', async () => {
      const all = ((await get('/api/directory-changes').expect(200)).body.items as Change[]).map((c) => `${c.kind}:${c.runId}:${c.name ?? c.memberName}`);
      expect(all.length).toBeGreaterThan(1);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = (await get(`/api/directory-changes?limit=1${cursor ? `&cursor=${cursor}` : ''}`).expect(200)).body as {
          items: Change[];
          nextCursor: string | null;
        };
        seen.push(...page.items.map((c) => `${c.kind}:${c.runId}:${c.name ?? c.memberName}`));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all);
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      expect((await get(`/api/directory-changes?from=${tomorrow}`).expect(200)).body.items).toEqual([]);
      expect((await get(`/api/directory-changes?to=2020-01-01`).expect(200)).body.items).toEqual([]);
    });

    it('refuses an unknown kind, a range that ends before it starts and a bad cursor, with 400', async () => {
      expect((await get('/api/directory-changes?kind=entry').expect(400)).body.message).toMatch(/kind.0: expected one of object, membership/);
      expect((await get('/api/directory-changes?from=2026-12-07&to=2026-12-01').expect(400)).body.message).toMatch(/from: must not be after to/);
      await get('/api/directory-changes?cursor=abc').expect(400);
    });

    it('lists the sync runs newest first, a page at a time', async () => {
      const first = (await get('/api/sync-runs?directory=corp&limit=1').expect(200)).body;
      expect(first.items).toHaveLength(1);
      expect(first.items[0]).toMatchObject({ directory: 'corp', status: 'succeeded' });
      const second = (await get(`/api/sync-runs?directory=corp&limit=1&cursor=${first.nextCursor}`).expect(200)).body;
      expect(second.items).toHaveLength(1);
      expect(second.items[0]).toMatchObject({ mode: 'full' });
      expect(second.items[0].startedAt < first.items[0].startedAt).toBe(true);
      expect(second.nextCursor).toBeNull();
      expect((await get('/api/sync-runs?directory=elsewhere').expect(200)).body.items).toEqual([]);
    });
  });

  it('GET /api/policy: the policy in force, as the audit stored it', async () => {
    const policy = (await get('/api/policy').expect(200)).body;
    expect(policy.local).toMatchObject({ valid: true, version: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(policy.lastValid).toMatchObject({ version: policy.local.version });
    expect(policy.lastValid.files.length).toBeGreaterThan(0);
    expect(policy.lastFailure).toBeNull();
    expect(JSON.stringify(policy)).not.toContain(fixture('policies'));
  });

  it('GET /api/audit-log/verification: the chains verify from the latest checkpoint, named', async () => {
    await vigie.run('checkpoint-trail', {});
    const status = (await get('/api/audit-log/verification').expect(200)).body;
    expect(status).toMatchObject({ ok: true, scope: 'since-latest-checkpoint', problems: [] });
    expect(status.latestCheckpoint).toMatchObject({ id: expect.any(String), seq: expect.any(Number) });
    expect(status.checkpoints.length).toBeGreaterThan(0);
    expect(Date.parse(status.checkedAt)).not.toBeNaN();
  });

  describe('GET /api/identities/{id}', () => {
    interface HeldGroup {
      name: string;
      how: string;
      via: string | null;
      explain: string[];
    }

    it('shows the identity’s accounts, each group and how it is held (direct, or nested through which group), and its findings', async () => {
      const body = (await get('/api/identities/bmartin').expect(200)).body as {
        query: string;
        accounts: Array<{ directory: string; login: string; employeeId: string; groups: HeldGroup[] }>;
        findings: { auditRunId: string | null; items: Array<{ subject: { login: string } }> };
        accessRequests: unknown[];
        hrEvents: unknown[] | null;
        withheld: { hrEvents: string | null };
      };
      expect(body.accounts.map((a) => [a.directory, a.login, a.employeeId])).toEqual([['corp', 'bmartin', 'E2002']]);
      const groups = new Map(body.accounts[0]!.groups.map((g) => [g.name, g]));
      expect(groups.get('project-y')).toMatchObject({ how: 'direct', via: null });
      expect(groups.get('sales-team')).toMatchObject({ how: 'direct', via: null });
      // bmartin ∈ project-y ∈ project-x ∈ finance-share-rw: nested, through the group one step below.
      expect(groups.get('project-x')).toMatchObject({ how: 'nested', via: 'project-y' });
      expect(groups.get('finance-share-rw')).toMatchObject({ how: 'nested', via: 'project-x' });
      expect(groups.get('finance-share-rw')!.explain).toHaveLength(3);
      expect(body.findings.auditRunId).toEqual(expect.any(String));
      expect(body.findings.items.every((f) => f.subject.login === 'bmartin')).toBe(true);
      expect(body.accessRequests).toEqual([]);
      // The security officer reads HR events: the section is there (empty: no HR event came for E2002).
      expect(body).toMatchObject({ hrEvents: [], withheld: { hrEvents: null } });
      // By employee id too, the same person.
      expect((await get('/api/identities/E2002').expect(200)).body.accounts.map((a: { login: string }) => a.login)).toEqual(['bmartin']);
    });

    it('leaves the HR history out, and says so, for an auditor; answers an unknown identity 404', async () => {
      const auditor = await signInAs(vigie, ['auditor']);
      const body = (await request(app.getHttpServer()).get('/api/identities/bmartin').set('Cookie', auditor.cookie).expect(200)).body;
      expect(body).toMatchObject({ hrEvents: null, withheld: { hrEvents: 'the caller may not read HR events' } });
      await get('/api/identities/nobody-by-this-name').expect(404);
    });
  });

  describe('GET /api/resources and /api/resources/{id}', () => {
    it('lists the policy’s resources by id, filtered, a page at a time', async () => {
      const all = (await get('/api/resources').expect(200)).body as { policyVersion: string; items: Array<{ id: string }>; nextCursor: string | null };
      expect(all.items.map((r) => r.id)).toEqual([...all.items.map((r) => r.id)].sort());
      expect(all.items.map((r) => r.id)).toEqual(expect.arrayContaining(['share-finance', 'share-hr']));
      const first = (await get('/api/resources?limit=1').expect(200)).body;
      expect(first.items).toHaveLength(1);
      const second = (await get(`/api/resources?limit=500&cursor=${encodeURIComponent(first.nextCursor)}`).expect(200)).body;
      expect([...first.items, ...second.items].map((r: { id: string }) => r.id)).toEqual(all.items.map((r) => r.id));
      const personal = (await get('/api/resources?personalData=true&criticality=critical').expect(200)).body;
      expect(personal.items).toContainEqual({
        id: 'share-finance',
        type: 'share',
        name: '\\\\fs01\\Finance',
        owner: 'E2004',
        criticality: 'critical',
        personalData: ['financial'],
      });
      expect(personal.items.map((r: { id: string }) => r.id)).not.toContain('share-hr');
      expect((await get('/api/resources?q=RH').expect(200)).body.items.map((r: { id: string }) => r.id)).toEqual(['share-hr']);
      await get('/api/resources?cursor=not-one-we-gave').expect(400);
      await get('/api/resources?personalData=maybe').expect(400);
    });

    it('shows one resource, and answers an unknown id 404', async () => {
      const body = (await get('/api/resources/share-hr').expect(200)).body;
      expect(body).toEqual({
        policyVersion: expect.any(String),
        resource: { id: 'share-hr', type: 'share', name: '\\\\fs01\\RH', owner: 'E2003', criticality: 'high', personalData: null },
      });
      await get('/api/resources/share-nowhere').expect(404);
    });
  });

  it('refuses the desk’s reads to an approver (403), and finds an employee only their own account', async () => {
    const approver = await signInAs(vigie, ['approver']);
    for (const path of [
      '/api/directory-changes',
      '/api/sync-runs',
      '/api/policy',
      '/api/audit-log/verification',
      '/api/identities?q=a',
      '/api/identities/bmartin',
      '/api/resources',
      '/api/resources/share-hr',
    ])
      await request(app.getHttpServer()).get(path).set('Cookie', approver.cookie).expect(403);
    const employee = await signInAs(vigie, ['employee'], { directory: 'corp', dn: 'uid=bmartin,ou=people,dc=acme,dc=test', login: 'bmartin' });
    const found = (await request(app.getHttpServer()).get('/api/identities').set('Cookie', employee.cookie).expect(200)).body.items as Array<{ login: string }>;
    expect(found.map((a) => a.login)).toEqual(['bmartin']);
    // Their own page, yes; another's is answered as a missing identity; the catalogue of resources is not theirs.
    const own = (await request(app.getHttpServer()).get('/api/identities/bmartin').set('Cookie', employee.cookie).expect(200)).body;
    expect(own.accounts.map((a: { login: string }) => a.login)).toEqual(['bmartin']);
    expect(own.hrEvents).toBeNull();
    await request(app.getHttpServer()).get('/api/identities/adurand').set('Cookie', employee.cookie).expect(404);
    await request(app.getHttpServer()).get('/api/resources').set('Cookie', employee.cookie).expect(403);
  });
});
