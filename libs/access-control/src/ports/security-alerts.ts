/**
 * What the security officer is told at once of a security event (a lockout, a burst of failed sign-ins): a title and
 * lines of plain text saying what, how many, from where and since when; never a password or a token. The alerts
 * library's AlertService is one.
 */
export abstract class SecurityAlerts {
  abstract securityEvent(event: { kind: string; title: string; lines: string[] }): Promise<unknown>;
}
