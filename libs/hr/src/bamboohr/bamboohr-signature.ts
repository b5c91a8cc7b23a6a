import { createHmac, timingSafeEqual } from 'node:crypto';

export interface BambooHrSignedRequest {
  /** The body exactly as received: the signature covers its bytes, not a JSON parsed and written again. */
  body: Uint8Array;
  /** X-BambooHR-Timestamp. */
  timestamp?: string;
  /** X-BambooHR-Signature: hex. */
  signature?: string;
}

/**
 * Why a BambooHR webhook delivery is not authentic, or null when it is, as https://documentation.bamboohr.com/docs/webhooks#security
 * describes the check: an HMAC-SHA256, keyed with the webhook's private key, of the raw body followed by the
 * X-BambooHR-Timestamp header, in hex in X-BambooHR-Signature. The timestamp must also be within `toleranceSeconds` of
 * now, so that a delivery caught on the way cannot be replayed later. The reason is for the logs and the trail, never
 * for the caller; it never holds the expected signature. The comparison takes the same time whatever the bytes.
 */
export function bambooHrSignatureRefusal(request: BambooHrSignedRequest, key: string, now: Date, toleranceSeconds: number): string | null {
  const { body, timestamp, signature } = request;
  if (!timestamp || !signature) return 'X-BambooHR-Timestamp or X-BambooHR-Signature is missing';
  const sentAt = instantOf(timestamp);
  if (sentAt === null) return 'X-BambooHR-Timestamp is neither Unix seconds nor an ISO 8601 date-time';
  if (Math.abs(now.getTime() - sentAt) > toleranceSeconds * 1000) {
    return `X-BambooHR-Timestamp is more than ${toleranceSeconds} s away from Vigie's clock: a replay, or a clock to set right (NTP)`;
  }
  const expected = createHmac('sha256', key).update(body).update(timestamp, 'utf8').digest();
  const given = /^[0-9a-f]{64}$/i.test(signature.trim()) ? Buffer.from(signature.trim(), 'hex') : Buffer.alloc(0);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return "X-BambooHR-Signature does not match the body and timestamp under the webhook's private key";
  return null;
}

/** What BambooHR's senders were seen to write: Unix seconds ("1700000000") or an ISO 8601 date-time. */
function instantOf(timestamp: string): number | null {
  if (/^\d{9,11}$/.test(timestamp)) return Number(timestamp) * 1000;
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(timestamp) ? Date.parse(timestamp.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : NaN;
  return Number.isNaN(ms) ? null : ms;
}
