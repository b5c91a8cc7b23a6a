import { createHmac } from 'node:crypto';
import { bambooHrHeaders } from '../testing/bamboohr-signing.js';
import { bambooHrSignatureRefusal as sut } from './bamboohr-signature.js';

const KEY = 'the-webhook-private-key';
const NOW = new Date('2026-12-07T12:00:00Z');
const SECONDS = String(NOW.getTime() / 1000);
const BODY = Buffer.from('{"employees":[{"id":"12345","action":"Updated","timestamp":"2026-01-31T18:42:00+0000"}]}');

function request(timestamp: string, signature: string | undefined = bambooHrHeaders(BODY, KEY, timestamp)['x-bamboohr-signature']) {
  return { body: BODY, timestamp, signature };
}

describe('bambooHrSignatureRefusal', () => {
  it('accepts the HMAC-SHA256 of the body followed by the timestamp, in hex of either case', () => {
    const expected = createHmac('sha256', KEY).update(`${BODY.toString()}${SECONDS}`).digest('hex');
    expect(sut({ body: BODY, timestamp: SECONDS, signature: expected }, KEY, NOW, 300)).toBeNull();
    expect(sut({ body: BODY, timestamp: SECONDS, signature: expected.toUpperCase() }, KEY, NOW, 300)).toBeNull();
  });

  it('accepts an ISO 8601 timestamp as well as Unix seconds', () => {
    expect(sut(request('2026-12-07T11:58:00+0000'), KEY, NOW, 300)).toBeNull();
  });

  it('refuses a signature of another body, another timestamp or another key', () => {
    const other = { ...request(SECONDS), body: Buffer.from(BODY.toString().replace('12345', '12346')) };
    expect(sut(other, KEY, NOW, 300)).toMatch(/does not match/);
    expect(sut({ ...request(SECONDS), timestamp: String(Number(SECONDS) + 1) }, KEY, NOW, 300)).toMatch(/does not match/);
    expect(sut(request(SECONDS), 'another-key', NOW, 300)).toMatch(/does not match/);
  });

  it('refuses a body signed over the timestamp first (the order BambooHR does not use)', () => {
    const swapped = createHmac('sha256', KEY).update(`${SECONDS}${BODY.toString()}`).digest('hex');
    expect(sut(request(SECONDS, swapped), KEY, NOW, 300)).toMatch(/does not match/);
  });

  it('refuses a timestamp outside the window, either way: a replay or a clock to set right', () => {
    expect(sut(request(String(Number(SECONDS) - 301)), KEY, NOW, 300)).toMatch(/more than 300 s/);
    expect(sut(request(String(Number(SECONDS) + 301)), KEY, NOW, 300)).toMatch(/more than 300 s/);
    expect(sut(request(String(Number(SECONDS) - 299)), KEY, NOW, 300)).toBeNull();
  });

  it('refuses missing headers, a timestamp that is no time and a signature that is no hex digest', () => {
    expect(sut({ body: BODY, timestamp: undefined, signature: 'ab' }, KEY, NOW, 300)).toMatch(/missing/);
    expect(sut({ body: BODY, timestamp: SECONDS, signature: undefined }, KEY, NOW, 300)).toMatch(/missing/);
    expect(sut(request('soon'), KEY, NOW, 300)).toMatch(/neither/);
    expect(sut(request(SECONDS, 'sha256=abc'), KEY, NOW, 300)).toMatch(/does not match/);
  });

  it('never tells the expected signature', () => {
    const expected = bambooHrHeaders(BODY, KEY, SECONDS)['x-bamboohr-signature'];
    expect(sut(request(SECONDS, 'f'.repeat(64)), KEY, NOW, 300)).not.toContain(expected);
  });
});
