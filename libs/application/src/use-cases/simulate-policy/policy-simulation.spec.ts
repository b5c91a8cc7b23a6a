import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { aGroup, aSnapshot, anAccount } from '#vigie/identity/testing';
import { defaultSettings, type Policy, type ResourceDef } from '#vigie/policy';
import { snapshotFromLdif } from '../shared/ldif-snapshot.js';
import { simulatePolicyChange } from './policy-simulation.js';
import { formatPolicySimulation } from './policy-simulation.formatter.js';

const ASOF = new Date('2026-11-15T00:00:00Z');

const finance: ResourceDef = {
  id: 'share-finance',
  type: 'share',
  name: '\\\\fs01\\Finance',
  owner: 'E1001',
  criticality: 'critical',
  grants: { write: ['DL_Finance_RW'], read: ['DL_Finance_R'] },
  reviewedAt: '2026-10-01',
  source: { file: 'resources/shares.yaml', index: 0, line: 4 },
};

function policy(version: string, rules: Policy['accessRules'], resources: ResourceDef[] = [finance]): Policy {
  return { version: version.repeat(64), dir: `/policies-${version}`, files: [], resources, accessRules: rules, sodRules: [], settings: defaultSettings() };
}
const rule = (line: number, over: Partial<Policy['accessRules'][number]>): Policy['accessRules'][number] => ({
  on: 'share',
  source: { file: 'access-rules/finance.yaml', index: line, line },
  ...over,
});

const financeWrites = rule(5, { description: 'Finance writes its share', when: { department: 'Finance' }, can: ['write'], where: { id: 'share-finance' } });
const salesWrite = rule(12, { description: 'Sales too (trial)', when: { department: 'Commercial' }, can: ['write'], where: { id: 'share-finance' } });
const auditorsRead = rule(18, { description: 'Auditors read', when: { title: 'Auditor' }, can: ['read'], where: { id: 'share-finance' } });

const snapshot = aSnapshot(
  [
    anAccount('fin', { department: 'Finance' }),
    anAccount('sales', { department: 'Commercial' }),
    anAccount('audit', { department: 'Finance', title: 'Auditor' }),
    anAccount('gone', { department: 'Commercial', enabled: false }),
  ],
  [aGroup('DL_Finance_RW'), aGroup('DL_Finance_R')],
  [
    ['fin', 'DL_Finance_RW'],
    ['sales', 'DL_Finance_RW'],
    ['audit', 'DL_Finance_R'],
    ['gone', 'DL_Finance_RW'],
  ],
);

describe(simulatePolicyChange.name, () => {
  it('lists the findings that appear and disappear, matched by their stable id', () => {
    const current = policy('a', [financeWrites, auditorsRead]);
    const candidate = policy('b', [financeWrites, salesWrite]);
    const s = simulatePolicyChange([snapshot], current, candidate, ASOF);
    const brief = (list: { rule: string; subject: { login: string | null } }[]) => list.map((f) => `${f.rule} ${f.subject.login}`);
    expect(brief(s.findings.appeared)).toEqual(['G-EXCESS-VS-ROLE audit']);
    expect(brief(s.findings.disappeared)).toEqual(['G-EXCESS-VS-ROLE sales']);
    expect(s.current).toEqual({ source: '/policies-a', version: 'a'.repeat(64), findings: 1 });
    expect(s.candidate).toEqual({ source: '/policies-b', version: 'b'.repeat(64), findings: 1 });
  });

  it('says whose access becomes non-compliant or compliant, and by which rule', () => {
    const s = simulatePolicyChange([snapshot], policy('a', [financeWrites, auditorsRead]), policy('b', [financeWrites, salesWrite]), ASOF);
    expect(s.access.becomeNonCompliant).toEqual([
      expect.objectContaining({
        login: 'audit',
        resource: { id: 'share-finance', name: '\\\\fs01\\Finance' },
        level: 'read',
        before: 'allowed',
        after: 'not allowed',
      }),
    ]);
    expect(s.access.becomeCompliant).toEqual([
      expect.objectContaining({
        login: 'sales',
        level: 'write',
        before: 'not allowed',
        after: 'allowed',
        rule: 'access-rules/finance.yaml:12 Sales too (trial)',
      }),
    ]);
  });

  it('counts access a changed grant adds or removes: held, then no longer held', () => {
    const narrower = { ...finance, grants: { write: ['DL_Finance_RW'] } };
    const wider = { ...finance, grants: { write: ['DL_Finance_RW'], read: ['DL_Finance_R'], admin: ['DL_Finance_R'] } };
    const removed = simulatePolicyChange([snapshot], policy('a', [financeWrites]), policy('b', [financeWrites], [narrower]), ASOF);
    expect(removed.access.becomeCompliant.map((c) => `${c.login} ${c.level} ${c.before} -> ${c.after}`)).toEqual(['audit read not allowed -> not held']);
    const added = simulatePolicyChange([snapshot], policy('a', [financeWrites, auditorsRead]), policy('b', [financeWrites, auditorsRead], [wider]), ASOF);
    expect(added.access.becomeNonCompliant.map((c) => `${c.login} ${c.level} ${c.before} -> ${c.after}`)).toEqual(['audit admin not held -> not allowed']);
  });

  it("counts the policy's everyone groups as the audit does: every account is in them, listed or not", () => {
    // OpenLDAP: all-staff lists only fin, but the policy says every account is in it.
    const ldap = aSnapshot(
      [anAccount('fin', { department: 'Finance' }), anAccount('sales', { department: 'Commercial' })],
      [aGroup('all-staff')],
      [['fin', 'all-staff']],
    );
    const intranet = { ...finance, id: 'share-intranet', criticality: 'low' as const, grants: { read: ['all-staff'] } };
    const withEveryone = (version: string, rules: Policy['accessRules']) => ({
      ...policy(version, rules, [intranet]),
      settings: { ...defaultSettings(), everyoneGroups: ['all-staff'] },
    });
    const everyoneReads = rule(3, { description: 'Everyone reads the intranet', can: ['read'], where: { id: 'share-intranet' } });
    const s = simulatePolicyChange([ldap], withEveryone('a', [everyoneReads]), withEveryone('b', []), ASOF);
    expect(s.access.becomeNonCompliant.map((c) => `${c.login} ${c.level}`)).toEqual(['fin read', 'sales read']);
  });

  it('finds nothing to say about the same policy, and warns about groups no directory has', () => {
    const same = policy('a', [financeWrites]);
    const s = simulatePolicyChange(
      [snapshot],
      same,
      { ...same, resources: [{ ...finance, grants: { ...finance.grants, write: ['DL_Finance_RW', 'DL_Missing'] } }] },
      ASOF,
    );
    expect(s.findings).toEqual({ appeared: [], disappeared: [], severityChanged: [] });
    expect(s.unknownGroups.map((g) => g.group)).toEqual(['DL_Missing']);
    const text = formatPolicySimulation(simulatePolicyChange([snapshot], same, same, ASOF));
    expect(text).toContain('The two policies are the same version: nothing changes.');
    expect(text).toContain('Findings that would appear: none');
  });

  it('prints tables a person can read', () => {
    const text = formatPolicySimulation(
      simulatePolicyChange([snapshot], policy('a', [financeWrites, auditorsRead]), policy('b', [financeWrites, salesWrite]), ASOF),
    );
    expect(text).toMatch(/^Policy simulation on corp \(4 accounts\), as of 2026-11-15T00:00:00.000Z\n/);
    expect(text).toMatch(
      /Findings that would appear \(1\):\n {2}SEVERITY {2}RULE {14}DIRECTORY {2}LOGIN {2}RESOURCE {7}MESSAGE\n {2}high {6}G-EXCESS-VS-ROLE {2}corp {7}audit {2}share-finance {2}read access/,
    );
    expect(text).toMatch(
      /Access that would become compliant \(1\):\n.*\n {2}corp {7}sales {2}share-finance {2}write {2}not allowed -> allowed {2}access-rules\/finance.yaml:12 Sales too \(trial\)\n/,
    );
  });
});

describe(snapshotFromLdif.name, () => {
  it('reads an LDIF export as a sync would: accounts, groups, memberships by DN, named after the file', async () => {
    const s = await snapshotFromLdif(fileURLToPath(new URL('../../../../../test/fixtures/ldif/ok/ad-company.ldif', import.meta.url)));
    expect(s.directory).toBe('ad-company');
    expect(s.accounts.length).toBeGreaterThan(5);
    expect(s.memberships.length).toBeGreaterThan(0);
    // Every membership names a group of the export, by its normalized DN, and none twice.
    const groups = new Set(s.groups.map((g) => g.dnNorm));
    expect(s.memberships.every((m) => groups.has(m.groupDnNorm))).toBe(true);
    expect(new Set(s.memberships.map((m) => `${m.groupDnNorm}|${m.memberDnNorm}`)).size).toBe(s.memberships.length);
  });

  it('resolves memberUid to the account with that login (OpenLDAP posixGroup)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vigie-ldif-'));
    try {
      const file = join(dir, 'corp.ldif');
      await writeFile(
        file,
        [
          'dn: uid=alice,ou=people,dc=corp,dc=test\nobjectClass: inetOrgPerson\nuid: alice\ncn: Alice\nsn: A\n',
          'dn: cn=finance,ou=groups,dc=corp,dc=test\nobjectClass: posixGroup\ncn: finance\ngidNumber: 5000\nmemberUid: alice\nmemberUid: nobody\n',
        ].join('\n'),
      );
      const s = await snapshotFromLdif(file);
      expect(s.memberships).toEqual([{ groupDnNorm: 'cn=finance,ou=groups,dc=corp,dc=test', memberDnNorm: 'uid=alice,ou=people,dc=corp,dc=test' }]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
