/**
 * G-PRIV-CHANGE end to end on a real OpenLDAP and a real PostgreSQL: someone joins a group that opens the critical
 * finance share; the next scheduled incremental sync sees the membership, the audit follows at once, and the
 * security officer gets a mail naming who, through which groups, and which sync run saw it.
 */
import { readFileSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import { ScheduledJobs, type Vigie, createVigie } from '#vigie/application';
import { SILENT_LOGGER } from '#vigie/logging';
import { loadConfig } from '#vigie/config';
import { createHttpApp } from '../../apps/api/src/create-http-app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { trailKeyEnv } from '../support/trail.js';
import { type MailCatcher, startMailCatcher } from '../support/mail-catcher.js';
import { ldapModify, type SlapdInstance, startSlapd } from '../support/slapd.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a new member of a group granting a critical resource alerts after the next sync', () => {
  let slapd: SlapdInstance;
  let db: TestDatabase;
  let vigie: Vigie;
  let app: INestApplication;
  let jobs: ScheduledJobs;
  let smtp: MailCatcher;
  const mails = () => smtp.mails.map((m) => m.data);

  beforeAll(async () => {
    smtp = await startMailCatcher();
    [slapd, db] = await Promise.all([startSlapd({ ldif: readFileSync(fixture('ldif/ok/openldap-company.ldif'), 'utf8') }), createTestDatabase()]);
    const config = loadConfig({
      env: { DATABASE_URL: db.url, LDAP_PASSWORD: slapd.rootPassword, ...trailKeyEnv() },
      file: '/dev/null',
      overrides: {
        log: { level: 'silent' },
        scheduler: { enabled: false },
        directories: [{ name: 'corp', kind: 'ldap', url: slapd.url, baseDn: slapd.suffix, bindDn: slapd.rootDn, bindPasswordEnv: 'LDAP_PASSWORD' }],
        policy: { dir: fixture('policies/ok/company') },
        alerts: { minSeverity: 'critical', smtp: { host: '127.0.0.1', port: smtp.port, allowPlain: true, from: 'vigie@acme.test', to: ['rssi@acme.test'] } },
      },
    });
    vigie = createVigie(config);
    app = await createHttpApp(vigie, { withWorker: true });
    // The scheduler's jobs, started by hand instead of by the clock.
    jobs = new ScheduledJobs(vigie, SILENT_LOGGER);
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await Promise.all([slapd?.stop(), db?.drop()]);
    await smtp?.close();
  });

  const privChanges = async () =>
    (await (await vigie.dependencies.findingsQuery()).current({ rule: ['G-PRIV-CHANGE'] }, { limit: 100, offset: 0 })).findings.filter(
      (f) => f.state.status !== 'resolved',
    );

  it('raises nothing for the memberships of the first snapshot (the baseline)', async () => {
    await jobs.sync('full');
    // A baseline records no change, so the sync does not audit by itself: the nightly audit does.
    expect(mails()).toHaveLength(0);
    await jobs.audit();
    const all = await (await vigie.dependencies.findingsQuery()).current({}, { limit: 100, offset: 0 });
    expect(all.total).toBeGreaterThan(0);
    expect(await privChanges()).toEqual([]);
  });

  it('audits right after the incremental sync that sees hlefevre join finance-share-rw, and mails the officer', async () => {
    await sleep(1100); // modifyTimestamp has a one-second grain
    await ldapModify(
      slapd,
      'dn: cn=finance-share-rw,ou=groups,dc=acme,dc=test\nchangetype: modify\nadd: member\nmember: uid=hlefevre,ou=people,dc=acme,dc=test\n',
    );
    const mailsBefore = mails().length;
    await jobs.sync('incremental');

    const found = await privChanges();
    expect(found.map((f) => `${f.subject.login} ${f.resource?.id}`)).toEqual(['hlefevre share-finance']);
    expect(found[0]).toMatchObject({
      severity: 'critical',
      message: 'New write access to critical resource share-finance (through finance-share-rw), with no approved access request',
    });
    expect(found[0].explain[0]).toBe('hlefevre ∈ finance-share-rw (direct)');
    expect(found[0].explain[1]).toMatch(/^hlefevre was added to finance-share-rw: seen by the sync run of /);

    const alert = mails().at(-1);
    expect(mailsBefore).toBeLessThan(mails().length);
    expect(alert).toMatch(/G-PRIV-CHANGE: hlefevre \(corp\)/);
    expect(alert).toContain('hlefevre ∈ finance-share-rw (direct)');
  });

  it('resolves the finding once the membership is gone', async () => {
    await sleep(1100);
    await ldapModify(
      slapd,
      'dn: cn=finance-share-rw,ou=groups,dc=acme,dc=test\nchangetype: modify\ndelete: member\nmember: uid=hlefevre,ou=people,dc=acme,dc=test\n',
    );
    await jobs.sync('incremental');
    // Only a removal: no audit of its own; the next one (here run by hand) resolves the finding.
    await jobs.audit();
    expect(await privChanges()).toEqual([]);
  });
});
