import { createHmac } from 'node:crypto';
import { VigieError } from '#vigie/common';
import { AlertChannel } from '../alert-channel.js';
import type { AlertMessage } from '../alert.model.js';

export interface WebhookSettings {
  url: string;
  /** Signs the body (HMAC-SHA256 in X-Vigie-Signature) so the receiver can tell it comes from Vigie. */
  secret?: string;
  timeoutMs: number;
}

/** A JSON POST; `text` makes it readable as is by Slack, Mattermost or Teams incoming webhooks. */
export class WebhookAlertChannel extends AlertChannel {
  readonly name = 'webhook';

  constructor(private readonly settings: WebhookSettings) {
    super();
  }

  async send(message: AlertMessage): Promise<void> {
    const body = JSON.stringify({ event: message.event, text: message.text, ...message.fields });
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'vigie' };
    if (this.settings.secret) headers['x-vigie-signature'] = `sha256=${createHmac('sha256', this.settings.secret).update(body).digest('hex')}`;
    const res = await fetch(this.settings.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(this.settings.timeoutMs), redirect: 'error' });
    if (!res.ok) throw new VigieError('unavailable', `the webhook answered ${res.status} ${res.statusText}`);
  }
}
