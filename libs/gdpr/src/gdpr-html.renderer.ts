import type { SubjectAccessReport } from './subject-access.report.js';

/** A readable page of the subject access report: plain HTML and inline CSS, no script, printable to PDF. */
export function renderSubjectAccessHtml(r: SubjectAccessReport): string {
  const name = r.identity.displayNames[0] ?? r.identity.logins[0] ?? r.request;
  const table = (headers: string[], rows: unknown[][]) =>
    rows.length
      ? `<table><thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((row) => `<tr>${row.map((c) => `<td>${cell(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`
      : '<p class="none">None.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Personal data held by Vigie: ${esc(name)}</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;color:#222}h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f4f4f4}
.none{color:#777}pre{margin:0;white-space:pre-wrap;font-size:12px}@media print{body{margin:0}}</style></head><body>
<h1>Personal data held by Vigie about ${esc(name)}</h1>
<p>Answer to a data subject access request (GDPR art. 15) for <strong>${esc(r.request)}</strong>, generated ${esc(r.generatedAt)}.
Vigie is the identity and access governance tool of the company: it reads the company directory to check access rights and keeps a tamper-evident trail of changes.</p>
<h2>Identity</h2>
${table(['Employee ids', 'Logins', 'Names', 'Mail', 'Pseudonyms in the trail'], [[r.identity.employeeIds, r.identity.logins, r.identity.displayNames, r.identity.mails, r.identity.pseudonyms]])}
<h2>Accounts (${r.accounts.length})</h2>
${table(
  ['Directory', 'Login', 'DN', 'Enabled', 'Department', 'Title', 'Last logon', 'Password last set'],
  r.accounts.map((a) => [a.directory, a.login, a.dn, a.enabled, a.department, a.title, a.lastLogon, a.pwdLastSet]),
)}
<h2>Group memberships (${r.memberships.length})</h2>
${table(
  ['Directory', 'Account', 'Group', 'How'],
  r.memberships.map((m) => [m.directory, m.account, m.group, m.how]),
)}
<h2>Effective access (${r.effectiveAccess.length})</h2>
${r.notes.map((n) => `<p class="none">${esc(n)}</p>`).join('')}
${table(
  ['Directory', 'Account', 'Resource', 'Level', 'Through'],
  r.effectiveAccess.map((e) => [e.directory, e.account, e.resource, e.level, e.path.map((s) => `${s.member} ∈ ${s.group} (${s.how})`).join(' → ')]),
)}
<h2>Findings (${r.findings.length})</h2>
${table(
  ['Audit run', 'Rule', 'Severity', 'Message', 'Explanation'],
  r.findings.map((f) => [f.auditRunAsOf ? new Date(f.auditRunAsOf).toISOString() : f.auditRunId, f.rule, f.severity, f.message, f.explain.join('\n')]),
)}
<h2>Trail entries (${r.trail.length})</h2>
${table(
  ['When', 'Action', 'Actor', 'Target', 'Before', 'After', 'Reason'],
  r.trail.map((t) => [t.at, t.action, t.actor.login ?? t.actor.id, t.target ? `${t.target.type} ${t.target.id ?? ''}` : '', t.before, t.after, t.reason]),
)}
</body></html>
`;
}

function cell(v: unknown): string {
  if (v === null || v === undefined || v === '') return '';
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return esc(v.join(', '));
  if (typeof v === 'object' && !(v instanceof Date)) return `<pre>${esc(JSON.stringify(v, null, 1))}</pre>`;
  return esc(v instanceof Date ? v.toISOString() : String(v));
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
