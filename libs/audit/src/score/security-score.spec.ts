import { familyOf, rulePoints, securityScore } from './security-score.js';

describe('securityScore', () => {
  it('is 100 at level 5 when nothing counts, and info findings cost nothing', () => {
    expect(securityScore([])).toMatchObject({ score: 100, level: 5, topRules: [] });
    expect(securityScore([{ rule: 'H-X', severity: 'info', count: 40 }])).toMatchObject({ score: 100, level: 5 });
  });

  it('sets the level by the worst severity open, whatever the points', () => {
    expect(securityScore([{ rule: 'H-A', severity: 'low', count: 1 }]).level).toBe(4);
    expect(securityScore([{ rule: 'H-A', severity: 'medium', count: 1 }]).level).toBe(3);
    expect(securityScore([{ rule: 'H-A', severity: 'high', count: 1 }]).level).toBe(2);
    expect(
      securityScore([
        { rule: 'G-A', severity: 'critical', count: 1 },
        { rule: 'H-B', severity: 'low', count: 3 },
      ]).level,
    ).toBe(1);
  });

  it('caps what one rule costs, so 30,000 findings of one rule cost twice one of them', () => {
    expect(rulePoints('high', 1)).toBe(10);
    expect(rulePoints('high', 2)).toBe(11);
    expect(rulePoints('high', 30_000)).toBe(20);
    expect(securityScore([{ rule: 'H-A', severity: 'high', count: 30_000 }]).score).toBe(80);
  });

  it('never goes below 0, and says where the points went, the costliest rules first', () => {
    const tallies = ['G-1', 'G-2', 'G-3', 'R-1', 'H-1', 'H-2'].map((rule) => ({ rule, severity: 'critical' as const, count: 5 }));
    const s = securityScore(tallies);
    expect(s.score).toBe(0);
    expect(s.lostByFamily).toEqual({ hygiene: 56, governance: 84, gdpr: 28 });
    expect(s.topRules).toHaveLength(5);
    expect(s.topRules[0]).toEqual({ rule: 'G-1', severity: 'critical', count: 5, points: 28 });
  });

  it('knows the three families by the rule id', () => {
    expect([familyOf('H-PWD-NEVER-EXPIRES'), familyOf('G-ORPHAN'), familyOf('R-LOG-RETENTION')]).toEqual(['hygiene', 'governance', 'gdpr']);
  });
});
