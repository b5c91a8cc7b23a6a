import { sampleReport } from '#vigie/reporting/testing';
import type { ReportRequest } from '#vigie/reporting';
import { parsedBy, refusalsOf } from '../../testing/index.js';
import { BuildComplianceReport } from './build-compliance-report.use-case.js';

const now = new Date('2026-12-07T10:00:00Z');

function sut() {
  const asked: ReportRequest[] = [];
  const builder = { build: async (r: ReportRequest) => (asked.push(r), sampleReport(r.lang, { period: r.period })) };
  return { sut: new BuildComplianceReport(builder, () => now), asked };
}

describe(BuildComplianceReport.name, () => {
  it('needs the ability to read reports', () => {
    expect(BuildComplianceReport.definition).toMatchObject({ name: 'build-compliance-report', ability: ['read', 'Report'] });
  });

  it('refuses an unknown format or language, a date that is no day, and a period that ends before it starts', () => {
    const input = BuildComplianceReport.definition.input;
    expect(refusalsOf(input, { format: 'docx' })).toEqual(['format: expected one of pdf, html']);
    expect(refusalsOf(input, { lang: 'de' })).toEqual(['lang: expected one of fr, en']);
    expect(refusalsOf(input, { from: '2026-02-30' })).toHaveLength(1);
    expect(refusalsOf(input, { from: '2026-12-01', to: '2026-11-01' })).toEqual(['from: from must be before to']);
  });

  it('reads a last day as included: the period ends at the start of the next day', () => {
    expect(parsedBy(BuildComplianceReport.definition.input, { from: '2026-11-01', to: '2026-11-30' })).toEqual({
      format: 'pdf',
      lang: 'fr',
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-12-01T00:00:00Z'),
    });
  });

  it('renders the HTML for the last 30 days by default, named for its period and language', async () => {
    const { sut: useCase, asked } = sut();
    const built = await useCase.execute(parsedBy(BuildComplianceReport.definition.input, { format: 'html', lang: 'en' }));
    expect(asked).toEqual([{ period: { from: new Date('2026-11-07T10:00:00Z'), to: now }, lang: 'en', now }]);
    expect(built.mediaType).toBe('text/html; charset=utf-8');
    expect(built.fileName).toBe('vigie-report-2026-11-07-2026-12-07-en.html');
    expect(built.content.toString('utf8')).toContain('<h2>Security score</h2>');
    expect(built.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
