/**
 * HR events end to end on a real OpenLDAP (over LDAPS) and a real PostgreSQL, the HR workers running as `vigie serve`
 * runs them: hires received (receive-hr-event) and applied by the hr.apply jobs: the account in the department's OU
 * with its French login, a collision's suffix, an initial password mailed to the IT desk that binds, the birthright
 * groups; the same event twice, one account; an injection attempt in a name; a mover's new group now and the old one
 * after the grace; a leaver disabled, out of their groups, in the leavers' OU, their deletion scheduled; a future leave
 * cancelled; the directory cut on the effective date, the event retried and the account made once when it is back.
 */
import { Client } from 'ldapts';
import pg from 'pg';
import { type Vigie, createVigie, startScheduler } from '#vigie/application';
import { loadConfig } from '#vigie/config';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { bindResult } from '../support/ldap-bind.js';
import { type MailCatcher, startMailCatcher } from '../support/mail-catcher.js';
import { type SlapdInstance, startSlapd } from '../support/slapd.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { publishedFileFor, trailKeyEnv } from '../support/trail.js';

const SUFFIX = 'dc=acme,dc=test';
const OU = { finance: `ou=finance,ou=people,${SUFFIX}`, ventes: `ou=ventes,ou=people,${SUFFIX}`, leavers: `ou=leavers,${SUFFIX}` };
const GROUP = { all: `cn=all-staff,ou=groups,${SUFFIX}`, finance: `cn=finance-rw,ou=groups,${SUFFIX}`, ventes: `cn=ventes-rw,ou=groups,${SUFFIX}` };
const POLICY_DN = `cn=default,ou=policies,${SUFFIX}`;
const entry = (dn: string, ...lines: string[]) => [`dn: ${dn}`, ...lines].join('\n') + '\n';
const LDIF = [
  entry(`ou=people,${SUFFIX}`, 'objectClass: organizationalUnit', 'ou: people'),
  entry(OU.finance, 'objectClass: organizationalUnit', 'ou: finance'),
  entry(OU.ventes, 'objectClass: organizationalUnit', 'ou: ventes'),
  entry(OU.leavers, 'objectClass: organizationalUnit', 'ou: leavers'),
  entry(`ou=groups,${SUFFIX}`, 'objectClass: organizationalUnit', 'ou: groups'),
  entry(`ou=policies,${SUFFIX}`, 'objectClass: organizationalUnit', 'ou: policies'),
  entry(POLICY_DN, 'objectClass: device', 'objectClass: pwdPolicy', 'cn: default', 'pwdAttribute: userPassword', 'pwdLockout: TRUE'),
  // Someone outside HR already holds jean.martin: the first Jean Martin Vigie makes is jean.martin2.
  entry(`uid=jean.martin,${OU.ventes}`, 'objectClass: inetOrgPerson', 'uid: jean.martin', 'cn: Jean Martin', 'sn: Martin', 'employeeNumber: X0001'),
  entry(`uid=boss,${OU.finance}`, 'objectClass: inetOrgPerson', 'uid: boss', 'cn: Boss', 'sn: Boss', 'employeeNumber: X0002'),
  ...Object.values(GROUP).map((dn) => entry(dn, 'objectClass: groupOfNames', `cn: ${/^cn=([^,]+)/.exec(dn)![1]}`, `member: uid=boss,${OU.finance}`)),
].join('\n');
const fixture = (name: string) => new URL(`../fixtures/hr/${name}`, import.meta.url).pathname;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('HR joiners, movers and leavers on OpenLDAP', () => {
  let slapd: SlapdInstance;
  let proxy: TcpProxy;
  let db: TestDatabase;
  let smtp: MailCatcher;
  let vigie: Vigie;
  let scheduler: Awaited<ReturnType<typeof startScheduler>> | null = null;
  let ldap: Client;
  let sql: pg.Client;

  beforeAll(async () => {
    [slapd, db, smtp] = await Promise.all([startSlapd({ ldif: LDIF, tls: true, ppolicyDefault: POLICY_DN }), createTestDatabase(), startMailCatcher()]);
    const url = new URL(slapd.ldapsUrl!);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port) });
    const config = loadConfig({
      env: { DATABASE_URL: db.url, LDAP_PASSWORD: slapd.rootPassword, ...trailKeyEnv() },
      file: '/dev/null',
      overrides: {
        log: { level: 'silent' },
        scheduler: { enabled: false },
        directories: [
          {
            name: 'corp',
            kind: 'ldap',
            url: proxy.via(slapd.ldapsUrl!),
            caFile: slapd.caFile,
            baseDn: SUFFIX,
            bindDn: slapd.rootDn,
            bindPasswordEnv: 'LDAP_PASSWORD',
            timeoutMs: 3000,
          },
        ],
        policy: { dir: fixture('policy') },
        trail: { publish: { file: publishedFileFor(db.url) } },
        alerts: { smtp: { host: '127.0.0.1', port: smtp.port, allowPlain: true, from: 'vigie@acme.test', to: ['rssi@acme.test'] } },
        hr: {
          directory: 'corp',
          mailDomain: 'acme.test',
          retries: { limit: 5, delaySeconds: 1 },
          passwordDelivery: { channel: 'mail', to: ['it-desk@acme.test'] },
        },
      },
    });
    vigie = createVigie(config);
    scheduler = await startScheduler(vigie);
    ldap = new Client({ url: slapd.url });
    await ldap.bind(slapd.rootDn, slapd.rootPassword);
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
  }, 120_000);

  afterAll(async () => {
    await ldap?.unbind().catch(() => undefined);
    await sql?.end();
    await scheduler?.stop();
    await vigie?.close();
    await proxy?.cut();
    await Promise.all([slapd?.stop(), db?.drop(), smtp?.close()]);
  });

  let seq = 0;
  const receive = (type: string, person: Record<string, unknown>, more: Record<string, unknown> = {}) =>
    vigie.run('receive-hr-event', { source: 'webhook', eventId: `evt-${++seq}`, type, effectiveDate: '2026-01-05', person, ...more } as never);

  /** The event as stored, once `done` holds (the workers are asynchronous). */
  const settled = async (id: string, done: (status: string) => boolean = (s) => s === 'done' || s === 'dead', timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await sql.query("SELECT status, body->'lastError' AS last_error FROM hr_event WHERE id = $1", [id]);
      if (rows[0] && done(rows[0].status)) return rows[0] as { status: string; last_error: unknown };
      if (Date.now() > deadline) throw new Error(`event ${id} did not settle: ${JSON.stringify(rows[0])}`);
      await pause(200);
    }
  };
  const find = async (filter: string) => (await ldap.search(SUFFIX, { scope: 'sub', filter, attributes: ['*', '+'] })).searchEntries;
  const membersOf = async (groupDn: string) => {
    const [group] = (await ldap.search(groupDn, { scope: 'base', attributes: ['member'] })).searchEntries;
    const member = group?.member ?? [];
    return (Array.isArray(member) ? member : [member]).map((m) => String(m).toLowerCase());
  };
  const elodie = { employeeId: 'E100', firstName: 'Élodie', lastName: 'de La Fontaine', department: 'Finance', title: 'Comptable', managerEmployeeId: 'X0002' };

  it('creates a joiner in the department OU with her login, a password that binds, her groups; the same event twice makes one account', async () => {
    const hire = await receive('hire', elodie);
    expect(await settled(hire.id)).toMatchObject({ status: 'done' });
    const again = await receive('hire', elodie, { eventId: `evt-${seq}` });
    expect(again.duplicate).toBe(true);
    const [account, ...others] = await find('(employeeNumber=E100)');
    expect(others).toEqual([]);
    expect(account!.dn).toBe(`uid=elodie.delafontaine,${OU.finance}`);
    expect(account).toMatchObject({ mail: 'elodie.delafontaine@acme.test', title: 'Comptable', departmentNumber: 'Finance', pwdReset: 'TRUE' });
    // Her manager came before Vigie: found in slapd by his employee number.
    expect(account!.manager).toBe(`uid=boss,${OU.finance}`);
    const mail = smtp.mails.find((m) => m.to.includes('it-desk@acme.test') && m.data.includes('elodie.delafontaine'))!;
    const password = /Initial password: (\S+)/.exec(mail.data)![1]!;
    expect(await bindResult(slapd.ldapsUrl!, slapd.caFile!, account!.dn, password)).toBe(0);
    for (const group of [GROUP.all, GROUP.finance]) expect(await membersOf(group)).toContain(account!.dn.toLowerCase());
    expect(await membersOf(GROUP.ventes)).not.toContain(account!.dn.toLowerCase());
    const { rows } = await sql.query("SELECT count(*)::int AS n FROM hr_event WHERE status = 'done'");
    expect(rows[0].n).toBe(1);
    // The password is nowhere but in the IT desk's mail and slapd's hash.
    const tables = ['hr_event', 'hr_person', 'trail_entry', 'pgboss.job'];
    const dump = (await Promise.all(tables.map(async (t) => JSON.stringify((await sql.query(`SELECT * FROM ${t}`)).rows)))).join('');
    expect(dump).not.toContain(password);
  }, 90_000);

  it('gives a second person the suffixed login when the first is taken', async () => {
    const hire = await receive('hire', { employeeId: 'E101', firstName: 'Jean', lastName: 'Martin', department: 'Finance' });
    await settled(hire.id);
    const [account] = await find('(employeeNumber=E101)');
    expect(account!.dn).toBe(`uid=jean.martin2,${OU.finance}`);
    expect(await find('(uid=jean.martin)')).toHaveLength(1);
  }, 60_000);

  it('writes an injection attempt in a name as literal text and touches no other entry', async () => {
    const before = (await find('(objectClass=*)')).length;
    const hire = await receive('hire', { employeeId: 'E102', firstName: 'Eve', lastName: 'x)(uid=*', department: 'Finance', title: 'a,OU=Admins' });
    expect(await settled(hire.id)).toMatchObject({ status: 'done' });
    const [account] = await find('(employeeNumber=E102)');
    expect(account).toMatchObject({ dn: `uid=eve.xuid,${OU.finance}`, sn: 'x)(uid=*', title: 'a,OU=Admins' });
    expect((await find('(objectClass=*)')).length).toBe(before + 1);
  }, 60_000);

  it('moves a mover: new group now, old group until the follow-up runs past the grace', async () => {
    const move = await receive('move', { employeeId: 'E100', department: 'Ventes', title: 'Commerciale' });
    expect(await settled(move.id)).toMatchObject({ status: 'done' });
    const dn = `uid=elodie.delafontaine,${OU.ventes}`.toLowerCase();
    expect((await find('(employeeNumber=E100)'))[0]!.dn.toLowerCase()).toBe(dn);
    expect(await membersOf(GROUP.ventes)).toContain(dn);
    expect(await membersOf(GROUP.finance)).toContain(dn);
    const { rows } = await sql.query("SELECT id, due_at FROM hr_follow_up WHERE employee_id = 'E100' AND kind = 'remove-groups'");
    expect(rows).toHaveLength(1);
    // Not due yet: nothing happens.
    await vigie.run('run-hr-follow-up', { followUpId: rows[0].id });
    expect(await membersOf(GROUP.finance)).toContain(dn);
    // The grace has passed (the follow-up's time moved back rather than the clock forward).
    await sql.query("UPDATE hr_follow_up SET due_at = now() - interval '1 minute' WHERE id = $1", [rows[0].id]);
    await expect(vigie.run('run-hr-follow-up', { followUpId: rows[0].id })).resolves.toMatchObject({ status: 'done' });
    expect(await membersOf(GROUP.finance)).not.toContain(dn);
    expect(await membersOf(GROUP.ventes)).toContain(dn);
  }, 60_000);

  it('disables a leaver, removes her groups, moves her to the leavers OU and schedules the deletion', async () => {
    const leave = await receive('leave', { employeeId: 'E101', endDate: '2026-01-04' }, { immediate: true });
    expect(await settled(leave.id)).toMatchObject({ status: 'done' });
    const [account] = await find('(employeeNumber=E101)');
    expect(account!.dn).toBe(`uid=jean.martin2,${OU.leavers}`);
    expect(account!.pwdAccountLockedTime).toBe('000001010000Z');
    for (const group of Object.values(GROUP)) expect(await membersOf(group)).not.toContain(account!.dn.toLowerCase());
    const { rows } = await sql.query("SELECT kind, status FROM hr_follow_up WHERE employee_id = 'E101'");
    expect(rows).toEqual([{ kind: 'delete-account', status: 'scheduled' }]);
  }, 60_000);

  it('undoes an applied leave on its cancel: deletion cancelled, account enabled, moved back, groups given back', async () => {
    const { rows } = await sql.query("SELECT event_id FROM hr_event WHERE employee_id = 'E101' AND type = 'leave'");
    const cancel = await receive('cancel', { employeeId: 'E101' }, { cancels: rows[0].event_id });
    expect(await settled(cancel.id)).toMatchObject({ status: 'done' });
    const [account] = await find('(employeeNumber=E101)');
    expect(account!.dn).toBe(`uid=jean.martin2,${OU.finance}`);
    expect(account!.pwdAccountLockedTime).toBeUndefined();
    for (const group of [GROUP.all, GROUP.finance]) expect(await membersOf(group)).toContain(account!.dn.toLowerCase());
    const followUps = await sql.query("SELECT status FROM hr_follow_up WHERE employee_id = 'E101'");
    expect(followUps.rows).toEqual([{ status: 'cancelled' }]);
    const trail = await sql.query('SELECT action FROM trail_entry ORDER BY at');
    expect(trail.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['hr-event.follow-up-cancelled', 'hr-event.account-enabled', 'hr-event.account-moved']),
    );
  }, 60_000);

  it('cancels a future leave before it is applied', async () => {
    const leave = await receive('leave', { employeeId: 'E102', endDate: '2099-12-31' }, { effectiveDate: '2099-12-31' });
    const cancel = await receive('cancel', { employeeId: 'E102' }, { cancels: leave.eventId, effectiveDate: '2026-01-05' });
    expect(await settled(cancel.id)).toMatchObject({ status: 'done' });
    expect(await settled(leave.id, (s) => s !== 'pending')).toMatchObject({ status: 'cancelled' });
    const [account] = await find('(employeeNumber=E102)');
    expect(account!.pwdAccountLockedTime).toBeUndefined();
  }, 60_000);

  it('retries while the directory is down on the effective date, and creates the account once when it is back', async () => {
    await proxy.cut();
    const hire = await receive('hire', { employeeId: 'E103', firstName: 'Loïc', lastName: "N'Diaye", department: 'Ventes' });
    expect(await settled(hire.id, (s) => s === 'retrying')).toMatchObject({ status: 'retrying' });
    await proxy.restore();
    expect(await settled(hire.id, (s) => s === 'done', 60_000)).toMatchObject({ status: 'done' });
    const accounts = await find('(employeeNumber=E103)');
    expect(accounts.map((a) => a.dn)).toEqual([`uid=loic.ndiaye,${OU.ventes}`]);
  }, 90_000);
});
