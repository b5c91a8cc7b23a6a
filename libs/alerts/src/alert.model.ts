import type { Finding } from '#vigie/audit';

/** What the security officer is told at once: new (or returning) findings at or above a severity. */
export interface Alert {
  title: string;
  asOf: string;
  policyVersion: string;
  auditRunId: string;
  findings: Finding[];
  /** Where to look, when Vigie knows its public URL. */
  link: string | null;
}

export function alertTitle(findings: Finding[]): string {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  const parts = [...counts].map(([s, n]) => `${n} ${s}`);
  return `[Vigie] new finding${findings.length > 1 ? 's' : ''}: ${parts.join(', ')}`;
}

/** Plain text, the same for mail and chat: what, who, where, and why (the path). */
export function alertText(alert: Alert): string {
  const lines = [alert.title, `Audit of ${alert.asOf} (policy ${alert.policyVersion.slice(0, 12)})`, ''];
  for (const f of alert.findings) {
    lines.push(
      // A finding on a whole directory (H-PWD-SPRAY) has neither login nor DN: its name is the directory's.
      `* ${f.severity.toUpperCase()} ${f.rule}: ${f.subject.login ?? f.subject.dn ?? f.subject.name} (${f.subject.directory})${f.resource ? ` on ${f.resource.name}` : ''}`,
    );
    lines.push(`  ${f.message}`);
    for (const step of f.explain) lines.push(`    ${step}`);
  }
  if (alert.link) lines.push('', alert.link);
  return lines.join('\n');
}
