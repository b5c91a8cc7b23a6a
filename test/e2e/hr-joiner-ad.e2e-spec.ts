/**
 * HR events end to end on a real Samba AD over LDAPS and a real PostgreSQL, the HR workers running: a joiner created
 * in the department's OU (CN from the names, sAMAccountName from the pattern, UPN), enabled with a password to change
 * at first logon (pwdLastSet 0), in their birthright group; a collision's suffix; an injection attempt in a name kept
 * as literal text in the CN; the same event twice; a mover's new OU and group, the old one after the grace; the DC cut
 * on the effective date, the account made once when it is back; a leaver disabled, out of their groups, in the leavers' OU.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Vigie, createVigie, startScheduler } from '#vigie/application';
import { loadConfig } from '#vigie/config';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { createTestOu, sambaDc, type SambaInstance, type TestOu } from '../support/samba.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { trailKeyEnv } from '../support/trail.js';

const SAMBA_START_MS = 240_000;
const POLL_MS = 120_000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('HR joiners and leavers on Active Directory', () => {
  let dc: SambaInstance;
  let ou: TestOu;
  let db: TestDatabase;
  let vigie: Vigie;
  let scheduler: Awaited<ReturnType<typeof startScheduler>> | null = null;
  let sql: pg.Client;
  let policyDir: string;
  const at = (rdn: string) => `${rdn},${ou.dn}`;
  const OU = { finance: () => at('OU=Finance'), ventes: () => at('OU=Ventes'), leavers: () => at('OU=Leavers') };
  const GROUP = { all: () => at('CN=GG-All-Staff'), finance: () => at('CN=GG-Finance-RW'), ventes: () => at('CN=GG-Ventes-RW') };
  let proxy: TcpProxy;

  function writePolicy(dir: string) {
    const file = (folder: string, name: string, lines: string[]) => {
      mkdirSync(join(dir, folder), { recursive: true });
      writeFileSync(join(dir, folder, name), lines.join('\n') + '\n');
    };
    file('resources', 'shares.yaml', [
      'apiVersion: vigie.dev/v1',
      'kind: ResourceList',
      'resources:',
      ...[
        ['share-all', 'Commun', 'read', GROUP.all()],
        ['share-finance', 'Finance', 'write', GROUP.finance()],
        ['share-ventes', 'Ventes', 'write', GROUP.ventes()],
      ].flatMap(([id, name, level, group]) => [
        `  - id: ${id}`,
        '    type: share',
        `    name: '\\\\fs01\\${name}'`,
        '    owner: E9000',
        '    criticality: medium',
        '    grants:',
        `      ${level}: ['${group}']`,
      ]),
    ]);
    file('access-rules', 'birthrights.yaml', [
      'apiVersion: vigie.dev/v1',
      'kind: AccessRuleList',
      'rules:',
      '  - description: Everyone reads the common share',
      '    birthright: true',
      '    can: [read]',
      '    on: share',
      '    where: { id: share-all }',
      '  - description: Finance staff write the finance share',
      '    birthright: true',
      '    when: { department: Finance }',
      '    can: [write]',
      '    on: share',
      '    where: { id: share-finance }',
      '  - description: Sales staff write the sales share',
      '    birthright: true',
      '    when: { department: Ventes }',
      '    can: [write]',
      '    on: share',
      '    where: { id: share-ventes }',
    ]);
    file('settings', 'settings.yaml', [
      'apiVersion: vigie.dev/v1',
      'kind: Settings',
      'hr:',
      '  departments:',
      `    Finance: '${OU.finance()}'`,
      `    Ventes: '${OU.ventes()}'`,
      `  leaversOu: '${OU.leavers()}'`,
    ]);
  }

  beforeAll(async () => {
    [dc, db] = await Promise.all([sambaDc({ startTimeoutMs: SAMBA_START_MS }), createTestDatabase()]);
    ou = await createTestOu('hr-e2e', dc);
    const orgUnit = (dn: string) => `dn: ${dn}\nobjectClass: organizationalUnit\n`;
    const group = (dn: string) => `dn: ${dn}\nobjectClass: group\nsAMAccountName: ${ou.tag}-${/^CN=([^,]+)/.exec(dn)![1]}\ngroupType: -2147483646\n`;
    await dc.addLdif(
      [orgUnit(OU.finance()), orgUnit(OU.ventes()), orgUnit(OU.leavers()), group(GROUP.all()), group(GROUP.finance()), group(GROUP.ventes())].join('\n'),
    );
    // Someone outside HR holds jean.martin already.
    await dc.addLdif(`dn: ${at('CN=Jean Martin')}\nobjectClass: user\nsAMAccountName: jean.martin\nsn: Martin\n`);
    const ldaps = new URL(dc.ldapsUrl);
    proxy = await startTcpProxy({ host: ldaps.hostname, port: Number(ldaps.port) });
    policyDir = mkdtempSync(join(tmpdir(), 'vigie-hr-ad-'));
    writePolicy(policyDir);
    const config = loadConfig({
      env: { DATABASE_URL: db.url, AD_ADMIN_PASSWORD: dc.adminPassword, ...trailKeyEnv() },
      file: '/dev/null',
      overrides: {
        log: { level: 'silent' },
        scheduler: { enabled: false },
        directories: [
          {
            name: 'corp-ad',
            kind: 'ad',
            url: proxy.via(dc.ldapsUrl),
            caFile: dc.caFile,
            baseDn: ou.dn,
            bindDn: dc.adminDn,
            bindPasswordEnv: 'AD_ADMIN_PASSWORD',
            timeoutMs: 30_000,
          },
        ],
        policy: { dir: policyDir },
        hr: { directory: 'corp-ad', mailDomain: 'acme.test', retries: { limit: 3, delaySeconds: 1 } },
      },
    });
    vigie = createVigie(config);
    scheduler = await startScheduler(vigie);
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
  }, SAMBA_START_MS + 120_000);

  afterAll(async () => {
    await sql?.end();
    await scheduler?.stop();
    await vigie?.close();
    await proxy?.cut();
    await Promise.all([ou?.remove(), db?.drop()]);
    if (policyDir) rmSync(policyDir, { recursive: true, force: true });
  });

  let seq = 0;
  const receive = (type: string, person: Record<string, unknown>, more: Record<string, unknown> = {}) =>
    vigie.run('receive-hr-event', { source: 'webhook', eventId: `ad-evt-${ou.tag}-${++seq}`, type, effectiveDate: '2026-01-05', person, ...more } as never);
  const settled = async (id: string, done: (status: string) => boolean = (s) => s === 'done' || s === 'dead') => {
    const deadline = Date.now() + POLL_MS;
    for (;;) {
      const { rows } = await sql.query("SELECT status, body->'lastError' AS last_error FROM hr_event WHERE id = $1", [id]);
      if (rows[0] && done(rows[0].status)) return rows[0] as { status: string; last_error: unknown };
      if (Date.now() > deadline) {
        const full = await sql.query('SELECT attempts, body FROM hr_event WHERE id = $1', [id]);
        throw new Error(`event ${id} did not settle: ${JSON.stringify(full.rows[0])}`);
      }
      await pause(300);
    }
  };
  /** Entries under the test OU matching the filter, as Administrator reads them, one attribute map each. */
  const find = async (filter: string): Promise<Array<Record<string, string[]>>> => {
    const ldif = await dc.ldapTool(
      'ldapsearch',
      [
        '-LLL',
        '-o',
        'ldif-wrap=no',
        '-b',
        ou.dn,
        filter,
        'dn',
        'sAMAccountName',
        'userAccountControl',
        'pwdLastSet',
        'memberOf',
        'title',
        'department',
        'userPrincipalName',
        'sn',
      ],
      undefined,
      { url: dc.ldapsUrl },
    );
    return ldif
      .split(/\n\n+/)
      .filter((block) => block.trim())
      .map((block) => {
        const attributes: Record<string, string[]> = {};
        for (const line of block.split('\n')) {
          const m = /^([\w-]+)(::?) (.*)$/.exec(line);
          if (!m) continue;
          const value = m[2] === '::' ? Buffer.from(m[3]!, 'base64').toString('utf8') : m[3]!;
          (attributes[m[1]!.toLowerCase()] ??= []).push(value);
        }
        return attributes;
      });
  };

  it(
    'creates the joiner in the OU, enabled, password to change at first logon, with the birthright groups',
    async () => {
      const elodie = { employeeId: 'E200', firstName: 'Élodie', lastName: 'de La Fontaine', department: 'Finance', title: 'Comptable' };
      const hire = await receive('hire', elodie);
      expect(await settled(hire.id)).toMatchObject({ status: 'done' });
      // The same event again: stored once, applied once.
      expect((await receive('hire', elodie, { eventId: hire.eventId })).duplicate).toBe(true);
      const [account, ...others] = await find('(employeeID=E200)');
      expect(others).toEqual([]);
      expect(account!.dn![0]).toBe(`CN=Élodie de La Fontaine,${OU.finance()}`);
      expect(account).toMatchObject({
        samaccountname: ['elodie.delafontaine'],
        userprincipalname: ['elodie.delafontaine@acme.test'],
        useraccountcontrol: ['512'],
        pwdlastset: ['0'],
        title: ['Comptable'],
        department: ['Finance'],
      });
      expect(account!.memberof!.map((g) => g.toLowerCase()).sort()).toEqual([GROUP.all(), GROUP.finance()].map((g) => g.toLowerCase()).sort());
    },
    POLL_MS + 30_000,
  );

  it(
    'gives the second Jean Martin a suffixed login and a CN of his own',
    async () => {
      const hire = await receive('hire', { employeeId: 'E201', firstName: 'Jean', lastName: 'Martin', department: 'Finance' });
      expect(await settled(hire.id)).toMatchObject({ status: 'done' });
      const [account] = await find('(employeeID=E201)');
      expect(account!.samaccountname).toEqual(['jean.martin2']);
      expect(account!.dn![0]).toBe(`CN=Jean Martin (jean.martin2),${OU.finance()}`);
    },
    POLL_MS + 30_000,
  );

  it(
    'keeps an injection attempt in a name as literal text in the CN, under the OU',
    async () => {
      const before = (await find('(objectClass=*)')).length;
      const hire = await receive('hire', { employeeId: 'E202', firstName: 'Mal', lastName: 'a,OU=Admins', department: 'Finance' });
      expect(await settled(hire.id)).toMatchObject({ status: 'done' });
      const [account] = await find('(employeeID=E202)');
      // Samba writes the escaped "=" back as \3D: the same value.
      expect(account!.dn![0]!.replace('\\3D', '\\=')).toBe(`CN=Mal a\\,OU\\=Admins,${OU.finance()}`);
      expect(account).toMatchObject({ samaccountname: ['mal.aouadmins'], sn: ['a,OU=Admins'] });
      expect((await find('(objectClass=*)')).length).toBe(before + 1);
    },
    POLL_MS + 30_000,
  );

  it(
    'moves a mover: the new OU and group now, the old group until the follow-up runs past the grace',
    async () => {
      const move = await receive('move', { employeeId: 'E201', department: 'Ventes', title: 'Commercial' });
      expect(await settled(move.id)).toMatchObject({ status: 'done' });
      const [moved] = await find('(employeeID=E201)');
      expect(moved!.dn![0]).toBe(`CN=Jean Martin (jean.martin2),${OU.ventes()}`);
      expect(moved!.title).toEqual(['Commercial']);
      const groups = () => find('(employeeID=E201)').then(([a]) => (a!.memberof ?? []).map((g) => g.toLowerCase()).sort());
      expect(await groups()).toEqual([GROUP.all(), GROUP.finance(), GROUP.ventes()].map((g) => g.toLowerCase()).sort());
      const { rows } = await sql.query("SELECT id FROM hr_follow_up WHERE employee_id = 'E201' AND kind = 'remove-groups'");
      await sql.query("UPDATE hr_follow_up SET due_at = now() - interval '1 minute' WHERE id = $1", [rows[0].id]);
      await expect(vigie.run('run-hr-follow-up', { followUpId: rows[0].id })).resolves.toMatchObject({ status: 'done' });
      expect(await groups()).toEqual([GROUP.all(), GROUP.ventes()].map((g) => g.toLowerCase()).sort());
    },
    POLL_MS + 30_000,
  );

  it(
    'retries while the DC cannot be reached, and creates the account once when it is back',
    async () => {
      await proxy.cut();
      const hire = await receive('hire', { employeeId: 'E203', firstName: 'Loïc', lastName: "N'Diaye", department: 'Finance' });
      expect(await settled(hire.id, (s) => s === 'retrying')).toMatchObject({ status: 'retrying' });
      await proxy.restore();
      expect(await settled(hire.id, (s) => s === 'done')).toMatchObject({ status: 'done' });
      const accounts = await find('(employeeID=E203)');
      expect(accounts.map((a) => a.samaccountname![0])).toEqual(['loic.ndiaye']);
    },
    POLL_MS + 30_000,
  );

  it(
    'disables a leaver, takes her out of her groups and moves her to the leavers OU',
    async () => {
      const leave = await receive('leave', { employeeId: 'E200', endDate: '2026-01-04' }, { immediate: true });
      expect(await settled(leave.id)).toMatchObject({ status: 'done' });
      const [account] = await find('(employeeID=E200)');
      expect(account!.dn![0]).toBe(`CN=Élodie de La Fontaine,${OU.leavers()}`);
      expect(Number(account!.useraccountcontrol![0]) & 2).toBe(2);
      expect(account!.memberof).toBeUndefined();
      const { rows } = await sql.query("SELECT kind, status FROM hr_follow_up WHERE employee_id = 'E200'");
      expect(rows).toEqual([{ kind: 'delete-account', status: 'scheduled' }]);
    },
    POLL_MS + 30_000,
  );
});
