import { createHmac } from 'node:crypto';

/** The headers BambooHR puts on a delivery: the HMAC-SHA256 of the body followed by the timestamp, in hex. */
export function bambooHrHeaders(body: string | Buffer, key: string, timestamp: string): { 'x-bamboohr-timestamp': string; 'x-bamboohr-signature': string } {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const signature = createHmac('sha256', key)
    .update(Buffer.concat([bytes, Buffer.from(timestamp, 'utf8')]))
    .digest('hex');
  return { 'x-bamboohr-timestamp': timestamp, 'x-bamboohr-signature': signature };
}
