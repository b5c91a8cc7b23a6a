import type { FindingsReport } from '../finding.model.js';

const COLUMNS = ['SEVERITY', 'RULE', 'DIRECTORY', 'SUBJECT', 'RESOURCE', 'MESSAGE'] as const;

/** A plain-text table for a terminal: most severe first, one finding a line. */
export function formatFindingsTable(report: FindingsReport, maxMessage = 90): string {
  const rows = report.findings.map((f) => [
    f.severity,
    f.rule,
    f.subject.directory ?? '-',
    f.subject.login ?? f.subject.name ?? '-',
    f.resource?.id ?? '-',
    f.message.length > maxMessage ? `${f.message.slice(0, maxMessage - 1)}…` : f.message,
  ]);
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  const header = `Findings as of ${report.asOf} (policy ${report.policyVersion.slice(0, 12)}): ${report.findings.length}`;
  if (!rows.length) return `${header}\nNo findings.\n`;
  return [header, '', line(COLUMNS), ...rows.map(line), ''].join('\n');
}
