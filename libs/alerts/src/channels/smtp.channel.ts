import { readFileSync } from 'node:fs';
import nodemailer, { type Transporter } from 'nodemailer';
import { AlertChannel } from '../alert-channel.js';
import type { AlertMessage } from '../alert.model.js';

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS, required unless allowPlain. */
  secure: boolean;
  allowPlain: boolean;
  user?: string;
  password?: string;
  caFile?: string;
  from: string;
  to: string[];
  timeoutMs: number;
}

/** Mail through the company's SMTP relay, with nodemailer. */
export class SmtpAlertChannel extends AlertChannel {
  readonly name = 'smtp';
  private readonly transport: Transporter;

  constructor(private readonly settings: SmtpSettings) {
    super();
    this.transport = nodemailer.createTransport({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      requireTLS: !settings.secure && !settings.allowPlain,
      ignoreTLS: settings.allowPlain && !settings.secure,
      auth: settings.user ? { user: settings.user, pass: settings.password ?? '' } : undefined,
      tls: settings.caFile ? { ca: readFileSync(settings.caFile), rejectUnauthorized: true } : { rejectUnauthorized: true },
      connectionTimeout: settings.timeoutMs,
      greetingTimeout: settings.timeoutMs,
      socketTimeout: settings.timeoutMs,
    });
  }

  async send(message: AlertMessage): Promise<void> {
    await this.transport.sendMail({ from: this.settings.from, to: this.settings.to, subject: message.title, text: message.text });
  }
}
