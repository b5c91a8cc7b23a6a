import { fileURLToPath } from 'node:url';
import { evaluate } from '#vigie/audit';
import { normalizeDn, parseLdif } from '#vigie/directory';
import { type AccountRecord, type DirectorySnapshot, type GroupRecord, mapEntry, type MembershipRecord } from '#vigie/identity';
import { loadPolicy, type Policy, reviewStatusOf } from '#vigie/policy';
import { DEMO_SEED, generateDemoDirectory } from './demo-directory.generator.js';

// The demo company and the company policy are one story: the audit must find exactly the planted
// problems, so that `npm start` shows real findings and no noise.
const policiesDir = fileURLToPath(new URL('../../../../policies', import.meta.url));
const now = new Date('2026-11-15T08:00:00Z');

function snapshotOf(ldif: string): DirectorySnapshot {
  const accounts: AccountRecord[] = [];
  const groups: GroupRecord[] = [];
  const memberships: MembershipRecord[] = [];
  for (const entry of parseLdif(ldif)) {
    const mapped = mapEntry('demo-ad', entry);
    if (mapped.type === 'account') accounts.push(mapped.account);
    if (mapped.type === 'group') {
      groups.push(mapped.group);
      for (const member of mapped.members) memberships.push({ groupDnNorm: mapped.group.dnNorm, memberDnNorm: normalizeDn(member) });
    }
  }
  return { directory: 'demo-ad', syncRunId: null, syncedAt: now, accounts, groups, memberships, objects: [] };
}

describe('the demo company audited against policies/', () => {
  let policy: Policy;

  beforeAll(async () => {
    policy = await loadPolicy(policiesDir);
  });

  it('loads the policy with every owner an employee of the demo company', () => {
    const snapshot = snapshotOf(generateDemoDirectory({ now }).ldif);
    const employees = new Set(snapshot.accounts.map((a) => a.employeeId));
    for (const resource of policy.resources) expect({ id: resource.id, owner: employees.has(resource.owner ?? '') }).toEqual({ id: resource.id, owner: true });
    expect(policy.settings.serviceAccounts).toEqual(['svc_backup', 'svc_print']);
  });

  it.each([DEMO_SEED, 1, 7, 2024])('finds exactly the planted problems (seed %s)', (seed) => {
    const { ldif, planted } = generateDemoDirectory({ now, seed });
    const outcome = evaluate([snapshotOf(ldif)], policy, now);
    expect(outcome.unresolvedGroupRefs).toEqual([]);

    const key = (rule: string, subject?: string | null, resourceId?: string | null) => `${rule} ${subject ?? '-'} ${resourceId ?? '-'}`;
    // Every finding of every rule: a new rule that flags the demo's clean accounts must say so here.
    const found = outcome.report.findings.map((f) => key(f.rule, f.subject.login ?? (f.subject.type === 'group' ? f.subject.name : null), f.resource?.id));
    const expected = planted.filter((p) => p.expectFinding !== false).map((p) => key(p.rule, p.login ?? p.subject, p.resourceId));
    // Reviews are dated in the policy, not planted in the directory: the resources whose review is due on that day.
    const reviews = policy.resources.filter((r) => reviewStatusOf(r, policy.settings, now).overdue).map((r) => key('G-REVIEW-OVERDUE', null, r.id));
    expect(reviews).toEqual(['G-REVIEW-OVERDUE - share-marketing']);
    expect(found.sort()).toEqual([...expected, ...reviews].sort());
  });

  it('rates the findings as the catalogue says', () => {
    const { ldif, planted } = generateDemoDirectory({ now });
    const { findings } = evaluate([snapshotOf(ldif)], policy, now).report;
    const severityOf = (rule: string, login: string) => findings.find((f) => f.rule === rule && f.subject.login === login)?.severity;
    const inactive = planted.filter((p) => p.rule === 'H-INACTIVE-USER');
    expect(inactive.map((p) => severityOf(p.rule, p.login!)).sort()).toEqual(['high', 'medium', 'medium', 'medium', 'medium']);
    expect(severityOf('H-PRIV-NEVER-EXPIRES', planted.find((p) => p.rule === 'H-PRIV-NEVER-EXPIRES')!.login!)).toBe('critical');
    // Every planted excess is on a critical share.
    for (const p of planted.filter((p) => p.rule === 'G-EXCESS-VS-ROLE' && p.login)) expect(severityOf(p.rule, p.login!)).toBe('high');
    const intern = planted.find((p) => p.group === 'GG_RH_Projets')!;
    const nested = findings.find((f) => f.rule === 'G-EXCESS-VS-ROLE' && f.subject.login === intern.login)!;
    expect(nested.explain).toEqual([
      `${nested.subject.login} ∈ GG_RH_Projets (direct)`,
      'GG_RH_Projets ∈ DL_RH_RW (nested)',
      'DL_RH_RW grants write on share-rh',
    ]);
  });

  it('rates the planted cases of the newer rules as the catalogue says', () => {
    const { ldif, planted } = generateDemoDirectory({ now });
    const { findings } = evaluate([snapshotOf(ldif)], policy, now).report;
    const rated = (rule: string) => findings.filter((f) => f.rule === rule).map((f) => `${f.subject.login ?? f.resource?.id} ${f.severity}`);
    const login = (rule: string) => planted.find((p) => p.rule === rule)!.login;
    expect(rated('H-KERBEROAST-ADMIN')).toEqual([`${login('H-KERBEROAST-ADMIN')} critical`]);
    expect(rated('H-ADMINCOUNT-MISMATCH')).toEqual([`${login('H-ADMINCOUNT-MISMATCH')} medium`]);
    expect(rated('H-SIDHISTORY')).toEqual([`${login('H-SIDHISTORY')} high`]);
    expect(rated('H-OBSOLETE-OS')).toEqual([`${login('H-OBSOLETE-OS')} high`]);
    expect(rated('H-LAPS')).toEqual(['PRN01$ medium']);
    expect(rated('G-AGDLP')).toEqual([`${login('G-AGDLP')} low`]);
    expect(rated('G-REVIEW-OVERDUE')).toEqual(['share-marketing medium']);
  });

  it('reports the planted separation-of-duties conflict with both paths', () => {
    const { ldif, planted } = generateDemoDirectory({ now });
    const cover = planted.find((p) => p.rule === 'G-SOD')!;
    const sod = evaluate([snapshotOf(ldif)], policy, now).report.findings.filter((f) => f.rule === 'G-SOD');
    expect(sod).toHaveLength(1);
    expect(sod[0]).toMatchObject({ severity: 'high', subject: { login: cover.login }, evidence: { sodRule: 'payroll-and-payments' } });
    expect(sod[0].explain).toEqual([
      'held: write on share-rh (\\\\fs01\\RH)',
      `${cover.login} ∈ GG_RH (direct)`,
      'GG_RH ∈ DL_RH_RW (nested)',
      'DL_RH_RW grants write on share-rh',
      'held: write on share-finance (\\\\fs01\\Finance)',
      `${cover.login} ∈ GG_Finance (direct)`,
      'GG_Finance ∈ DL_Finance_RW (nested)',
      'DL_Finance_RW grants write on share-finance',
    ]);
  });

  it('keeps the disabled leaver out of the access findings, as it needs the HR feed', () => {
    const { ldif, planted } = generateDemoDirectory({ now });
    const leaver = planted.find((p) => p.rule === 'G-LEAVER')!;
    const snapshot = snapshotOf(ldif);
    const account = snapshot.accounts.find((a) => a.login === leaver.login)!;
    expect(account.enabled).toBe(false);
    const findings = evaluate([snapshot], policy, now).report.findings.filter((f) => f.subject.login === leaver.login);
    expect(findings).toEqual([]);
  });
});
