import { ComplianceReportBuilder } from './compliance-report.builder.js';
import { FakeComplianceData, fakeResources, fakeScores } from './testing/index.js';

const period = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') };
const now = new Date('2026-12-01T07:00:00Z');

describe(ComplianceReportBuilder.name, () => {
  const rules = [
    { rule: 'H-PWD-NEVER-EXPIRES', severity: 'high' as const, count: 3, directories: ['corp'], firstSubjects: ['alice', 'bob', 'carol'] },
    { rule: 'R-UNKNOWN-RULE', severity: 'low' as const, count: 2, directories: ['corp'], firstSubjects: ['dave'] },
  ];

  function builder(kinds: string[], data = new FakeComplianceData({ rules, changes: { opened: 4, resolved: 1 } })) {
    const directories = kinds.map((kind, i) => ({ name: `dir${i}`, kind }));
    const scores = fakeScores([
      { day: '2026-10-30', score: 50, asOf: new Date('2026-10-30T02:00:00Z') },
      { day: '2026-11-15', score: 58, asOf: new Date('2026-11-15T02:00:00Z') },
    ]);
    const resources = fakeResources([{ id: 'payroll', name: 'Payroll', holders: Array.from({ length: 12 }, (_, i) => `user${i}`) }]);
    return { sut: new ComplianceReportBuilder(scores, data, resources, { company: 'Acme', timeZone: 'Europe/Paris', directories }), data };
  }

  it('counts the findings by severity and family, and gives each rule its why and fix in the language', async () => {
    const report = await builder(['ad']).sut.build({ period, lang: 'fr', now });
    expect(report.bySeverity).toEqual({ critical: 0, high: 3, medium: 0, low: 2, info: 0 });
    expect(report.byFamily).toEqual({ hygiene: 3, governance: 0, gdpr: 2 });
    const pwd = report.rules[0]!;
    expect(pwd.why).toMatch(/mot de passe/i);
    expect(pwd.fixes.map((f) => f.kind)).toEqual(['ad']);
    expect(pwd.firstSubjects).toEqual(['alice', 'bob', 'carol']);
    // A rule without texts keeps its count and says so rather than inventing a fix.
    expect(report.rules[1]).toMatchObject({ rule: 'R-UNKNOWN-RULE', why: null, fixes: [] });
  });

  it('prints the steps of every directory kind present, and both when none is known', async () => {
    expect((await builder(['ldap', 'ad']).sut.build({ period, lang: 'en', now })).rules[0]!.fixes.map((f) => f.kind)).toEqual(['ad', 'openldap']);
    expect((await builder(['ldap']).sut.build({ period, lang: 'en', now })).rules[0]!.fixes.map((f) => f.kind)).toEqual(['openldap']);
    expect((await builder(['ldif']).sut.build({ period, lang: 'en', now })).rules[0]!.fixes.map((f) => f.kind)).toEqual(['ad', 'openldap']);
  });

  it('compares the score before the period with now, and asks the lifecycle and the trail about the period', async () => {
    const { sut, data } = builder(['ad']);
    const report = await sut.build({ period, lang: 'en', now });
    expect(report.changes).toEqual({ opened: 4, resolved: 1, scoreThen: 50, scoreNow: 62 });
    expect(data.asked).toContainEqual(['lifecycleChanges', period.from, period.to]);
    expect(data.asked).toContainEqual(['latestCheckpoint', period.to]);
    expect(report.trend).toEqual([
      { day: '2026-10-30', score: 50 },
      { day: '2026-11-15', score: 58 },
    ]);
  });

  it('gives each personal-data resource its holder count and only the first holders', async () => {
    const report = await builder(['ad']).sut.build({ period, lang: 'en', now });
    expect(report.personalData).toEqual([
      {
        id: 'payroll',
        name: 'Payroll',
        criticality: 'high',
        categories: ['health'],
        holders: 12,
        firstHolders: Array.from({ length: 10 }, (_, i) => `user${i}`),
      },
    ]);
  });
});
