import { createHmac, timingSafeEqual } from 'node:crypto';
import { VigieError } from '#vigie/common';

export interface BambooHrSignedRequest {
  /** The body exactly as received: the signature covers its bytes, not a JSON parsed and written again. */
  body: Buffer;
  /** X-BambooHR-Timestamp. */
  timestamp: string | undefined;
  /** X-BambooHR-Signature: hex. */
  signature: string | undefined;
}

/**
 * Checks a BambooHR webhook delivery, as https://documentation.bamboohr.com/docs/webhooks#security describes it: an
 * HMAC-SHA256, keyed with the webhook's private key, of the raw body followed by the X-BambooHR-Timestamp header, in
 * hex in X-BambooHR-Signature. The timestamp must also be within `toleranceSeconds` of now, so that a delivery caught
 * on the way cannot be replayed later. A VigieError 'unauthenticated' otherwise, that says which check failed and
 * never what was expected. The comparison takes the same time whatever the bytes.
 */
export function checkBambooHrSignature(request: BambooHrSignedRequest, key: string, now: Date, toleranceSeconds: number): void {
  const { body, timestamp, signature } = request;
  if (!timestamp || !signature) {
    throw new VigieError('unauthenticated', 'a BambooHR webhook delivery carries X-BambooHR-Timestamp and X-BambooHR-Signature: one is missing');
  }
  const sentAt = instantOf(timestamp);
  if (sentAt === null) throw new VigieError('unauthenticated', 'X-BambooHR-Timestamp is neither Unix seconds nor an ISO 8601 date-time');
  if (Math.abs(now.getTime() - sentAt) > toleranceSeconds * 1000) {
    throw new VigieError(
      'unauthenticated',
      `X-BambooHR-Timestamp is more than ${toleranceSeconds} s away from Vigie's clock: a replayed delivery, or a clock to set right (NTP)`,
    );
  }
  const expected = createHmac('sha256', key)
    .update(Buffer.concat([body, Buffer.from(timestamp, 'utf8')]))
    .digest();
  const given = /^[0-9a-f]{64}$/i.test(signature.trim()) ? Buffer.from(signature.trim(), 'hex') : Buffer.alloc(0);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new VigieError(
      'unauthenticated',
      "X-BambooHR-Signature does not match the body and timestamp signed with the webhook's private key: check hr.bamboohr.webhookKeyEnv",
    );
  }
}

/** What BambooHR's senders were seen to write: Unix seconds ("1700000000") or an ISO 8601 date-time. */
function instantOf(timestamp: string): number | null {
  if (/^\d{9,11}$/.test(timestamp)) return Number(timestamp) * 1000;
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(timestamp) ? Date.parse(timestamp.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : NaN;
  return Number.isNaN(ms) ? null : ms;
}
