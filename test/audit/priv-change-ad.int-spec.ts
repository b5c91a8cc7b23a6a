/**
 * G-PRIV-CHANGE on a real Active Directory (Samba 4 DC): after the baseline, one account joins a privileged group
 * through `member`, another gets it as primary group (which AD never lists in `member`); an incremental sync from
 * uSNChanged records both, and the audit reports each newcomer once, with the path and the run that saw it.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Vigie } from '#vigie/application';
import type { AuditService, Finding } from '#vigie/audit';
import { type LdapDirectorySource, normalizeDn } from '#vigie/directory';
import type { SyncService } from '#vigie/identity';
import { FIXTURE_BASE, type LoadedFixture, loadAdFixture } from '../support/ad-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { createTestOu, sambaDc, type TestOu } from '../support/samba.js';
import { testVigie } from '../support/vigie.js';

const SAMBA_START_MS = 240_000;

describe('G-PRIV-CHANGE against a real Samba AD DC', () => {
  let ou: TestOu;
  let fx: LoadedFixture;
  let db: TestDatabase;
  let vigie: Vigie;
  let sync: SyncService;
  let audit: AuditService;
  let source: LdapDirectorySource;
  let policyDir: string;
  const staff = (cn: string) => fx.dn(`CN=${cn},OU=Staff,${FIXTURE_BASE}`);
  const direction = () => fx.dn(`CN=GG-Direction,OU=Groups,${FIXTURE_BASE}`);

  beforeAll(async () => {
    const dc = await sambaDc({ startTimeoutMs: SAMBA_START_MS });
    [ou, db] = await Promise.all([createTestOu('privchange', dc), createTestDatabase()]);
    fx = await loadAdFixture(ou, 'ad-company');
    // The company's own privileged group: GG-Direction stands in for Domain Admins, which lies outside the test OU.
    policyDir = mkdtempSync(join(tmpdir(), 'vigie-privchange-'));
    mkdirSync(join(policyDir, 'settings'));
    writeFileSync(join(policyDir, 'settings', 'settings.yaml'), 'apiVersion: vigie.dev/v1\nkind: Settings\nprivilegedGroups: [GG-Direction]\n');
    vigie = testVigie({ url: db.url, overrides: { policy: { dir: policyDir, keepLastValid: false } } });
    [sync, audit] = await Promise.all([vigie.dependencies.syncService(), vigie.dependencies.auditService()]);
    source = { kind: 'ad', name: 'corp-ad', url: dc.url, baseDn: ou.dn, bindDn: dc.adminDn, bindPassword: dc.adminPassword, pageSize: 50 };
  }, SAMBA_START_MS);

  afterAll(async () => {
    await vigie?.close();
    // AD refuses to delete a group that is still someone's primary group: give Marc back Domain Users (513).
    if (fx) await ou.dc.modifyLdif(`dn: ${staff('Marc Lenoir')}\nchangetype: modify\nreplace: primaryGroupID\nprimaryGroupID: 513\n`).catch(() => undefined);
    await Promise.all([ou?.remove(), db?.drop()]);
    if (policyDir) rmSync(policyDir, { recursive: true, force: true });
  });

  const privChanges = async (): Promise<Finding[]> => (await audit.run()).report.findings.filter((f) => f.rule === 'G-PRIV-CHANGE');

  it('takes the members of the first snapshot as established', async () => {
    expect((await sync.sync(source)).stats.baseline).toBe(1);
    // Alice Martin and Bruno Durand are in GG-Direction from the start.
    expect(await privChanges()).toEqual([]);
  });

  it('reports a member added through `member` and one whose primary group became the privileged group', async () => {
    const claire = staff('Claire Petit');
    const marc = staff('Marc Lenoir');
    await ou.dc.modifyLdif(`dn: ${direction()}\nchangetype: modify\nadd: member\nmember: ${claire}\nmember: ${marc}\n`);
    const sid = (await ou.dc.ldapTool('ldapsearch', ['-LLL', '-o', 'ldif-wrap=no', '-b', direction(), '-s', 'base', 'objectSid'])).match(
      /^objectSid:: (.+)$/m,
    )![1];
    const rid = Buffer.from(sid, 'base64').readUInt32LE(Buffer.from(sid, 'base64').length - 4);
    // AD takes a primary group only among the account's groups, then drops it from `member`.
    await ou.dc.modifyLdif(`dn: ${marc}\nchangetype: modify\nreplace: primaryGroupID\nprimaryGroupID: ${rid}\n`);

    const run = await sync.sync(source);
    expect(run).toMatchObject({ mode: 'incremental' });
    const found = await privChanges();
    expect(found.map((f) => `${f.subject.dn && normalizeDn(f.subject.dn)} ${f.evidence.via}`).sort()).toEqual(
      [`${normalizeDn(claire)} member`, `${normalizeDn(marc)} primaryGroupID`].sort(),
    );
    for (const f of found) {
      // The fixture's groups get the OU's tag in their sAMAccountName, as its accounts do.
      expect(f).toMatchObject({
        severity: 'critical',
        message: `New membership of privileged group ${ou.tag}-GG-Direction, with no approved access request`,
        evidence: { syncRunId: run.runId },
      });
    }
    const marcFinding = found.find((f) => f.evidence.via === 'primaryGroupID')!;
    expect(marcFinding.explain[0]).toBe(`${fx.login('mlenoir')} ∈ ${ou.tag}-GG-Direction (primary group)`);
  });
});
