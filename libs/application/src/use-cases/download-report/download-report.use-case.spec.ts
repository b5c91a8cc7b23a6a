import type { StoredReport } from '#vigie/reporting';
import { refusalsOf } from '../../testing/index.js';
import { DownloadReport } from './download-report.use-case.js';

const ID = '00000000-0000-4000-8000-000000000001';

describe(DownloadReport.name, () => {
  it('needs the ability to read reports and a report id', () => {
    expect(DownloadReport.definition).toMatchObject({ name: 'download-report', ability: ['read', 'Report'] });
    expect(refusalsOf(DownloadReport.definition.input, { id: '../etc' })).toEqual(['id: expected a report id, as `vigie reports list` shows it']);
  });

  it('gives the stored bytes with the media type of their format, and not-found for an unknown id', async () => {
    const report = { id: ID, format: 'pdf', sha256: 'a'.repeat(64) } as StoredReport;
    const content = Buffer.from('%PDF-1.7');
    const sut = new DownloadReport({ content: async (id) => (id === ID ? { report, content } : null) });
    expect(await sut.execute({ id: ID })).toEqual({ report, content, mediaType: 'application/pdf' });
    await expect(sut.execute({ id: '00000000-0000-4000-8000-000000000002' })).rejects.toMatchObject({ kind: 'not-found' });
  });
});
