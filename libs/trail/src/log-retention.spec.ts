import { checkLogRetention } from './log-retention.js';

const days = (access: number, change = 365, operation = 365, justification?: string) => ({
  access: { days: access },
  change: { days: change, justification },
  operation: { days: operation },
});

describe(checkLogRetention.name, () => {
  it('accepts 6 months to 1 year, and up to 3 years with a justification', () => {
    expect(checkLogRetention(days(183, 365, 200))).toEqual([]);
    expect(checkLogRetention(days(365, 1095, 365, 'disputes over access rights, see DPIA 2026-3'))).toEqual([]);
  });

  it('reports each setting outside the CNIL window as R-LOG-RETENTION', () => {
    const issues = checkLogRetention(days(90, 730, 1200));
    expect(issues.map((i) => [i.rule, i.kind])).toEqual([
      ['R-LOG-RETENTION', 'access'],
      ['R-LOG-RETENTION', 'change'],
      ['R-LOG-RETENTION', 'operation'],
    ]);
    expect(issues[0].message).toMatch(/90 days, less than the 6 months/);
    expect(issues[1].message).toMatch(/without a documented justification/);
    expect(issues[2].message).toMatch(/more than the 3 years/);
  });

  it('reports entries kept past their retention when pruning has not run', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const issues = checkLogRetention(days(200), { access: new Date('2025-06-01T00:00:00Z'), change: new Date('2026-01-01T00:00:00Z') }, now);
    expect(issues).toEqual([
      expect.objectContaining({
        kind: 'access',
        message: expect.stringMatching(/go back 365 days, past their retention of 200 days/),
        evidence: expect.objectContaining({ oldestEntry: '2025-06-01T00:00:00.000Z' }),
      }),
    ]);
  });
});
