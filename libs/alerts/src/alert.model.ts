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

/**
 * Something the security officer must know at once that is no finding: a sign-in lockout, a burst of failed sign-ins,
 * the break-glass account used. `kind` names it for machines (`sign-in.locked-out`), `title` and `lines` for people:
 * what, how many, from where, since when. Never a password or a token.
 */
export interface SecurityEvent {
  kind: string;
  title: string;
  lines: string[];
}

/** What a channel sends: a title and plain text, the same for mail and chat, and the fields a webhook posts beside them. */
export interface AlertMessage {
  event: 'findings.new' | 'security.event';
  title: string;
  text: string;
  fields: Record<string, unknown>;
}

export function findingsMessage(alert: Alert): AlertMessage {
  return { event: 'findings.new', title: alert.title, text: alertText(alert), fields: { ...alert } };
}

/** An API token's secret part, should a caller ever put one in a line: cut to its prefix. */
const TOKEN = /\bvig_[A-Za-z0-9_-]{4,}/g;

export function securityEventMessage(event: SecurityEvent, at: string, link: string | null): AlertMessage {
  const title = event.title.replace(TOKEN, 'vig_…');
  const lines = event.lines.map((l) => l.replace(TOKEN, 'vig_…'));
  const text = [title, `Security event ${event.kind} at ${at}`, '', ...lines, ...(link ? ['', link] : [])].join('\n');
  return { event: 'security.event', title, text, fields: { kind: event.kind, title, lines, at, link } };
}
