import { type OperationalGauges, OperationalGaugesSource } from '#vigie/audit';
import { ReadOperationalGauges } from './read-operational-gauges.use-case.js';

class CountingSource extends OperationalGaugesSource {
  reads = 0;
  fail = false;
  async read(): Promise<OperationalGauges> {
    this.reads += 1;
    if (this.fail) throw new Error('database down');
    return {
      findings: [{ severity: 'high', status: 'open', count: this.reads }],
      lastSyncSuccess: [],
      lastSyncDuration: [],
      lastAuditDurationSeconds: null,
      lastCheckpointAt: null,
      hrEvents: [],
      accessRequests: [],
    };
  }
}

describe(ReadOperationalGauges.name, () => {
  let clock: number;
  let source: CountingSource;
  let sut: ReadOperationalGauges;

  beforeEach(() => {
    clock = 1_000_000;
    source = new CountingSource();
    sut = new ReadOperationalGauges(source, 10_000, () => clock);
  });

  it('needs the ability to read metrics', () => {
    expect(ReadOperationalGauges.definition).toMatchObject({ name: 'read-operational-gauges', ability: ['read', 'Metrics'] });
  });

  it('reads the database once per cache period, however often it is scraped', async () => {
    await sut.execute();
    clock += 9_999;
    expect((await sut.execute()).findings[0]!.count).toBe(1);
    clock += 1;
    expect((await sut.execute()).findings[0]!.count).toBe(2);
    expect(source.reads).toBe(2);
  });

  it('does not keep a failed read: the next scrape reads again', async () => {
    source.fail = true;
    await expect(sut.execute()).rejects.toThrow('database down');
    source.fail = false;
    expect((await sut.execute()).findings[0]!.count).toBe(2);
  });
});
