import { createHash } from 'node:crypto';
import type { ReportRequest, StoredReport } from '#vigie/reporting';
import { sampleReport } from '#vigie/reporting/testing';
import type { TrailRecordInput } from '#vigie/trail';
import { aTokenActor, contextOf, fakeOf, parsedBy, refusalsOf } from '../../testing/index.js';
import { GenerateReport } from './generate-report.use-case.js';

const now = new Date('2026-12-01T07:00:00Z');

describe(GenerateReport.name, () => {
  it('needs the ability to create reports', () => {
    expect(GenerateReport.definition).toMatchObject({ name: 'generate-report', ability: ['create', 'Report'] });
    expect(refusalsOf(GenerateReport.definition.input, { trigger: 'cron' })).toHaveLength(1);
  });

  it('stores the rendered file and records report.generated in the same unit of work', async () => {
    const saved: Array<{ report: StoredReport; content: Buffer }> = [];
    const recorded: TrailRecordInput[] = [];
    let units = 0;
    const tx = {
      reports: { save: async (report: StoredReport, content: Buffer) => void saved.push({ report, content }) },
      trail: fakeOf<import('#vigie/trail').TrailWriter>({ record: async (e: TrailRecordInput) => (recorded.push(e), {} as never) }),
    };
    const builder = { build: async (r: ReportRequest) => sampleReport(r.lang, { period: r.period }) };
    const sut = new GenerateReport(builder, { run: async (work) => (units++, work(tx)) }, () => now);

    const stored = await sut.execute(
      parsedBy(GenerateReport.definition.input, { format: 'html', lang: 'fr', from: '2026-11-01', to: '2026-11-30' }),
      contextOf(aTokenActor('security-officer')),
    );

    expect(units).toBe(1);
    expect(saved).toHaveLength(1);
    const { content } = saved[0]!;
    expect(stored).toMatchObject({
      trigger: 'manual',
      format: 'html',
      lang: 'fr',
      periodFrom: new Date('2026-11-01T00:00:00Z'),
      periodTo: new Date('2026-12-01T00:00:00Z'),
      byteSize: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
      fileName: 'vigie-report-2026-11-01-2026-11-30-fr.html',
      createdAt: now,
    });
    expect(stored.createdBy).toBe(aTokenActor('security-officer').id);
    expect(recorded).toEqual([
      expect.objectContaining({
        action: 'report.generated',
        target: { type: 'report', id: stored.id },
        after: expect.objectContaining({ sha256: stored.sha256 }),
      }),
    ]);
  });
});
