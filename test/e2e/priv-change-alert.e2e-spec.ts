/**
 * G-PRIV-CHANGE end to end on a real OpenLDAP and a real PostgreSQL: someone joins a group that opens the critical
 * finance share; the next scheduled incremental sync sees the membership, the audit follows at once, and the
 * security officer gets a mail naming who, through which groups, and which sync run saw it.
 */
import { readFileSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import { FindingsQueryService } from '#vigie/audit';
import { loadConfig } from '#vigie/config';
import { createHttpApp } from '../../apps/api/src/create-http-app.js';
import { AuditJob } from '../../apps/worker/src/audit.job.js';
import { SyncJob } from '../../apps/worker/src/sync.job.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { type MailCatcher, startMailCatcher } from '../support/mail-catcher.js';
import { ldapModify, type SlapdInstance, startSlapd } from '../support/slapd.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a new member of a group granting a critical resource alerts after the next sync', () => {
  let slapd: SlapdInstance;
  let db: TestDatabase;
  let app: INestApplication;
  let smtp: MailCatcher;
  const mails = () => smtp.mails.map((m) => m.data);

  beforeAll(async () => {
    smtp = await startMailCatcher();
    [slapd, db] = await Promise.all([startSlapd({ ldif: readFileSync(fixture('ldif/ok/openldap-company.ldif'), 'utf8') }), createTestDatabase()]);
    const config = loadConfig({
      env: { DATABASE_URL: db.url, LDAP_PASSWORD: slapd.rootPassword },
      file: '/dev/null',
      overrides: {
        log: { level: 'silent' },
        scheduler: { enabled: false },
        directories: [{ name: 'corp', kind: 'ldap', url: slapd.url, baseDn: slapd.suffix, bindDn: slapd.rootDn, bindPasswordEnv: 'LDAP_PASSWORD' }],
        policy: { dir: fixture('policies/ok/company') },
        alerts: { minSeverity: 'critical', smtp: { host: '127.0.0.1', port: smtp.port, allowPlain: true, from: 'vigie@acme.test', to: ['rssi@acme.test'] } },
      },
    });
    app = await createHttpApp(config, { withWorker: true });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await Promise.all([slapd?.stop(), db?.drop()]);
    await smtp?.close();
  });

  const privChanges = async () => (await app.get(FindingsQueryService).current({ rule: ['G-PRIV-CHANGE'] }, { limit: 100, offset: 0 })).findings.filter((f) => f.state.status !== 'resolved');

  it('raises nothing for the memberships of the first picture (the baseline)', async () => {
    await app.get(SyncJob).run('full');
    // A baseline records no change, so the sync does not audit by itself: the nightly audit does.
    expect(mails()).toHaveLength(0);
    await app.get(AuditJob).run();
    const all = await app.get(FindingsQueryService).current({}, { limit: 100, offset: 0 });
    expect(all.total).toBeGreaterThan(0);
    expect(await privChanges()).toEqual([]);
  });

  it('audits right after the incremental sync that sees hlefevre join finance-share-rw, and mails the officer', async () => {
    await sleep(1100); // modifyTimestamp has a one-second grain
    await ldapModify(slapd, 'dn: cn=finance-share-rw,ou=groups,dc=acme,dc=test\nchangetype: modify\nadd: member\nmember: uid=hlefevre,ou=people,dc=acme,dc=test\n');
    const mailsBefore = mails().length;
    await app.get(SyncJob).run('incremental');

    const found = await privChanges();
    expect(found.map((f) => `${f.subject.login} ${f.resource?.id}`)).toEqual(['hlefevre share-finance']);
    expect(found[0]).toMatchObject({ severity: 'critical', message: 'New write access to critical resource share-finance (through finance-share-rw), with no approved access request' });
    expect(found[0].explain[0]).toBe('hlefevre ∈ finance-share-rw (direct)');
    expect(found[0].explain[1]).toMatch(/^hlefevre was added to finance-share-rw: seen by the sync run of /);

    const alert = mails().at(-1);
    expect(mailsBefore).toBeLessThan(mails().length);
    expect(alert).toMatch(/G-PRIV-CHANGE: hlefevre \(corp\)/);
    expect(alert).toContain('hlefevre ∈ finance-share-rw (direct)');
  });

  it('resolves the finding once the membership is gone', async () => {
    await sleep(1100);
    await ldapModify(slapd, 'dn: cn=finance-share-rw,ou=groups,dc=acme,dc=test\nchangetype: modify\ndelete: member\nmember: uid=hlefevre,ou=people,dc=acme,dc=test\n');
    await app.get(SyncJob).run('incremental');
    // Only a removal: no audit of its own; the next one (here run by hand) resolves the finding.
    await app.get(AuditJob).run();
    expect(await privChanges()).toEqual([]);
  });
});
