import { createHmac, timingSafeEqual } from 'node:crypto';

export interface WebhookSignatureSettings {
  /** config hr.webhook.secret (from its environment variable). */
  secret?: string;
  /** A timestamp further than this from now is refused: a request captured and sent again later. */
  toleranceSeconds: number;
}

export interface SignedRequest {
  timestamp?: string;
  signature?: string;
  body: Uint8Array;
}

/** `sha256=<hex>` of HMAC-SHA256(secret, `<timestamp>.<body>`): what the sender computes (docs/hr-events.md). */
export function hrWebhookSignature(secret: string, timestamp: string, body: Uint8Array): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

/**
 * Why a request's signature is refused (for the trail and the log, never for the caller), or null when it holds. The
 * comparison takes the same time whatever the bytes that differ.
 */
export function signatureRefusal(settings: WebhookSignatureSettings, request: SignedRequest, now: Date): string | null {
  const { timestamp, signature } = request;
  if (!timestamp || !signature) return 'no X-Vigie-Timestamp or no X-Vigie-Signature header';
  if (!/^\d{1,12}$/.test(timestamp)) return 'X-Vigie-Timestamp is not unix seconds';
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > settings.toleranceSeconds) return 'timestamp outside the time window (a replay, or a clock astray)';
  if (!/^sha256=[0-9a-f]{64}$/i.test(signature)) return 'X-Vigie-Signature is not sha256=<64 hex digits>';
  const expected = Buffer.from(hrWebhookSignature(settings.secret!, timestamp, request.body).slice(7), 'hex');
  const given = Buffer.from(signature.slice(7), 'hex');
  return timingSafeEqual(expected, given) ? null : 'signature does not match (a forged request, or another secret)';
}
