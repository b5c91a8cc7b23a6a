import { AlertChannel } from '../alert-channel.js';
import type { AlertMessage } from '../alert.model.js';
import { SmtpMailer, type SmtpSettings } from './smtp.mailer.js';

/** Mail to the security officer's configured addresses, through the company's SMTP relay. */
export class SmtpAlertChannel extends AlertChannel {
  readonly name = 'smtp';
  private readonly mailer: SmtpMailer;

  constructor(settings: SmtpSettings) {
    super();
    this.mailer = new SmtpMailer(settings);
  }

  async send(message: AlertMessage): Promise<void> {
    await this.mailer.send(this.mailer.securityOfficer, message.title, message.text);
  }
}
