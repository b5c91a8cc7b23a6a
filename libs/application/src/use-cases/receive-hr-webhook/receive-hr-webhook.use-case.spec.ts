import { SignInThrottle } from '#vigie/access-control';
import { InMemorySignInAttemptStore } from '#vigie/access-control/testing';
import { hrSettingsOf } from '#vigie/hr';
import { RecordingTrailWriter } from '#vigie/trail/testing';
import { RecordingLogger, contextOf, hrEventsWorld } from '../../testing/index.js';
import { ReceiveHrEvent } from '../receive-hr-event/receive-hr-event.use-case.js';
import { hrWebhookSignature } from './hr-webhook-signature.js';
import { ReceiveHrWebhook } from './receive-hr-webhook.use-case.js';

const SECRET = 's'.repeat(40);
const NOW = new Date('2026-12-07T10:00:00Z');
const TS = String(NOW.getTime() / 1000);
const API = contextOf({ type: 'system', id: 'api' }, { sourceAddress: '203.0.113.9' });
const settings = hrSettingsOf({ hr: { departments: { Finance: 'OU=Finance,DC=acme,DC=test' } } });
const ATTEMPTS = { windowMinutes: 15, accountDelayAfter: 3, accountLockoutAfter: 10, sourceLockoutAfter: 3, lockoutMinutes: 2, burstAlertPerMinute: 100 };

const event = {
  eventId: 'evt-42',
  type: 'hire',
  effectiveDate: '2027-01-04',
  person: { employeeId: 'E5001', firstName: 'Loïc', lastName: "N'Diaye", department: 'Finance' },
};
const bytes = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));

describe(ReceiveHrWebhook.name, () => {
  const setup = (secret: string | null = SECRET) => {
    const world = hrEventsWorld();
    const trail = new RecordingTrailWriter();
    const logger = new RecordingLogger();
    const attempts = new SignInThrottle({
      store: new InMemorySignInAttemptStore(),
      trail,
      alerts: { securityEvent: async () => undefined },
      settings: ATTEMPTS,
      accountKey: (login) => `p_${login}`,
      now: () => NOW,
      logger,
    });
    const receive = new ReceiveHrEvent(
      { directory: 'corp', timeZone: 'Europe/Paris', retries: { limit: 3, delaySeconds: 10 } },
      async () => settings,
      world.uow,
      () => NOW,
    );
    const sut = new ReceiveHrWebhook(
      { secret: secret ?? undefined, secretEnv: 'VIGIE_HR_WEBHOOK_SECRET', toleranceSeconds: 300, maxBodyBytes: 65_536 },
      receive,
      attempts,
      logger,
      () => NOW,
    );
    const send = (body: Uint8Array, headers: { timestamp?: string; signature?: string } = {}) => {
      const timestamp = 'timestamp' in headers ? headers.timestamp : TS;
      const signature = 'signature' in headers ? headers.signature : hrWebhookSignature(SECRET, timestamp ?? '', body);
      return sut.execute({ timestamp, signature, body }, API);
    };
    return { ...world, authTrail: trail, logger, send };
  };

  it('stores a correctly signed event as from the webhook, and answers its id and status; the same event again is a duplicate', async () => {
    const { send, store } = setup();
    const answer = await send(bytes(event));
    expect(answer).toEqual({ id: expect.any(String), status: 'pending', duplicate: false });
    expect(store.events.get(answer.id)).toMatchObject({ source: 'webhook', eventId: 'evt-42', person: { lastName: "N'Diaye" } });
    expect(await send(bytes(event))).toEqual({ ...answer, duplicate: true });
  });

  it('refuses a forged, a replayed, an unsigned or a malformed signature alike, counts it, and stores nothing', async () => {
    const { send, store, authTrail, logger } = setup();
    const body = bytes(event);
    const old = String(NOW.getTime() / 1000 - 301);
    const refusals = [
      send(body, { signature: hrWebhookSignature('another secret of 40 characters........', TS, body) }),
      send(body, { timestamp: old, signature: hrWebhookSignature(SECRET, old, body) }),
      send(body, { signature: undefined }),
    ];
    for (const refused of refusals) {
      await expect(refused).rejects.toMatchObject({ kind: 'unauthenticated', message: expect.stringMatching(/^the HR event is refused: its signature/) });
    }
    expect(store.events.size).toBe(0);
    // The trail hears of the first refusal of the window; the log says why each was refused, never the caller.
    expect(authTrail.inputs[0]).toMatchObject({ action: 'auth.failed', target: { type: 'api', id: 'POST /api/hr/events' }, sourceAddress: '203.0.113.9' });
    expect(logger.lines.map((l) => (l.message as { reason?: string }).reason)).toEqual([
      'signature does not match (a forged request, or another secret)',
      'timestamp outside the time window (a replay, or a clock astray)',
      'no X-Vigie-Timestamp or no X-Vigie-Signature header',
    ]);
    // The source is locked out after sourceLockoutAfter refusals: even a good signature waits (429).
    await expect(send(body)).rejects.toMatchObject({ kind: 'too-many-requests' });
  });

  it('refuses a body changed after it was signed', async () => {
    const { send } = setup();
    const signature = hrWebhookSignature(SECRET, TS, bytes(event));
    await expect(send(bytes({ ...event, eventId: 'evt-43' }), { signature })).rejects.toMatchObject({ kind: 'unauthenticated' });
  });

  it('names the field at fault in a signed body, and refuses what is not JSON', async () => {
    const { send, store } = setup();
    await expect(send(bytes({ ...event, effectiveDate: '2027-02-29' }))).rejects.toMatchObject({
      kind: 'invalid-input',
      message: expect.stringMatching(/^effectiveDate: expected a date of the calendar/),
    });
    await expect(send(bytes({ ...event, source: 'scim' }))).rejects.toMatchObject({ kind: 'invalid-input', message: 'unknown field(s) source' });
    await expect(send(bytes('{"eventId": '))).rejects.toMatchObject({ kind: 'invalid-input', message: expect.stringMatching(/^the body is not JSON/) });
    await expect(send(new Uint8Array([0xff, 0xfe, 0x7b]))).rejects.toMatchObject({ kind: 'invalid-input', message: expect.stringMatching(/not UTF-8/) });
    await expect(send(bytes(''))).rejects.toMatchObject({ kind: 'invalid-input', message: expect.stringMatching(/empty/) });
    expect(store.events.size).toBe(0);
  });

  it('is off until its secret is set, and says which variable to set', async () => {
    const { send } = setup(null);
    await expect(send(bytes(event))).rejects.toMatchObject({ kind: 'unavailable', message: expect.stringContaining('set VIGIE_HR_WEBHOOK_SECRET') });
  });
});
