import { fileURLToPath } from 'node:url';
import { aGroup, aSnapshot, anAccount } from '#vigie/identity/testing';
import { type Policy, loadPolicy } from '#vigie/policy';
import { evaluate, findingId } from './audit-engine.js';

const ASOF = new Date('2026-11-15T00:00:00Z');
const daysAgo = (n: number) => new Date(ASOF.getTime() - n * 86_400_000);
const DOMAIN = 'S-1-5-21-10-20-30';

describe(evaluate.name, () => {
  let policy: Policy;
  beforeAll(async () => {
    policy = await loadPolicy(fileURLToPath(new URL('./__fixtures__/policy', import.meta.url)));
  });

  const rulesOf = (report: ReturnType<typeof evaluate>['report'], login: string) =>
    report.findings
      .filter((f) => f.subject.login === login)
      .map((f) => `${f.rule}/${f.severity}`)
      .sort();

  it('flags each hygiene problem once, with the right severity and no password in the evidence', () => {
    const snap = aSnapshot(
      [
        anAccount('never', { userAccountControl: 0x10200, lastLogon: daysAgo(1) }),
        anAccount('admin', {
          userAccountControl: 0x110200,
          lastLogon: daysAgo(1),
          objectSid: `${DOMAIN}-1200`,
          primaryGroupId: 513,
          employeeId: 'E7',
          adminCount: 1,
        }),
        anAccount('nopwd', { userAccountControl: 0x220, lastLogon: daysAgo(1) }),
        anAccount('idle', { lastLogon: daysAgo(120) }),
        anAccount('idle-long', { lastLogon: daysAgo(400) }),
        anAccount('unused', { whenCreated: daysAgo(100) }),
        anAccount('disabled', { enabled: false, userAccountControl: 0x10202, lastLogon: daysAgo(900) }),
        anAccount('noted', { description: 'mdp: Printemps2025!', lastLogon: daysAgo(1) }),
        anAccount('clean', { lastLogon: daysAgo(3) }),
      ],
      [aGroup('Domain Users', { objectSid: `${DOMAIN}-513` }), aGroup('Domain Admins', { objectSid: `${DOMAIN}-512` })],
      [['admin', 'Domain Admins']],
    );
    const { report } = evaluate([snap], policy, ASOF);
    expect(rulesOf(report, 'never')).toEqual(['H-PWD-NEVER-EXPIRES/medium']);
    expect(rulesOf(report, 'admin')).toEqual(['H-PRIV-NEVER-EXPIRES/critical']);
    expect(report.findings.find((f) => f.subject.login === 'admin')!.explain).toEqual([
      'userAccountControl 1114624 has DONT_EXPIRE_PASSWORD (0x10000)',
      'admin ∈ Domain Admins (direct)',
      'Domain Admins is a privileged group',
    ]);
    // Every finding explains itself.
    expect(report.findings.filter((f) => f.explain.length === 0)).toEqual([]);
    expect(rulesOf(report, 'nopwd')).toEqual(['H-PWD-NOT-REQUIRED/critical']); // severity raised by the policy
    expect(rulesOf(report, 'idle')).toEqual(['H-INACTIVE-USER/medium']); // threshold 90 days from the policy
    expect(rulesOf(report, 'idle-long')).toEqual(['H-INACTIVE-USER/high']);
    expect(rulesOf(report, 'unused')).toEqual(['H-INACTIVE-USER/medium']);
    expect(rulesOf(report, 'disabled')).toEqual([]);
    expect(rulesOf(report, 'noted')).toEqual([]); // H-PWD-IN-DESCRIPTION is disabled by the policy
    expect(rulesOf(report, 'clean')).toEqual([]);
    expect(report.policyVersion).toBe(policy.version);
  });

  it('reports H-PWD-IN-DESCRIPTION without copying the password', () => {
    const enabled = { ...policy, settings: { ...policy.settings, rules: {} } };
    const snap = aSnapshot([anAccount('noted', { description: 'Compte imprimante - mdp: Printemps2025!', lastLogon: daysAgo(1) })], []);
    const [f] = evaluate([snap], enabled, ASOF).report.findings;
    expect(f.rule).toBe('H-PWD-IN-DESCRIPTION');
    expect(JSON.stringify(f)).not.toContain('Printemps2025');
  });

  it("treats the policy's own privileged groups as privileged", () => {
    const snap = aSnapshot(
      [anAccount('ops', { userAccountControl: 0x110200, lastLogon: daysAgo(1), employeeId: 'E8' })],
      [aGroup('GG_Admins_Infra')],
      [['ops', 'GG_Admins_Infra']],
    );
    expect(rulesOf(evaluate([snap], policy, ASOF).report, 'ops')).toEqual(['H-PRIV-NEVER-EXPIRES/critical']);
  });

  it('flags access the policy does not allow, raised on critical resources, and explains it', () => {
    const snap = aSnapshot(
      [anAccount('fin', { department: 'Finance', lastLogon: daysAgo(1) }), anAccount('sales', { department: 'Commercial', lastLogon: daysAgo(1) })],
      [aGroup('GG_Finance'), aGroup('DL_Finance_RW'), aGroup('DL_Common_R')],
      [
        ['fin', 'GG_Finance'],
        ['sales', 'GG_Finance'],
        ['GG_Finance', 'DL_Finance_RW'],
        ['GG_Finance', 'DL_Common_R'],
      ],
    );
    const { report } = evaluate([snap], policy, ASOF);
    expect(rulesOf(report, 'fin')).toEqual([]);
    const excess = report.findings.filter((f) => f.rule === 'G-EXCESS-VS-ROLE');
    expect(excess).toHaveLength(1);
    expect(excess[0]).toMatchObject({
      severity: 'high',
      subject: { login: 'sales', directory: 'corp' },
      resource: { type: 'share', id: 'share-finance', name: '\\\\fs01\\Finance' },
      evidence: { levels: ['write'], department: 'Commercial' },
      explain: ['sales ∈ GG_Finance (direct)', 'GG_Finance ∈ DL_Finance_RW (nested)', 'DL_Finance_RW grants write on share-finance'],
    });
  });

  it('gives a finding the same id on every run and machine', () => {
    const snap = aSnapshot([anAccount('never', { userAccountControl: 0x10200, lastLogon: daysAgo(1) })], []);
    const of = (asOf: Date) => evaluate([snap], policy, asOf).report.findings.find((f) => f.rule === 'H-PWD-NEVER-EXPIRES')!;
    const a = of(ASOF);
    const b = of(daysAgo(-1));
    expect(a.id).toBe(b.id);
    expect(a.id).toBe(findingId('H-PWD-NEVER-EXPIRES', 'corp', snap.accounts[0].dnNorm));
  });
});
