import { createHmac } from 'node:crypto';
import { VigieError } from '#vigie/common';

export interface WebhookSettings {
  url: string;
  /** Signs the body (HMAC-SHA256 in X-Vigie-Signature) so the receiver can tell it comes from Vigie. */
  secret?: string;
  timeoutMs: number;
}

/** One signed JSON POST to the configured webhook: what alerts and request notices both send. */
export class WebhookPoster {
  constructor(private readonly settings: WebhookSettings) {}

  async post(event: Record<string, unknown>): Promise<void> {
    const body = JSON.stringify(event);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'vigie' };
    if (this.settings.secret) headers['x-vigie-signature'] = `sha256=${createHmac('sha256', this.settings.secret).update(body).digest('hex')}`;
    const res = await fetch(this.settings.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(this.settings.timeoutMs), redirect: 'error' });
    if (!res.ok) throw new VigieError('unavailable', `the webhook answered ${res.status} ${res.statusText}`);
  }
}
