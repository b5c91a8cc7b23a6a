import { RULE_FAMILIES } from '#vigie/audit';
import type { ComplianceReport } from './compliance-report.model.js';
import { SEVERITY_COLOURS, severityBars, trendPoints } from './report-charts.js';
import { formattersOf } from './report.texts.js';

const CSS = `body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;color:#1a1a1a;line-height:1.4}
h1{font-size:1.6rem}h2{font-size:1.2rem;border-bottom:1px solid #ccc;margin-top:2rem}h3{font-size:1rem;margin-bottom:.2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}.score{font-size:2.5rem;font-weight:bold}pre{white-space:pre-wrap;background:#f7f7f7;padding:.5rem}
.muted{color:#555}svg{max-width:100%}@media print{h2{break-after:avoid}}`;

/** Escapes text for HTML content and attribute values: every value of the report goes through it. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** One self-contained page: inline CSS and SVG charts, no script, no external resource; every value escaped. */
export function renderHtml(report: ComplianceReport): string {
  const f = formattersOf(report.lang, report.timeZone);
  const { t } = f;
  const e = escapeHtml;
  const table = (headers: string[], rows: string[][]) =>
    rows.length === 0
      ? `<p class="muted">${e(t.none)}</p>`
      : `<table><thead><tr>${headers.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead><tbody>${rows
          .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
          .join('')}</tbody></table>`;
  const s = report.score;
  const parts: string[] = [];
  parts.push(`<h1>${e(t.title)} — ${e(report.company)}</h1>`);
  parts.push(
    `<p>${e(t.period)}${e(t.colon)}${e(f.period(report.period.from, report.period.to))}<br>${e(t.generatedAt)} ${e(f.dateTime(report.generatedAt))}<br>${e(t.directories)}${e(t.colon)}${e(
      report.directories.map((d) => `${d.name} (${d.kind})`).join(', ') || t.none,
    )}</p>`,
  );
  parts.push(`<h2>${e(t.sections.score)}</h2>`);
  if (!s) parts.push(`<p>${e(t.noAudit)}</p>`);
  else {
    parts.push(
      `<p><span class="score">${e(f.number(s.value))}/100</span> — ${e(t.level)} ${e(s.level)}/5 <span class="muted">(${e(f.dateTime(s.asOf))})</span></p>`,
    );
    parts.push(
      table(
        [t.byFamily, t.pointsLost],
        RULE_FAMILIES.map((fam) => [e(t.family[fam]), e(f.number(s.lostByFamily[fam]))]),
      ),
    );
    parts.push(`<h3>${e(t.topRules)}</h3>`);
    parts.push(
      table(
        [t.rule, t.count, t.points],
        s.topRules.map((r) => [e(r.rule), e(f.number(r.count)), e(f.number(r.points))]),
      ),
    );
  }
  parts.push(`<h2>${e(t.sections.trend)}</h2>`, trendSvg(report, t.noTrend));
  parts.push(
    `<h2>${e(t.sections.findings)}</h2>`,
    severitySvg(report, (sev) => t.severity[sev]),
  );
  parts.push(
    table(
      [t.bySeverity, t.count],
      Object.entries(report.bySeverity).map(([sev, n]) => [e(t.severity[sev as keyof typeof t.severity]), e(f.number(n))]),
    ),
  );
  parts.push(
    table(
      [t.byFamily, t.count],
      RULE_FAMILIES.map((fam) => [e(t.family[fam]), e(f.number(report.byFamily[fam]))]),
    ),
  );
  parts.push(`<h2>${e(t.sections.rules)}</h2>`);
  if (report.rules.length === 0) parts.push(`<p class="muted">${e(t.none)}</p>`);
  for (const r of report.rules) {
    parts.push(`<h3>${e(r.rule)} — ${e(t.severity[r.severity])} — ${e(t.family[r.family])} — ${e(t.count)} ${e(f.number(r.count))}</h3>`);
    parts.push(r.why ? `<p><strong>${e(t.why)}</strong>${e(t.colon)}${e(r.why)}</p>` : `<p class="muted">${e(t.noText)}</p>`);
    for (const fix of r.fixes) parts.push(`<p><strong>${e(t.fixOn[fix.kind])}</strong></p><pre>${e(fix.text)}</pre>`);
    if (r.firstSubjects.length > 0) parts.push(`<p>${e(t.firstSubjects)}${e(t.colon)}${e(r.firstSubjects.join(', '))}</p>`);
  }
  const c = report.changes;
  parts.push(`<h2>${e(t.sections.changes)}</h2>`);
  parts.push(
    table(
      [t.opened, t.resolved, t.scoreThen, t.scoreNow],
      [[e(f.number(c.opened)), e(f.number(c.resolved)), e(f.number(c.scoreThen)), e(f.number(c.scoreNow))]],
    ),
  );
  parts.push(`<h2>${e(t.sections.privileged)}</h2>`);
  parts.push(
    table(
      [t.directories, t.group, t.account, t.lastLogon, t.pwdLastSet],
      report.privileged.map((p) => [
        e(p.directory),
        e(p.group),
        e(`${p.login} (${p.enabled ? t.enabled : t.disabled})`),
        e(f.date(p.lastLogon)),
        e(f.date(p.pwdLastSet)),
      ]),
    ),
  );
  parts.push(`<h2>${e(t.sections.personalData)}</h2>`);
  parts.push(
    table(
      [t.resource, t.criticality, t.categories, t.holders, t.firstHolders],
      report.personalData.map((r) => [
        e(`${r.name} (${r.id})`),
        e(r.criticality ?? '—'),
        e(r.categories.join(', ')),
        e(f.number(r.holders)),
        e(r.firstHolders.join(', ')),
      ]),
    ),
  );
  if (report.personalData.some((r) => r.holders > r.firstHolders.length)) parts.push(`<p class="muted">${e(t.moreInDesk)}</p>`);
  parts.push(`<h2>${e(t.sections.riskAcceptances)}</h2>`);
  parts.push(
    table(
      [t.finding, t.rule, t.subject, t.by, t.reason, t.until],
      report.riskAcceptances.map((a) => [e(a.finding), e(a.rule), e(a.subject ?? '—'), e(a.by ?? '—'), e(a.reason ?? '—'), e(f.date(a.until))]),
    ),
  );
  parts.push(`<h2>${e(t.sections.checkpoint)}</h2>`);
  const cp = report.checkpoint;
  parts.push(
    cp
      ? table(
          [t.chain, t.sequence, t.time, t.hash, t.keyId],
          [[e(cp.chain), e(f.number(cp.seq)), e(f.dateTime(cp.at)), `<code>${e(cp.hash)}</code>`, e(cp.keyId)]],
        )
      : `<p class="muted">${e(t.none)}</p>`,
  );
  return `<!DOCTYPE html>
<html lang="${e(report.lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${e(t.title)} — ${e(report.company)}</title><style>${CSS}</style></head>
<body>
${parts.join('\n')}
</body></html>
`;
}

function trendSvg(report: ComplianceReport, empty: string): string {
  const points = trendPoints(
    report.trend.map((p) => p.score),
    560,
    140,
  );
  if (points.length === 0) return `<p class="muted">${escapeHtml(empty)}</p>`;
  const line = points.map((p) => `${p.x + 30},${p.y + 10}`).join(' ');
  const first = report.trend[0]!.day;
  const last = report.trend.at(-1)!.day;
  return `<svg role="img" aria-label="${escapeHtml(`${first} – ${last}`)}" width="600" height="180" viewBox="0 0 600 180" xmlns="http://www.w3.org/2000/svg">
<line x1="30" y1="150" x2="590" y2="150" stroke="#999"/><line x1="30" y1="10" x2="30" y2="150" stroke="#999"/>
<text x="0" y="15" font-size="10">100</text><text x="10" y="150" font-size="10">0</text>
<polyline fill="none" stroke="#2f6fb0" stroke-width="2" points="${line}"/>
<text x="30" y="170" font-size="10">${escapeHtml(first)}</text><text x="590" y="170" font-size="10" text-anchor="end">${escapeHtml(last)}</text></svg>`;
}

function severitySvg(report: ComplianceReport, label: (s: keyof ComplianceReport['bySeverity']) => string): string {
  const bars = severityBars(report.bySeverity, 400);
  const rows = bars
    .map(
      (b, i) =>
        `<text x="0" y="${i * 24 + 16}" font-size="12">${escapeHtml(label(b.severity))}</text><rect x="110" y="${i * 24 + 4}" width="${b.length}" height="16" fill="${SEVERITY_COLOURS[b.severity]}"/><text x="${116 + b.length}" y="${i * 24 + 16}" font-size="12">${b.count}</text>`,
    )
    .join('');
  return `<svg role="img" aria-label="${escapeHtml(bars.map((b) => `${label(b.severity)} ${b.count}`).join(', '))}" width="600" height="${bars.length * 24 + 8}" xmlns="http://www.w3.org/2000/svg">${rows}</svg>`;
}
