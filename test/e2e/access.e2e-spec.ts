import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { type Vigie, createVigie } from '#vigie/application';
import { loadConfig } from '#vigie/config';
import { createHttpApp } from '../../apps/api/src/create-http-app.js';
import { runCli } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

interface Entitlement {
  level: string;
  group: string;
  explain: string[];
}
interface AccountAccess {
  directory: string;
  login: string;
  access: Array<{ resource: { id: string }; levels: string[]; entitlements: Entitlement[] }>;
}

/** Effective access through the API and `vigie explain`, on directories synchronised into a real PostgreSQL. */
describe('effective access: GET /api/identities/:id/access, GET /api/resources/:id/access, vigie explain', () => {
  let db: TestDatabase;
  let vigie: Vigie;
  let app: INestApplication;
  let auditor: string;
  let officer: string;
  const directories = [
    { name: 'corp-ad', kind: 'ldif', file: fixture('ldif/ok/ad-access.ldif') },
    { name: 'branch', kind: 'ldif', file: fixture('ldif/ok/branch-access.ldif') },
  ];

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadConfig({
      env: { DATABASE_URL: db.url },
      file: '/dev/null',
      overrides: { log: { level: 'silent' }, scheduler: { enabled: false }, directories, policy: { dir: fixture('policies/ok/access') } },
    });
    vigie = createVigie(config);
    app = await createHttpApp(vigie, { withWorker: false });
    await app.init();
    await vigie.run('sync-directories', {});
    const tokens = await vigie.dependencies.apiTokens();
    auditor = (await tokens.create({ name: 'auditor', role: 'auditor' })).token;
    officer = (await tokens.create({ name: 'officer', role: 'security-officer' })).token;
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const get = (path: string, token = auditor) => request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${token}`);
  const accessOf = (body: { accounts: AccountAccess[] }, login: string, resource: string) =>
    body.accounts.find((a) => a.login === login)!.access.find((x) => x.resource.id === resource);

  it('explains every resource an identity reaches: nesting through a cycle, primary group, Authenticated Users', async () => {
    const res = await get('/api/identities/jdupont/access?directory=corp-ad').expect(200);
    expect(res.body.policyVersion).toMatch(/^[0-9a-f]{64}$/);
    expect(res.body.accounts.map((a: AccountAccess) => `${a.directory}/${a.login}`)).toEqual(['corp-ad/jdupont']);
    expect(accessOf(res.body, 'jdupont', 'share-finance')).toEqual({
      resource: expect.objectContaining({ id: 'share-finance', name: '\\\\fs01\\Finance', criticality: 'critical' }),
      levels: ['write'],
      entitlements: [
        {
          level: 'write',
          group: 'DL_Finance_RW',
          explain: [
            'jdupont ∈ GG_Compta (direct)',
            'GG_Compta ∈ GG_Audit (nested)',
            'GG_Audit ∈ DL_Finance_RW (nested)',
            'DL_Finance_RW grants write on share-finance',
          ],
        },
      ],
    });
    expect(accessOf(res.body, 'jdupont', 'printer-hall')!.entitlements[0].explain).toEqual([
      'jdupont ∈ Domain Users (primary group)',
      'Domain Users ∈ DL_Printers (nested)',
      'DL_Printers grants write on printer-hall',
    ]);
    expect(accessOf(res.body, 'jdupont', 'share-intranet')!.entitlements[0].explain).toEqual([
      'jdupont ∈ Authenticated Users (implicit)',
      'Authenticated Users ∈ DL_Intranet_R (nested)',
      'DL_Intranet_R grants read on share-intranet',
    ]);
  });

  it('finds an identity by employee id (all its accounts) or by DN', async () => {
    const byEmployee = await get('/api/identities/E1042/access').expect(200);
    expect(byEmployee.body.accounts.map((a: AccountAccess) => a.login)).toEqual(['adm-jdupont', 'jdupont']);
    expect(accessOf(byEmployee.body, 'adm-jdupont', 'share-finance')).toBeUndefined();
    const dn = encodeURIComponent('cn=marie leroy, ou=people, dc=corp, dc=test');
    const byDn = await get(`/api/identities/${dn}/access`, officer).expect(200);
    expect(byDn.body.accounts.map((a: AccountAccess) => a.login)).toEqual(['mleroy']);
    expect(byDn.body.accounts[0].access.map((x: { resource: { id: string } }) => x.resource.id).sort()).toEqual(['printer-hall', 'share-intranet']);
  });

  it('asks which directory when a login exists in several, and says clearly what it cannot find', async () => {
    const ambiguous = await get('/api/identities/jdupont/access').expect(409);
    expect(ambiguous.body.message).toMatch(/"jdupont" names accounts in several directories \(branch, corp-ad\)/);
    expect((await get('/api/identities/jdupont/access?directory=branch').expect(200)).body.accounts[0]).toMatchObject({ directory: 'branch', access: [] });
    expect((await get('/api/identities/nobody/access').expect(404)).body.message).toMatch(/no identity "nobody" in any synchronised directory/);
    expect((await get('/api/identities/jdupont/access?directory=elsewhere').expect(404)).body.message).toMatch(
      /no synchronised directory named "elsewhere"; synchronised: branch, corp-ad/,
    );
    expect((await get('/api/resources/share-unknown/access').expect(404)).body.message).toMatch(/no resource "share-unknown" in the policy/);
    expect(JSON.stringify((await get('/api/resources/share-finance/access?colour=red').expect(400)).body.message)).toMatch(/colour/);
  });

  it('lists who can reach a resource and how, paginated, and what is open to everybody', async () => {
    const finance = await get('/api/resources/share-finance/access').expect(200);
    expect(finance.body).toMatchObject({ total: 1, limit: 50, offset: 0, openTo: [] });
    expect(finance.body.grants).toEqual(
      expect.arrayContaining([
        {
          directory: 'corp-ad',
          level: 'write',
          ref: 'DL_Finance_RW',
          principals: [{ name: 'DL_Finance_RW', dn: 'CN=DL_Finance_RW,OU=Groups,DC=corp,DC=test' }],
        },
      ]),
    );
    expect(finance.body.holders).toEqual([
      expect.objectContaining({
        directory: 'corp-ad',
        login: 'jdupont',
        levels: ['write'],
        entitlements: [expect.objectContaining({ group: 'DL_Finance_RW' })],
      }),
    ]);
    const intranet = await get('/api/resources/share-intranet/access?directory=corp-ad&limit=2&offset=1').expect(200);
    expect(intranet.body).toMatchObject({ total: 3, limit: 2, offset: 1 });
    expect(intranet.body.holders).toHaveLength(2);
    expect(intranet.body.openTo).toEqual([
      {
        directory: 'corp-ad',
        principal: 'Authenticated Users',
        level: 'read',
        explain: ['Authenticated Users ∈ DL_Intranet_R (nested)', 'DL_Intranet_R grants read on share-intranet'],
      },
    ]);
    const printers = await get('/api/resources/printer-hall/access?directory=corp-ad').expect(200);
    expect(printers.body.holders.map((h: { login: string }) => h.login).sort()).toEqual(['adm-jdupont', 'jdupont', 'mleroy']);
  });

  it('refuses the routes without a valid token', async () => {
    await request(app.getHttpServer()).get('/api/identities/jdupont/access').expect(401);
    await request(app.getHttpServer())
      .get('/api/resources/share-finance/access')
      .set('Authorization', 'Bearer vig_not-a-real-token-at-all-0000000000')
      .expect(401);
  });

  describe('vigie explain', () => {
    const env = () => ({ DATABASE_URL: db.url, VIGIE_POLICY_DIR: fixture('policies/ok/access') });

    it('prints every path from the identity to the resource', async () => {
      const r = await runCli(['explain', 'jdupont', 'share-finance', '--directory', 'corp-ad'], env());
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('jdupont (corp-ad) reaches share-finance (\\\\fs01\\Finance): write');
      expect(r.stdout).toContain(
        '    jdupont ∈ GG_Compta (direct)\n    GG_Compta ∈ GG_Audit (nested)\n    GG_Audit ∈ DL_Finance_RW (nested)\n    DL_Finance_RW grants write on share-finance',
      );
    });

    it('says when the identity does not reach it, and answers in JSON', async () => {
      const r = await runCli(['explain', 'mleroy', 'share-finance', '--format', 'json'], env());
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ resource: { id: 'share-finance' }, accounts: [{ login: 'mleroy', levels: [], entitlements: [] }] });
      const text = await runCli(['explain', 'mleroy', 'share-finance'], env());
      expect(text.stdout).toMatch(/mleroy \(corp-ad\) does not reach share-finance .*granted to DL_Finance_RW \(write\), and mleroy is in none of them/);
    });

    it('fails with one clear message for an unknown identity or resource', async () => {
      const who = await runCli(['explain', 'nobody', 'share-finance'], env());
      expect(who.code).not.toBe(0);
      expect(who.stderr).toMatch(/no identity "nobody" in any synchronised directory/);
      const what = await runCli(['explain', 'jdupont', 'share-nope', '--directory', 'corp-ad'], env());
      expect(what.code).not.toBe(0);
      expect(what.stderr).toMatch(/no resource "share-nope" in the policy/);
    });
  });
});
