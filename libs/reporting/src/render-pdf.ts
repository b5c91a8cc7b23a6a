import PDFDocument from 'pdfkit';
import { RULE_FAMILIES } from '#vigie/audit';
import type { ComplianceReport } from './compliance-report.model.js';
import { SEVERITY_COLOURS, severityBars, trendPoints } from './report-charts.js';
import { formattersOf } from './report.texts.js';

type Doc = PDFKit.PDFDocument;
const MARGIN = 50;

/**
 * The standard PDF fonts write WinAnsi only: characters outside it (a narrow no-break space, an arrow in a fix text)
 * become their nearest plain form rather than a blank glyph.
 */
function plain(text: string): string {
  return text
    .replace(/[\u202f\u00a0]/g, ' ')
    .replace(/→/g, '->')
    .replace(/[^\x20-\x7e\n\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u20ac\u0152\u0153]/g, '?');
}

/** The report as a PDF: a heading per section, the trend line and severity bars drawn as vector charts, page numbers. */
export function renderPdf(report: ComplianceReport): Promise<Buffer> {
  const f = formattersOf(report.lang, report.timeZone);
  const { t } = f;
  const doc: Doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: report.lang,
    info: { Title: plain(`${t.title} — ${report.company}`), Creator: 'Vigie', CreationDate: report.generatedAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  const text = (s: string, options: PDFKit.Mixins.TextOptions = {}) => doc.text(plain(s), { width, ...options });
  const heading = (s: string) => {
    if (doc.y > doc.page.height - 160) doc.addPage();
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(14).fillColor('#000');
    text(s);
    doc.font('Helvetica').fontSize(10).moveDown(0.3);
  };
  const line = (label: string, value: string) => {
    doc.font('Helvetica-Bold');
    text(`${label}${t.colon}`, { continued: true });
    doc.font('Helvetica');
    text(value);
  };
  const rows = (items: string[]) => {
    if (items.length === 0) text(t.none);
    for (const item of items) text(`• ${item}`, { indent: 8 });
  };

  doc.font('Helvetica-Bold').fontSize(20);
  text(`${t.title} — ${report.company}`);
  doc.font('Helvetica').fontSize(10).moveDown(0.5);
  line(t.period, f.period(report.period.from, report.period.to));
  line(t.generatedAt, f.dateTime(report.generatedAt));
  line(t.directories, report.directories.map((d) => `${d.name} (${d.kind})`).join(', ') || t.none);

  heading(t.sections.score);
  const s = report.score;
  if (!s) text(t.noAudit);
  else {
    doc.font('Helvetica-Bold').fontSize(28);
    text(`${f.number(s.value)}/100`);
    doc.font('Helvetica').fontSize(10);
    line(t.level, `${s.level}/5 (${f.dateTime(s.asOf)})`);
    line(t.pointsLost, RULE_FAMILIES.map((fam) => `${t.family[fam]} ${f.number(s.lostByFamily[fam])}`).join(', '));
    doc.moveDown(0.3);
    text(t.topRules);
    rows(s.topRules.map((r) => `${r.rule} — ${t.severity[r.severity]} — ${t.count} ${f.number(r.count)} — ${t.points} ${f.number(r.points)}`));
  }

  heading(t.sections.trend);
  drawTrend(doc, report, t.noTrend);

  heading(t.sections.findings);
  drawSeverityBars(doc, report, (sev) => plain(t.severity[sev]));
  line(t.byFamily, RULE_FAMILIES.map((fam) => `${t.family[fam]} ${f.number(report.byFamily[fam])}`).join(', '));

  heading(t.sections.rules);
  if (report.rules.length === 0) text(t.none);
  for (const r of report.rules) {
    if (doc.y > doc.page.height - 140) doc.addPage();
    doc.moveDown(0.4).font('Helvetica-Bold').fontSize(11);
    text(`${r.rule} — ${t.severity[r.severity]} — ${t.family[r.family]} — ${t.count} ${f.number(r.count)}`);
    doc.font('Helvetica').fontSize(10);
    if (r.why) line(t.why, r.why);
    else text(t.noText);
    for (const fix of r.fixes) {
      doc.font('Helvetica-Bold');
      text(fix.kind === 'ad' ? t.fixOn.ad : t.fixOn.openldap);
      doc.font('Courier').fontSize(8.5);
      text(fix.text);
      doc.font('Helvetica').fontSize(10);
    }
    if (r.firstSubjects.length > 0) line(t.firstSubjects, r.firstSubjects.join(', '));
  }

  heading(t.sections.changes);
  line(t.opened, f.number(report.changes.opened));
  line(t.resolved, f.number(report.changes.resolved));
  line(t.scoreThen, f.number(report.changes.scoreThen));
  line(t.scoreNow, f.number(report.changes.scoreNow));

  heading(t.sections.privileged);
  rows(
    report.privileged.map(
      (p) =>
        `${p.directory} — ${p.group} — ${p.login} (${p.enabled ? t.enabled : t.disabled}) — ${t.lastLogon} ${f.date(p.lastLogon)} — ${t.pwdLastSet} ${f.date(p.pwdLastSet)}`,
    ),
  );

  heading(t.sections.personalData);
  rows(
    report.personalData.map(
      (r) =>
        `${r.name} (${r.id}) — ${t.criticality} ${r.criticality ?? '—'} — ${t.categories} ${r.categories.join(', ') || '—'} — ${t.holders} ${f.number(r.holders)}${
          r.firstHolders.length > 0 ? ` — ${t.firstHolders}${t.colon}${r.firstHolders.join(', ')}` : ''
        }`,
    ),
  );
  if (report.personalData.some((r) => r.holders > r.firstHolders.length)) text(t.moreInDesk);

  heading(t.sections.riskAcceptances);
  rows(
    report.riskAcceptances.map(
      (a) =>
        `${a.rule} — ${a.subject ?? '—'} — ${t.by} ${a.by ?? '—'} — ${t.reason}${t.colon}${a.reason ?? '—'} — ${t.until} ${f.date(a.until)} (${a.finding})`,
    ),
  );

  heading(t.sections.checkpoint);
  const cp = report.checkpoint;
  if (!cp) text(t.none);
  else {
    line(t.chain, cp.chain);
    line(t.sequence, f.number(cp.seq));
    line(t.time, f.dateTime(cp.at));
    line(t.hash, cp.hash);
    line(t.keyId, cp.keyId);
  }

  numberPages(doc, t.page);
  doc.end();
  return done;
}

function drawTrend(doc: Doc, report: ComplianceReport, empty: string): void {
  const w = 440;
  const h = 120;
  const points = trendPoints(
    report.trend.map((p) => p.score),
    w,
    h,
  );
  if (points.length === 0) {
    doc.text(plain(empty));
    return;
  }
  const x0 = MARGIN + 30;
  const y0 = doc.y + 5;
  doc.save().strokeColor('#999').lineWidth(0.5);
  doc
    .moveTo(x0, y0)
    .lineTo(x0, y0 + h)
    .lineTo(x0 + w, y0 + h)
    .stroke();
  doc
    .fontSize(8)
    .fillColor('#555')
    .text('100', MARGIN, y0 - 3, { lineBreak: false })
    .text('0', MARGIN + 15, y0 + h - 6, { lineBreak: false });
  doc.strokeColor('#2f6fb0').lineWidth(1.5);
  points.forEach((p, i) => (i === 0 ? doc.moveTo(x0 + p.x, y0 + p.y) : doc.lineTo(x0 + p.x, y0 + p.y)));
  if (points.length === 1) doc.circle(x0 + points[0]!.x, y0 + points[0]!.y, 2).fill('#2f6fb0');
  else doc.stroke();
  doc.fillColor('#555').text(report.trend[0]!.day, x0, y0 + h + 4, { lineBreak: false });
  doc.text(report.trend.at(-1)!.day, x0 + w - 50, y0 + h + 4, { width: 50, align: 'right', lineBreak: false });
  doc.restore().fillColor('#000').fontSize(10);
  doc.x = MARGIN;
  doc.y = y0 + h + 20;
}

function drawSeverityBars(doc: Doc, report: ComplianceReport, label: (s: keyof ComplianceReport['bySeverity']) => string): void {
  const bars = severityBars(report.bySeverity, 300);
  const y0 = doc.y + 4;
  bars.forEach((b, i) => {
    const y = y0 + i * 18;
    doc
      .fillColor('#000')
      .fontSize(9)
      .text(label(b.severity), MARGIN, y + 2, { width: 90, lineBreak: false });
    if (b.length > 0) doc.rect(MARGIN + 95, y, b.length, 12).fill(SEVERITY_COLOURS[b.severity]);
    doc.fillColor('#000').text(String(b.count), MARGIN + 100 + b.length, y + 2, { lineBreak: false });
  });
  doc.fontSize(10);
  doc.x = MARGIN;
  doc.y = y0 + bars.length * 18 + 6;
}

/** Writes "page n of N" at the foot of each page, once every page exists. */
function numberPages(doc: Doc, label: (n: number, of: number) => string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would otherwise open a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .fontSize(8)
      .fillColor('#555')
      .text(plain(label(i + 1, range.count)), MARGIN, doc.page.height - 35, { width: doc.page.width - 2 * MARGIN, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}
