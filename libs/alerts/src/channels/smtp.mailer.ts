import { readFileSync } from 'node:fs';
import nodemailer, { type Transporter } from 'nodemailer';

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
  /** The security officer's addresses: what alerts are sent to. */
  to: string[];
  timeoutMs: number;
}

/** The company's SMTP relay, with nodemailer: what the alert channel and the request notices both send through. */
export class SmtpMailer {
  private readonly transport: Transporter;

  constructor(private readonly settings: SmtpSettings) {
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

  /** The security officer's configured addresses. */
  get securityOfficer(): readonly string[] {
    return this.settings.to;
  }

  async send(to: readonly string[], subject: string, text: string): Promise<void> {
    await this.transport.sendMail({ from: this.settings.from, to: [...to], subject, text });
  }
}
