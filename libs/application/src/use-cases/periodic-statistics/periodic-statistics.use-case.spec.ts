import { type MonthRange, StatisticsSource } from '#vigie/audit';
import { parsedBy, refusalsOf } from '../../testing/index.js';
import { addMonths, monthIn, monthsBetween } from './months.js';
import { PeriodicStatistics } from './periodic-statistics.use-case.js';

class RecordingSource extends StatisticsSource {
  ranges: MonthRange[] = [];
  async findings(range: MonthRange) {
    this.ranges.push(range);
    return [{ month: '2026-03', opened: 4, closed: 2, meanDaysToResolve: 3.5, medianDaysToResolve: 3 }];
  }
  async auditRuns() {
    return [{ month: '2026-02', runs: 30, succeeded: 29, failed: 1 }];
  }
  async syncs() {
    return [{ month: '2026-03', runs: 100, failed: 0, objectChanges: 12, membershipChanges: 7 }];
  }
  async requests() {
    return [];
  }
  async hrEvents() {
    return [{ month: '2026-03', applied: { hire: 2, leave: 1 } }];
  }
}

describe(PeriodicStatistics.name, () => {
  const input = PeriodicStatistics.definition.input;
  let source: RecordingSource;
  let sut: PeriodicStatistics;

  beforeEach(() => {
    source = new RecordingSource();
    // 31 March 2026, 23:30 UTC is already April in Paris.
    sut = new PeriodicStatistics(source, 'Europe/Paris', () => new Date('2026-03-31T23:30:00Z'));
  });

  it('needs the ability to read reports', () => {
    expect(PeriodicStatistics.definition).toMatchObject({ name: 'periodic-statistics', ability: ['read', 'Report'] });
  });

  it('refuses a month that is not YYYY-MM, and an unknown field', () => {
    expect(refusalsOf(input, { from: '2026-13' })).toEqual(['from: expected a month as YYYY-MM, e.g. 2026-01']);
    expect(refusalsOf(input, { to: '03/2026' })).toEqual(['to: expected a month as YYYY-MM, e.g. 2026-01']);
    expect(refusalsOf(input, { month: '2026-01' })).toEqual(['unknown field(s) month']);
  });

  it('covers the last twelve months up to the current one in its timezone by default', async () => {
    const report = await sut.execute(parsedBy(input, {}));
    expect(report).toMatchObject({ from: '2025-05', to: '2026-04', timezone: 'Europe/Paris' });
    expect(report.months.map((m) => m.month)).toEqual(monthsBetween('2025-05', '2026-04'));
    expect(source.ranges).toEqual([{ from: '2025-05', to: '2026-04', timezone: 'Europe/Paris' }]);
  });

  it('gives every month of the period, with zeros where the database had nothing', async () => {
    const report = await sut.execute(parsedBy(input, { from: '2026-02', to: '2026-03' }));
    expect(report.months).toEqual([
      {
        month: '2026-02',
        findings: { opened: 0, closed: 0, meanDaysToResolve: null, medianDaysToResolve: null },
        auditRuns: { runs: 30, succeeded: 29, failed: 1 },
        syncs: { runs: 0, failed: 0, objectChanges: 0, membershipChanges: 0 },
        requests: expect.objectContaining({ created: 0, decided: 0, meanDaysToDecide: null }),
        hrEvents: {},
      },
      {
        month: '2026-03',
        findings: { opened: 4, closed: 2, meanDaysToResolve: 3.5, medianDaysToResolve: 3 },
        auditRuns: { runs: 0, succeeded: 0, failed: 0 },
        syncs: { runs: 100, failed: 0, objectChanges: 12, membershipChanges: 7 },
        requests: expect.objectContaining({ created: 0, provisioned: 0 }),
        hrEvents: { hire: 2, leave: 1 },
      },
    ]);
  });

  it('takes a start alone as the twelve months from it', async () => {
    expect(await sut.execute(parsedBy(input, { from: '2025-11' }))).toMatchObject({ from: '2025-11', to: '2026-10' });
  });

  it('refuses a period that ends before it starts, or longer than five years', async () => {
    await expect(sut.execute(parsedBy(input, { from: '2026-05', to: '2026-04' }))).rejects.toMatchObject({
      kind: 'invalid-input',
      message: 'the period starts (2026-05) after it ends (2026-04): give from before to',
    });
    await expect(sut.execute(parsedBy(input, { from: '2020-01', to: '2025-01' }))).rejects.toMatchObject({ kind: 'invalid-input' });
  });

  it('counts months across years', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 13)).toBe('2027-01');
    expect(monthIn(new Date('2026-12-31T23:30:00Z'), 'Europe/Paris')).toBe('2027-01');
    expect(monthIn(new Date('2026-12-31T23:30:00Z'), 'UTC')).toBe('2026-12');
  });
});
