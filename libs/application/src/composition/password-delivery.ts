import { VigieError } from '#vigie/common';
import type { PasswordDelivery } from '../use-cases/apply-hr-event/hr-apply.ports.js';

type Mailer = { send(to: readonly string[], subject: string, text: string): Promise<void> };

/**
 * The joiner's initial password by mail (config hr.passwordDelivery, over alerts.smtp): to their manager, or to the
 * IT desk's addresses. The mail says it must be changed at first logon. A mail that cannot be sent is 'unavailable':
 * the event is tried again, and that try sets a new password (the one not delivered is never used).
 */
export class MailPasswordDelivery implements PasswordDelivery {
  constructor(
    private readonly channel: 'manager-mail' | 'mail' | 'none',
    private readonly desk: readonly string[],
    private readonly mailer: Mailer | null,
  ) {}

  async deliver(to: { login: string; displayName: string; managerMail: string | null }, password: string): Promise<'manager-mail' | 'mail' | 'none'> {
    if (this.channel === 'none' || !this.mailer) return 'none';
    const useManager = this.channel === 'manager-mail' && to.managerMail;
    const recipients = useManager ? [to.managerMail!] : [...this.desk];
    if (!recipients.length) return 'none';
    const text = [
      `The account of ${to.displayName} is ready: login ${to.login}.`,
      `Initial password: ${password}`,
      'It must be changed at the first logon. Hand it over in person, then delete this mail.',
    ].join('\n');
    try {
      await this.mailer.send(recipients, `Vigie: the account of ${to.displayName}`, text);
    } catch (error) {
      // The mailer's error may quote the message: only its kind is kept.
      throw new VigieError(
        'unavailable',
        `the initial password of ${to.login} could not be mailed (${error instanceof Error ? error.name : 'error'}): trying again`,
      );
    }
    return useManager ? 'manager-mail' : 'mail';
  }
}
