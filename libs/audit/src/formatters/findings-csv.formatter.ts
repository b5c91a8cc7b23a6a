import type { FindingsReport } from '../finding.model.js';

const HEADER = [
  'id',
  'rule',
  'severity',
  'directory',
  'login',
  'employeeId',
  'dn',
  'resourceType',
  'resourceId',
  'resourceName',
  'message',
  'explain',
  'evidence',
  'asOf',
  'policyVersion',
  'subjectType',
  'subject',
];

/** CSV (RFC 4180) of the findings contract, for a spreadsheet: one finding per row. */
export function formatFindingsCsv(report: FindingsReport): string {
  const rows = report.findings.map((f) => [
    f.id,
    f.rule,
    f.severity,
    f.subject.directory ?? '',
    f.subject.login ?? '',
    f.subject.employeeId ?? '',
    f.subject.dn ?? '',
    f.resource?.type ?? '',
    f.resource?.id ?? '',
    f.resource?.name ?? '',
    f.message,
    f.explain.join(' | '),
    JSON.stringify(f.evidence),
    report.asOf,
    report.policyVersion,
    f.subject.type,
    f.subject.login ?? f.subject.name ?? '',
  ]);
  return [HEADER, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

function cell(value: string): string {
  // A spreadsheet runs a cell that starts with = + - @ as a formula: directory data must never do that.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
