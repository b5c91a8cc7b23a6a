import { aSnapshot } from '#vigie/identity/testing';
import { aPolicy, aResource, findingsOf, summary } from '../testing/audit-harness.js';
import { ReviewOverdueRule } from './g-review-overdue.rule.js';

// ASOF is 2026-11-15.
describe(ReviewOverdueRule.name, () => {
  const sut = new ReviewOverdueRule();
  const none = aSnapshot([], []);
  const run = (...resources: ReturnType<typeof aResource>[]) => findingsOf(sut, none, aPolicy({ resources }));

  it('flags a resource never reviewed', () => {
    const [f] = run(aResource('share-a', { criticality: 'medium' }));
    expect(summary([f])).toEqual(['share-a share-a medium']);
    expect(f).toMatchObject({ subject: { type: 'resource' }, evidence: { reviewedAt: null, reviewClass: 'standard', intervalDays: 365, dueDate: null } });
    expect(f.explain[1]).toBe('no reviewedAt: never reviewed');
  });

  it('applies 365 / 180 / 90 days to standard / critical / privileged resources, and rates the last two high', () => {
    const findings = run(
      aResource('std-ok', { reviewedAt: '2025-11-15' }), // 365 days: the last day of the interval
      aResource('std-late', { reviewedAt: '2025-11-14' }),
      aResource('crit-ok', { criticality: 'critical', reviewedAt: '2026-05-19' }), // 180 days
      aResource('crit-late', { criticality: 'critical', reviewedAt: '2026-05-18' }),
      aResource('adm-ok', { grants: { admin: ['DL_Adm'] }, reviewedAt: '2026-08-17' }), // 90 days
      aResource('adm-late', { type: 'workstation-group', grants: { 'local-admin': ['DL_Adm'] }, reviewedAt: '2026-08-16' }),
    );
    expect(summary(findings)).toEqual(['adm-late adm-late high', 'crit-late crit-late high', 'std-late std-late medium']);
    expect(findings.find((f) => f.resource!.id === 'std-late')).toMatchObject({
      message: expect.stringContaining('last reviewed 366 days ago, on 2025-11-14: overdue since 2026-11-14'),
      evidence: { reviewedAt: '2025-11-14', reviewClass: 'standard', intervalDays: 365, dueDate: '2026-11-14' },
    });
  });

  it('reads the intervals and the privileged groups from the settings, and flags a review dated in the future', () => {
    const settings = { reviewIntervals: { standard: 100, critical: 50, privileged: 10 }, privilegedGroups: ['GG_Tier0'] };
    const policy = aPolicy({
      settings,
      resources: [
        aResource('std', { reviewedAt: '2026-08-01' }),
        aResource('tier0', { grants: { read: ['gg_tier0'] }, reviewedAt: '2026-11-01' }),
        aResource('typo', { reviewedAt: '2062-11-01' }),
      ],
    });
    const findings = findingsOf(sut, none, policy);
    expect(summary(findings)).toEqual(['std std medium', 'tier0 tier0 high', 'typo typo medium']);
    expect(findings.find((f) => f.resource!.id === 'typo')!.message).toMatch(/review date in the future \(2062-11-01\)/);
  });
});
