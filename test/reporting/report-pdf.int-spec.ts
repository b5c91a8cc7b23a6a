import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { remediationOf } from '#vigie/audit';
import { renderPdf } from '#vigie/reporting';
import { sampleReport } from '#vigie/reporting/testing';

const run = promisify(execFile);

/** The text of a PDF as poppler's pdftotext reads it: what a reader (or a search) finds in the file. */
async function textOf(pdf: Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'vigie-report-'));
  try {
    await writeFile(join(dir, 'r.pdf'), pdf);
    const { stdout } = await run('/usr/bin/pdftotext', ['-layout', join(dir, 'r.pdf'), '-']);
    return stdout.replace(/\s+/g, ' ');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const HEADINGS = {
  fr: [
    'Rapport de conformité',
    'Score de sécurité',
    'Évolution du score',
    'Constats par gravité et par famille',
    'Constats par règle et correctifs',
    'Changements depuis le rapport précédent',
    'Comptes à privilèges',
    'Ressources contenant des données personnelles',
    'Risques acceptés en cours',
    'Point de contrôle du journal',
  ],
  en: [
    'Compliance report',
    'Security score',
    'Score trend',
    'Findings by severity and family',
    'Findings by rule and how to fix them',
    'Changes since the previous report',
    'Privileged accounts',
    'Resources holding personal data',
    'Open risk acceptances',
    'Trail checkpoint',
  ],
} as const;

describe('the compliance report as a PDF, read back with pdftotext', () => {
  it.each(['fr', 'en'] as const)('has every section heading in %s, the score, a rule fix text and page numbers', async (lang) => {
    const fix = remediationOf('H-PWD-NEVER-EXPIRES', lang)!;
    const report = sampleReport(lang);
    report.rules[0]!.why = fix.why;
    report.rules[0]!.fixes = [{ kind: 'ad', text: fix.fix.ad }];
    const text = await textOf(await renderPdf(report));
    for (const heading of HEADINGS[lang]) expect(text).toContain(heading);
    const other = HEADINGS[lang === 'fr' ? 'en' : 'fr'];
    expect(text).not.toContain(other[6]);
    expect(text).toContain('62/100');
    // The start of the fix text, as the PDF wraps it onto lines of its own.
    expect(text).toContain(fix.fix.ad.slice(0, 30).replace(/\s+/g, ' '));
    expect(text).toMatch(lang === 'fr' ? /Page 1 sur \d+/ : /Page 1 of \d+/);
    expect(text).toContain(lang === 'fr' ? '1 234' : '1,234');
  });
});
