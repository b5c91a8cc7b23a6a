import { SignInThrottle } from '#vigie/access-control';
import { InMemorySignInAttemptStore } from '#vigie/access-control/testing';
import { isVigieError } from '#vigie/common';
import { hrSettingsOf } from '#vigie/hr';
import { bambooHrHeaders } from '#vigie/hr/testing';
import { RecordingTrailWriter } from '#vigie/trail/testing';
import { RecordingLogger, contextOf, hrEventsWorld } from '../../testing/index.js';
import { ReceiveHrEvent } from '../receive-hr-event/receive-hr-event.use-case.js';
import { ReceiveBambooHrWebhook } from './receive-bamboohr-webhook.use-case.js';

const KEY = 'the-bamboohr-webhook-private-key';
const NOW = new Date('2026-12-07T10:00:00Z');
const TS = String(NOW.getTime() / 1000);
const API = contextOf({ type: 'system', id: 'api' }, { sourceAddress: '203.0.113.9' });
const settings = hrSettingsOf({ hr: { departments: { Finance: 'OU=Finance,DC=acme,DC=test' } } });
const ATTEMPTS = { windowMinutes: 15, accountDelayAfter: 3, accountLockoutAfter: 10, sourceLockoutAfter: 3, lockoutMinutes: 2, burstAlertPerMinute: 100 };

/** A field-based delivery: a joiner of Finance, and a notification of a change (event-based deliveries carry only ids). */
const DELIVERY = {
  employees: [
    {
      id: '501',
      action: 'Created',
      timestamp: '2026-12-07T09:15:00+0000',
      fields: { 'First Name': 'Loïc', 'Last Name': "N'Diaye", Department: 'Finance', 'Hire Date': '2027-01-04' },
    },
    { id: '502', action: 'Updated', timestamp: '2026-12-07T09:16:00+0000', changedFields: ['Job Title'], fields: {} },
  ],
};
const bytes = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));

async function refusal(run: Promise<unknown>): Promise<{ kind: string; message: string }> {
  try {
    await run;
  } catch (e) {
    if (isVigieError(e)) return { kind: e.kind, message: e.message };
    throw e;
  }
  throw new Error('accepted');
}

describe(ReceiveBambooHrWebhook.name, () => {
  const setup = (key: string | null = KEY) => {
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
    const sut = new ReceiveBambooHrWebhook({ webhookKey: key ?? undefined, toleranceSeconds: 300, maxBodyBytes: 65_536 }, receive, attempts, logger, () => NOW);
    const send = (body: Uint8Array, headers: { timestamp?: string; signature?: string } = {}) => {
      const timestamp = 'timestamp' in headers ? headers.timestamp : TS;
      const signature = 'signature' in headers ? headers.signature : bambooHrHeaders(Buffer.from(body), KEY, timestamp ?? '')['x-bamboohr-signature'];
      return sut.execute({ timestamp, signature, body }, API);
    };
    return { ...world, authTrail: trail, logger, send };
  };

  it('stores each entry of a signed delivery as an HR event of source bamboohr, a notification with fetchDetails; sent again, duplicates', async () => {
    const { store, send } = setup();
    const first = await send(bytes(DELIVERY));
    expect(first.events).toEqual([
      { eventId: '501:created:2026-12-07T09:15:00.000Z', id: expect.any(String), status: 'pending', duplicate: false },
      { eventId: '502:updated:2026-12-07T09:16:00.000Z', id: expect.any(String), status: 'pending', duplicate: false },
    ]);
    expect(await store.findBySourceId('bamboohr', '501:created:2026-12-07T09:15:00.000Z')).toMatchObject({
      type: 'hire',
      fetchDetails: false,
      person: { employeeId: '501', firstName: 'Loïc', department: 'Finance', startDate: '2027-01-04' },
    });
    expect(await store.findBySourceId('bamboohr', '502:updated:2026-12-07T09:16:00.000Z')).toMatchObject({ type: 'update', fetchDetails: true });
    const again = await send(bytes(DELIVERY));
    expect(again.events.map((e) => [e.id, e.duplicate])).toEqual(first.events.map((e) => [e.id, true]));
  });

  it('refuses a bad signature without saying why, logs the reason and counts it: the source is held back after three', async () => {
    const { store, send, logger, authTrail } = setup();
    for (let i = 0; i < 3; i++) {
      const refused = await refusal(send(bytes(DELIVERY), { signature: 'f'.repeat(64) }));
      expect(refused).toEqual({ kind: 'unauthenticated', message: expect.stringMatching(/refused/) });
      expect(refused.message).not.toMatch(/does not match/);
    }
    expect(logger.lines.filter((l) => l.level === 'warn').map((l) => (l.message as { reason: string }).reason)).toEqual(
      Array(3).fill(expect.stringMatching(/does not match/)),
    );
    expect(authTrail.actions).toContain('auth.failed');
    expect((await refusal(send(bytes(DELIVERY)))).kind).toBe('too-many-requests');
    expect(await store.findBySourceId('bamboohr', '501:created:2026-12-07T09:15:00.000Z')).toBeNull();
  });

  it('refuses a delivery out of the time window, or unsigned', async () => {
    const { send } = setup();
    expect((await refusal(send(bytes(DELIVERY), { timestamp: String(Number(TS) - 3600) }))).kind).toBe('unauthenticated');
    expect((await refusal(send(bytes(DELIVERY), { timestamp: undefined, signature: undefined }))).kind).toBe('unauthenticated');
  });

  it('is off (unavailable) without the webhook key, whatever is sent', async () => {
    const { send } = setup(null);
    expect(await refusal(send(bytes(DELIVERY)))).toEqual({ kind: 'unavailable', message: expect.stringMatching(/VIGIE_BAMBOOHR_WEBHOOK_KEY/) });
  });

  it('checks the fields of every entry before storing any, and names the entry an unknown department refuses', async () => {
    const { store, send } = setup();
    const badDate = { employees: [DELIVERY.employees[0], { ...DELIVERY.employees[0], id: '503', fields: { 'Hire Date': '2027-02-30' } }] };
    expect((await refusal(send(bytes(badDate)))).message).toMatch(/^entry 1 \(employee 503\): .*person\.startDate: expected a date/);
    expect(await store.findBySourceId('bamboohr', '501:created:2026-12-07T09:15:00.000Z')).toBeNull();
    // The department is the receiving's check, entry by entry: the one before is stored (a duplicate when BambooHR tries again).
    const marketing = { ...DELIVERY.employees[0], id: '504', fields: { ...DELIVERY.employees[0].fields, Department: 'Marketing' } };
    const refused = await refusal(send(bytes({ employees: [DELIVERY.employees[0], marketing] })));
    expect(refused).toEqual({
      kind: 'invalid-input',
      message: expect.stringMatching(/^entry 1 \(employee 504\): person\.department: unknown department "Marketing"/),
    });
    expect(await store.findBySourceId('bamboohr', '501:created:2026-12-07T09:15:00.000Z')).not.toBeNull();
  });

  it('refuses a signed body that is not JSON, or not UTF-8', async () => {
    const { send } = setup();
    expect(await refusal(send(bytes('type=employee.updated')))).toEqual({ kind: 'invalid-input', message: expect.stringMatching(/expected JSON/) });
    expect((await refusal(send(new Uint8Array([0x7b, 0xff, 0x7d])))).message).toMatch(/UTF-8/);
  });
});
