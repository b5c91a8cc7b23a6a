/**
 * Intrusion signals on a real Active Directory (a private Samba 4 DC: the lockout policy is domain-wide). With a
 * lockout threshold of 3, wrong passwords on several accounts and three on an administrator: badPwdCount and
 * badPasswordTime move no uSNChanged (they are not replicated), so the incremental sync also asks for the accounts
 * with a failed password since its last run; lockoutTime is replicated and moves uSNChanged. The audit that follows
 * the scheduled incremental sync mails H-PWD-SPRAY and H-ADMIN-LOCKOUT at once.
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
import { type SambaInstance, setAccountLockout, startSambaDc, unicodePwdBase64 } from '../support/samba.js';
import { trailKeyEnv } from '../support/trail.js';

const START_MS = 240_000;
const PASSWORD = 'Right-Pw-2026!';
const USERS = ['spray1', 'spray2', 'spray3', 'adm-lock'];

describe('intrusion signals on a real Samba AD DC, alerted after the incremental sync', () => {
  let dc: SambaInstance;
  let db: TestDatabase;
  let vigie: Vigie;
  let jobs: ScheduledJobs;
  let smtp: MailCatcher;
  let policyDir: string;
  let ou: string;
  const dnOf = (cn: string) => `CN=${cn},${ou}`;
  const mails = () => smtp.mails.map((m) => m.data);
  const current = async (rule: string) =>
    (await (await vigie.dependencies.findingsQuery()).current({ rule: [rule] }, { limit: 100, offset: 0 })).findings.filter(
      (f) => f.state.status !== 'resolved',
    );

  async function failBind(cn: string, times = 1): Promise<void> {
    for (let i = 0; i < times; i++) {
      const client = new Client({ url: dc.url });
      try {
        // 52e: wrong password; 775: the account is locked out.
        await expect(client.bind(dnOf(cn), 'wrong password')).rejects.toThrow(/data (52e|775)/);
      } finally {
        await client.unbind().catch(() => undefined);
      }
    }
  }

  beforeAll(async () => {
    smtp = await startMailCatcher();
    [dc, db] = await Promise.all([startSambaDc({ startTimeoutMs: START_MS }), createTestDatabase()]);
    await setAccountLockout(dc, { threshold: 3 });
    ou = `OU=Intrusion,${dc.baseDn}`;
    const users = USERS.map(
      (cn) => `dn: ${dnOf(cn)}\nobjectClass: user\nsAMAccountName: ${cn}\nuserAccountControl: 512\nunicodePwd:: ${unicodePwdBase64(PASSWORD)}\n`,
    );
    // A global security group, the company's own privileged group.
    const admins = `dn: ${dnOf('GG_Admins')}\nobjectClass: group\nsAMAccountName: GG_Admins\ngroupType: -2147483646\nmember: ${dnOf('adm-lock')}\n`;
    await dc.addLdif([`dn: ${ou}\nobjectClass: organizationalUnit\n`, ...users, admins].join('\n'), { tls: true });

    policyDir = mkdtempSync(join(tmpdir(), 'vigie-intrusion-ad-'));
    mkdirSync(join(policyDir, 'settings'));
    writeFileSync(
      join(policyDir, 'settings', 'settings.yaml'),
      'apiVersion: vigie.dev/v1\nkind: Settings\nprivilegedGroups: [GG_Admins]\nrules:\n  H-PWD-SPRAY: { minAccounts: 3 }\n',
    );
    const config = loadConfig({
      env: { DATABASE_URL: db.url, AD_PASSWORD: dc.adminPassword, ...trailKeyEnv() },
      file: '/dev/null',
      overrides: {
        log: { level: 'silent' },
        scheduler: { enabled: false },
        directories: [{ name: 'corp-ad', kind: 'ad', url: dc.url, baseDn: ou, bindDn: dc.adminDn, bindPasswordEnv: 'AD_PASSWORD' }],
        policy: { dir: policyDir, keepLastValid: false },
        alerts: { minSeverity: 'critical', smtp: { host: '127.0.0.1', port: smtp.port, allowPlain: true, from: 'vigie@acme.test', to: ['rssi@acme.test'] } },
      },
    });
    vigie = createVigie(config);
    jobs = new ScheduledJobs(vigie, SILENT_LOGGER);
  }, START_MS);

  afterAll(async () => {
    await vigie?.close();
    await Promise.all([dc?.stop(), db?.drop(), smtp?.close()]);
    if (policyDir) rmSync(policyDir, { recursive: true, force: true });
  });

  it('takes the baseline: no failed password, no lockout', async () => {
    await jobs.sync('full');
    await jobs.audit();
    for (const rule of ['H-PWD-SPRAY', 'H-ADMIN-LOCKOUT']) expect(await current(rule)).toEqual([]);
  });

  it('mails H-PWD-SPRAY and H-ADMIN-LOCKOUT after the incremental sync that reads the failed passwords and the lockout', async () => {
    await failBind('spray1');
    await failBind('spray2');
    await failBind('spray3');
    await failBind('adm-lock', 3);
    const before = mails().length;
    await jobs.sync('incremental');

    const [snapshot] = await (await vigie.dependencies.snapshots()).load(['corp-ad']);
    const byLogin = new Map(snapshot.accounts.map((a) => [a.login, a]));
    expect(byLogin.get('spray1')).toMatchObject({ badPasswordCount: 1, lockedOutAt: null });
    expect(byLogin.get('adm-lock')?.badPasswordCount).toBe(3);
    expect(byLogin.get('adm-lock')?.lockedOutAt).toBeInstanceOf(Date);

    const spray = await current('H-PWD-SPRAY');
    expect(spray).toHaveLength(1);
    expect(spray[0]).toMatchObject({ severity: 'critical', subject: { type: 'directory', name: 'corp-ad' }, evidence: { accounts: 4 } });
    expect(spray[0].explain.at(-1)).toMatch(/not replicated/);
    const lockout = await current('H-ADMIN-LOCKOUT');
    expect(lockout.map((f) => f.subject.login)).toEqual(['adm-lock']);
    expect(lockout[0].explain[0]).toMatch(/^lockoutTime \S+: the account is locked out$/);

    const alert = mails().slice(before).join('\n');
    expect(alert).toContain('H-PWD-SPRAY: corp-ad (corp-ad)');
    expect(alert).toContain('H-ADMIN-LOCKOUT: adm-lock (corp-ad)');
  });
});
