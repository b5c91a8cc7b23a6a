import type { Finding, FindingsReport } from '../finding.model.js';
import type { FindingWithState } from '../ports/finding.store.js';

const COLUMNS = ['SEVERITY', 'RULE', 'DIRECTORY', 'SUBJECT', 'RESOURCE', 'MESSAGE'] as const;
/** The current findings with what a decision needs: the id `vigie findings ack|accept` takes, and where each stands. */
const STATE_COLUMNS = ['ID', 'STATUS', 'SINCE', ...COLUMNS] as const;

/** A plain-text table for a terminal: most severe first, one finding a line. */
export function formatFindingsTable(report: FindingsReport, maxMessage = 90): string {
  const header = `Findings as of ${report.asOf} (policy ${report.policyVersion.slice(0, 12)}): ${report.findings.length}`;
  return table(
    header,
    COLUMNS,
    report.findings.map((f) => cells(f, maxMessage)),
  );
}

/**
 * The current findings as `vigie findings list` prints them: one table, each line starting with the finding's id and
 * status, so that the line one reads is the line one acts on.
 */
export function formatFindingStatesTable(
  report: { asOf: string; policyVersion: string; findings: readonly FindingWithState[]; total?: number },
  maxMessage = 70,
): string {
  const header = `Findings as of ${report.asOf} (policy ${report.policyVersion.slice(0, 12)}): ${report.total ?? report.findings.length}`;
  const rows = report.findings.map((f) => [f.id, f.state.status, f.state.firstSeenAt.toISOString().slice(0, 10), ...cells(f, maxMessage)]);
  return table(header, STATE_COLUMNS, rows);
}

function cells(f: Finding, maxMessage: number): string[] {
  return [
    f.severity,
    f.rule,
    f.subject.directory ?? '-',
    f.subject.login ?? f.subject.name ?? '-',
    f.resource?.id ?? '-',
    f.message.length > maxMessage ? `${f.message.slice(0, maxMessage - 1)}…` : f.message,
  ];
}

function table(header: string, columns: readonly string[], rows: string[][]): string {
  if (!rows.length) return `${header}\nNo findings.\n`;
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i].length)));
  const line = (values: readonly string[]) => values.map((c, i) => (i === values.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  return [header, '', line(columns), ...rows.map(line), ''].join('\n');
}
