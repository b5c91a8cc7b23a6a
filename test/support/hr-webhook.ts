import { createHmac } from 'node:crypto';

/** The HR webhook's secret the company API is started with (VIGIE_HR_WEBHOOK_SECRET). */
export const HR_WEBHOOK_SECRET = 'test-hr-webhook-secret-of-more-than-32-characters';

/**
 * The headers the HR system sends with a body: X-Vigie-Timestamp (unix seconds, now unless told) and
 * X-Vigie-Signature, sha256=<hex of HMAC-SHA256(secret, `<timestamp>.<body>`)>, as docs/hr-events.md says.
 */
export function hrWebhookHeaders(body: string | Buffer, options: { secret?: string; at?: number } = {}): Record<string, string> {
  const timestamp = String(options.at ?? Math.floor(Date.now() / 1000));
  const hmac = createHmac('sha256', options.secret ?? HR_WEBHOOK_SECRET)
    .update(`${timestamp}.`)
    .update(body)
    .digest('hex');
  return { 'X-Vigie-Timestamp': timestamp, 'X-Vigie-Signature': `sha256=${hmac}` };
}
