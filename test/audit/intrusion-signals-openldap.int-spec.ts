/**
 * OpenLDAP's password policy overlay (ppolicy) on a real slapd, end to end: the default policy named by the
 * directory's passwordPolicyDn setting (cn=config is not readable here), failed binds recorded by ppolicy in
 * pwdFailureTime, an administrator locked out (pwdAccountLockedTime). The scheduled incremental sync sees them, the
 * audit follows at once, and the security officer gets a mail: H-PWD-SPRAY and H-ADMIN-LOCKOUT. Three lockouts of one
 * account seen by successive syncs make H-REPEATED-LOCKOUT.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'ldapts';
import { ScheduledJobs, type Vigie, createVigie } from '#vigie/application';
import { loadConfig } from '#vigie/config';
import { SILENT_LOGGER } from '#vigie/logging';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { type MailCatcher, startMailCatcher } from '../support/mail-catcher.js';
import { ldapModify, type SlapdInstance, startSlapd } from '../support/slapd.js';
import { trailKeyEnv } from '../support/trail.js';

const SUFFIX = 'dc=acme,dc=test';
const DEFAULT_POLICY = `cn=default,ou=policies,${SUFFIX}`;
const NO_EXPIRY = `cn=no-expiry,ou=policies,${SUFFIX}`;
const dnOf = (uid: string) => `uid=${uid},ou=people,${SUFFIX}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const person = (uid: string, extra = '') =>
  `dn: ${dnOf(uid)}\nobjectClass: inetOrgPerson\nuid: ${uid}\ncn: ${uid}\nsn: ${uid}\nuserPassword: Right-${uid}-1\n${extra}`;

// The default policy locks an account after 3 failed passwords until an administrator unlocks it (duration 0).
const LDIF = [
  `dn: ou=people,${SUFFIX}\nobjectClass: organizationalUnit\nou: people\n`,
  `dn: ou=groups,${SUFFIX}\nobjectClass: organizationalUnit\nou: groups\n`,
  `dn: ou=policies,${SUFFIX}\nobjectClass: organizationalUnit\nou: policies\n`,
  `dn: ${DEFAULT_POLICY}\nobjectClass: device\nobjectClass: pwdPolicy\ncn: default\npwdAttribute: userPassword\npwdMaxAge: 7776000\npwdLockout: TRUE\npwdMaxFailure: 3\npwdLockoutDuration: 0\npwdFailureCountInterval: 0\n`,
  `dn: ${NO_EXPIRY}\nobjectClass: device\nobjectClass: pwdPolicy\ncn: no-expiry\npwdAttribute: userPassword\npwdMaxAge: 0\n`,
  person('alice'),
  person('bruno'),
  person('chloe'),
  person('svc-app', `pwdPolicySubentry: ${NO_EXPIRY}\n`),
  person('contractor', 'pwdEndTime: 20260101000000Z\n'),
  person('departed', 'pwdAccountLockedTime: 000001010000Z\n'),
  person('adm-root'),
  `dn: cn=ldap-admins,ou=groups,${SUFFIX}\nobjectClass: groupOfNames\ncn: ldap-admins\nmember: ${dnOf('adm-root')}\n`,
  `dn: cn=app-users,ou=groups,${SUFFIX}\nobjectClass: groupOfNames\ncn: app-users\nmember: ${dnOf('contractor')}\nmember: ${dnOf('alice')}\n`,
].join('\n');

async function failBind(slapd: SlapdInstance, uid: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) {
    const client = new Client({ url: slapd.url });
    try {
      await expect(client.bind(dnOf(uid), 'wrong password')).rejects.toThrow(/0x31/);
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }
}

describe('ppolicy and intrusion signals on a real OpenLDAP, alerted after the incremental sync', () => {
  let slapd: SlapdInstance;
  let db: TestDatabase;
  let vigie: Vigie;
  let jobs: ScheduledJobs;
  let smtp: MailCatcher;
  let policyDir: string;
  const mails = () => smtp.mails.map((m) => m.data);
  const current = async (rule: string) =>
    (await (await vigie.dependencies.findingsQuery()).current({ rule: [rule] }, { limit: 100, offset: 0 })).findings.filter(
      (f) => f.state.status !== 'resolved',
    );

  beforeAll(async () => {
    smtp = await startMailCatcher();
    // slapd enforces its default policy; Vigie, which may not read cn=config, is told its DN by the directory setting.
    [slapd, db] = await Promise.all([startSlapd({ ldif: LDIF, ppolicyDefault: DEFAULT_POLICY }), createTestDatabase()]);
    policyDir = mkdtempSync(join(tmpdir(), 'vigie-ppolicy-'));
    mkdirSync(join(policyDir, 'settings'));
    mkdirSync(join(policyDir, 'resources'));
    writeFileSync(
      join(policyDir, 'settings', 'settings.yaml'),
      'apiVersion: vigie.dev/v1\nkind: Settings\nprivilegedGroups: [ldap-admins]\nrules:\n  H-PWD-SPRAY: { minAccounts: 3 }\n',
    );
    writeFileSync(
      join(policyDir, 'resources', 'shares.yaml'),
      'apiVersion: vigie.dev/v1\nkind: ResourceList\nresources:\n  - id: share-app\n    type: share\n    name: \\\\fs01\\App\n    owner: E1\n    criticality: medium\n    grants: { write: [app-users] }\n',
    );
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
            url: slapd.url,
            baseDn: SUFFIX,
            bindDn: slapd.rootDn,
            bindPasswordEnv: 'LDAP_PASSWORD',
            passwordPolicyDn: DEFAULT_POLICY,
          },
        ],
        policy: { dir: policyDir, keepLastValid: false },
        alerts: { minSeverity: 'critical', smtp: { host: '127.0.0.1', port: smtp.port, allowPlain: true, from: 'vigie@acme.test', to: ['rssi@acme.test'] } },
      },
    });
    vigie = createVigie(config);
    jobs = new ScheduledJobs(vigie, SILENT_LOGGER);
  });

  afterAll(async () => {
    await vigie?.close();
    await Promise.all([slapd?.stop(), db?.drop(), smtp?.close()]);
    if (policyDir) rmSync(policyDir, { recursive: true, force: true });
  });

  it('reads the policies: never-expiring policy, pwdEndTime passed, the administrative lock as disabled; no intrusion yet', async () => {
    await jobs.sync('full');
    await jobs.audit();
    const [snapshot] = await (await vigie.dependencies.snapshots()).load(['corp']);
    const byLogin = new Map(snapshot.accounts.map((a) => [a.login, a]));
    // The default policy comes from the directory's passwordPolicyDn setting; svc-app names its own.
    expect(byLogin.get('alice')?.passwordPolicyDn).toBe(DEFAULT_POLICY);
    expect(byLogin.get('svc-app')?.passwordPolicyDn).toBe(NO_EXPIRY);
    expect(byLogin.get('departed')).toMatchObject({ enabled: false, lockedOutAt: null });
    expect(snapshot.objects.filter((o) => o.kind === 'password-policy').map((o) => [o.name, o.pwdMaxAge])).toEqual(
      expect.arrayContaining([
        ['default', 7776000],
        ['no-expiry', 0],
      ]),
    );

    const never = await current('H-PWD-NEVER-EXPIRES');
    expect(never.map((f) => f.subject.login)).toEqual(['svc-app']);
    expect(never[0].evidence).toEqual({ passwordPolicy: NO_EXPIRY, pwdMaxAge: 0 });
    const expired = await current('G-TEMP-EXPIRED');
    expect(expired.map((f) => f.subject.login)).toEqual(['contractor']);
    expect(expired[0].explain[0]).toBe('pwdEndTime 2026-01-01 has passed; the account is still enabled');
    for (const rule of ['H-PWD-SPRAY', 'H-ADMIN-LOCKOUT', 'H-REPEATED-LOCKOUT']) expect(await current(rule)).toEqual([]);
    expect(mails().join('\n')).not.toMatch(/H-PWD-SPRAY|H-ADMIN-LOCKOUT/);
  });

  it('mails H-PWD-SPRAY and H-ADMIN-LOCKOUT right after the incremental sync that sees failed binds and a locked administrator', async () => {
    await failBind(slapd, 'alice');
    await failBind(slapd, 'bruno');
    await failBind(slapd, 'chloe');
    await failBind(slapd, 'adm-root', 3);
    const before = mails().length;
    await jobs.sync('incremental');

    const spray = await current('H-PWD-SPRAY');
    expect(spray).toHaveLength(1);
    expect(spray[0]).toMatchObject({ severity: 'critical', subject: { type: 'directory', name: 'corp' }, evidence: { accounts: 4, windowMinutes: 30 } });
    const lockout = await current('H-ADMIN-LOCKOUT');
    expect(lockout.map((f) => f.subject.login)).toEqual(['adm-root']);
    expect(lockout[0].explain[0]).toMatch(/^pwdAccountLockedTime \S+: the account is locked out$/);
    expect(lockout[0].explain[1]).toBe('adm-root ∈ ldap-admins (direct)');

    expect(mails().length).toBeGreaterThan(before);
    const alert = mails().slice(before).join('\n');
    expect(alert).toContain('H-PWD-SPRAY: corp (corp)');
    expect(alert).toContain('H-ADMIN-LOCKOUT: adm-root (corp)');
  });

  it('reports an account locked out three times, as successive syncs saw it, in H-REPEATED-LOCKOUT', async () => {
    for (let round = 0; round < 2; round++) {
      // pwdAccountLockedTime has a one-second grain: each lockout gets its own time.
      await sleep(1100);
      await ldapModify(slapd, `dn: ${dnOf('adm-root')}\nchangetype: modify\ndelete: pwdAccountLockedTime\n`);
      await jobs.sync('incremental');
      await failBind(slapd, 'adm-root', 3);
      await jobs.sync('incremental');
    }
    const repeated = await current('H-REPEATED-LOCKOUT');
    expect(repeated.map((f) => f.subject.login)).toEqual(['adm-root']);
    expect(repeated[0]).toMatchObject({ severity: 'high' });
    expect(repeated[0].evidence.lockouts).toHaveLength(3);
  });
});
