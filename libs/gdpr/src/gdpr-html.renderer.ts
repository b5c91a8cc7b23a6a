import { EXPORT_TEXTS, type ExportLanguage } from './gdpr-html.texts.js';
import type { StoredFinding } from './ports/personal-data.store.js';
import type { SubjectAccessReport } from './subject-access.report.js';

export interface SubjectAccessHtmlOptions {
  /** French by default: the language of the people Vigie's companies employ. */
  lang?: ExportLanguage;
  /** The time zone dates are written in (the machine's when absent). */
  timeZone?: string;
}

/** One finding across the audit runs that found it, for a reader who wants one line per finding, not per run. */
export interface MergedFinding {
  finding: StoredFinding;
  firstSeen: Date | null;
  lastSeen: Date | null;
  runs: number;
}

/**
 * A page the data subject can read: plain HTML and inline CSS, no script, printable to PDF; in French or English, dates
 * written as the reader writes them, one line per finding, changes as "before → after", and the items of GDPR art. 15(1).
 */
export function renderSubjectAccessHtml(r: SubjectAccessReport, options: SubjectAccessHtmlOptions = {}): string {
  const t = EXPORT_TEXTS[options.lang ?? 'fr'];
  const dateTime = new Intl.DateTimeFormat(t.locale, { dateStyle: 'long', timeStyle: 'short', timeZone: options.timeZone });
  const when = (v: unknown): string => {
    const d = v instanceof Date ? v : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) ? new Date(v) : null;
    return d && !Number.isNaN(d.getTime()) ? dateTime.format(d) : '';
  };
  const cell = (v: unknown): string => {
    if (v === null || v === undefined || v === '') return '';
    if (typeof v === 'boolean') return v ? t.yes : t.no;
    if (v instanceof Date) return esc(when(v));
    if (Array.isArray(v)) return v.map((x) => cell(x)).join(', ');
    if (typeof v === 'object') return changeList(v as Record<string, unknown>, undefined, cell);
    // An instant inside a change (a risk accepted until...) is written as the reader writes dates too.
    return esc(when(v) || String(v));
  };
  const table = (headers: string[], rows: string[][]) =>
    rows.length
      ? `<table><thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((row) => `<tr>${row.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`
      : `<p class="none">${esc(t.none)}</p>`;
  const name = r.identity.displayNames[0] ?? r.identity.logins[0] ?? r.request;
  const findings = mergeFindings(r.findings);
  return `<!doctype html>
<html lang="${options.lang ?? 'fr'}"><head><meta charset="utf-8"><title>${esc(t.title(name))}</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;color:#222}h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f4f4f4}
.none{color:#777}ul.changes{margin:0;padding-left:1rem}dt{font-weight:600;margin-top:.6rem}dd{margin-left:0}@media print{body{margin:0}}</style></head><body>
<h1>${esc(t.title(name))}</h1>
<p>${t.intro(esc(r.request), esc(when(r.generatedAt)))}</p>
${r.erasure ? `<p class="erased">${t.erased(esc(when(r.erasure.erasedAt)), esc(r.erasure.pseudonym))}</p>` : ''}
<h2>${esc(t.sections.identity)}</h2>
${table(t.headers.identity, [[r.identity.employeeIds, r.identity.logins, r.identity.displayNames, r.identity.mails, r.identity.pseudonyms].map(cell)])}
<h2>${esc(t.sections.accounts)} (${r.accounts.length})</h2>
${table(
  t.headers.accounts,
  r.accounts.map((a) => [a.directory, a.login, a.dn, a.enabled, a.department, a.title, a.lastLogon, a.pwdLastSet].map(cell)),
)}
<h2>${esc(t.sections.memberships)} (${r.memberships.length})</h2>
${table(
  t.headers.memberships,
  r.memberships.map((m) => [m.directory, m.account, m.group, m.how].map(cell)),
)}
<h2>${esc(t.sections.access)} (${r.effectiveAccess.length})</h2>
${r.notes.map((n) => `<p class="none">${esc(n)}</p>`).join('')}
${table(
  t.headers.access,
  r.effectiveAccess.map((e) => [e.directory, e.account, e.resource, e.level, e.path.map((s) => `${s.member} ∈ ${s.group} (${s.how})`).join(' → ')].map(cell)),
)}
<h2>${esc(t.sections.findings)} (${findings.length})</h2>
${table(
  t.headers.findings,
  findings.map((m) => [
    cell(m.finding.rule),
    cell(m.finding.severity),
    cell(m.finding.message),
    m.finding.explain.map(esc).join('<br>'),
    cell(m.firstSeen),
    cell(m.lastSeen),
    String(m.runs),
  ]),
)}
<h2>${esc(t.sections.trail)} (${r.trail.length})</h2>
${table(
  t.headers.trail,
  r.trail.map((e) => [
    cell(when(e.at)),
    cell(e.action),
    cell(e.actor.login ?? e.actor.id),
    cell(e.target ? `${e.target.type} ${e.target.id ?? ''}` : ''),
    changeList(asRecord(e.before), asRecord(e.after), cell),
    cell(e.reason),
  ]),
)}
<h2>${esc(t.sections.rights)}</h2>
<dl>${t.article15.map(([term, text]) => `<dt>${esc(term)}</dt><dd>${text}</dd>`).join('')}</dl>
</body></html>
`;
}

/** The runs' findings as one line each (by finding id), first and last seen from the runs' dates, latest first. */
export function mergeFindings(findings: StoredFinding[]): MergedFinding[] {
  const byId = new Map<string, MergedFinding>();
  for (const f of findings) {
    const m = byId.get(f.id);
    const at = f.auditRunAsOf;
    if (!m) {
      byId.set(f.id, { finding: f, firstSeen: at, lastSeen: at, runs: 1 });
      continue;
    }
    m.runs++;
    if (at && (!m.firstSeen || at < m.firstSeen)) m.firstSeen = at;
    if (at && (!m.lastSeen || at > m.lastSeen)) {
      m.lastSeen = at;
      m.finding = f; // the latest run's wording
    }
  }
  return [...byId.values()].sort((a, b) => (b.lastSeen?.getTime() ?? 0) - (a.lastSeen?.getTime() ?? 0) || a.finding.rule.localeCompare(b.finding.rule));
}

/** "field: before → after", one line per field, for a reader rather than a parser. */
function changeList(before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined, cell: (v: unknown) => string): string {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  if (!keys.length) return '';
  const side = (o: Record<string, unknown> | undefined, k: string) => (o && k in o ? cell(o[k]) || '∅' : '∅');
  const line = (k: string) =>
    !after ? `${esc(k)}: ${side(before, k)}` : before ? `${esc(k)}: ${side(before, k)} → ${side(after, k)}` : `${esc(k)}: ${side(after, k)}`;
  return `<ul class="changes">${keys.map((k) => `<li>${line(k)}</li>`).join('')}</ul>`;
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
