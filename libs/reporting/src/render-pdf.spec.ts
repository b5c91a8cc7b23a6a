import { renderPdf } from './render-pdf.js';
import { sampleReport } from './testing/index.js';

describe(renderPdf.name, () => {
  it('makes a PDF document in each language', async () => {
    for (const lang of ['fr', 'en'] as const) {
      const pdf = await renderPdf(sampleReport(lang));
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
      // The document declares its language, for screen readers.
      expect(pdf.toString('latin1')).toContain(`/Lang (${lang})`);
    }
  });
});
