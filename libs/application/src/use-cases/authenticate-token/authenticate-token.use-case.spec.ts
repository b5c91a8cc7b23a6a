import { SignInThrottle } from '#vigie/access-control';
import { InMemorySignInAttemptStore } from '#vigie/access-control/testing';
import { isVigieError } from '#vigie/common';
import { type SealedEntry, type TrailRecordInput, TrailWriter } from '#vigie/trail';
import { RecordingTrailWriter } from '#vigie/trail/testing';
import { RecordingLogger, apiTokensWorld, contextOf, parsedBy, refusalsOf } from '../../testing/index.js';
import type { UseCaseContext } from '../../use-case.js';
import { AuthenticateToken } from './authenticate-token.use-case.js';

const MINUTE = 60_000;
const API: UseCaseContext['actor'] = { type: 'system', id: 'api' };
const ATTEMPTS = { windowMinutes: 15, accountDelayAfter: 3, accountLockoutAfter: 10, sourceLockoutAfter: 5, lockoutMinutes: 2, burstAlertPerMinute: 100 };
const REFUSED = 'token refused (unknown, revoked or expired)';

/** A trail whose database is gone. */
class UnreachableTrailWriter extends TrailWriter {
  async record(_input: TrailRecordInput): Promise<SealedEntry> {
    throw new Error('connection terminated unexpectedly');
  }

  async recordMany(_inputs: TrailRecordInput[]): Promise<SealedEntry[]> {
    throw new Error('connection terminated unexpectedly');
  }
}

describe(AuthenticateToken.name, () => {
  const input = AuthenticateToken.definition.input;
  let world: ReturnType<typeof apiTokensWorld>;
  let trail: RecordingTrailWriter;
  let logger: RecordingLogger;
  let clock: number;
  let attempts: SignInThrottle;
  let verified: number;
  let sut: AuthenticateToken;

  const signIn = (token: string, sourceAddress = '10.0.0.7', route = '/api/findings') =>
    sut.execute(parsedBy(input, { token, route, method: 'GET' }), contextOf(API, { sourceAddress, correlationId: 'req-1' }));

  beforeEach(() => {
    world = apiTokensWorld();
    trail = new RecordingTrailWriter();
    logger = new RecordingLogger();
    clock = Date.parse('2026-05-04T09:00:00Z');
    attempts = throttleOn(trail);
    verified = 0;
    const verify = world.tokens.verify.bind(world.tokens);
    world.tokens.verify = (token: string) => (verified++, verify(token));
    sut = new AuthenticateToken(world.tokens, attempts, trail, logger, () => clock);
  });

  const throttleOn = (writer: TrailWriter) =>
    new SignInThrottle({
      store: new InMemorySignInAttemptStore(),
      trail: writer,
      alerts: { securityEvent: async () => undefined },
      settings: ATTEMPTS,
      accountKey: (login) => `p_${login}`,
      now: () => new Date(clock),
      logger,
    });

  /** The error a call threw, or a failure of the spec when it answered. */
  const refusal = async (call: Promise<unknown>) => {
    const answer = await call.then(
      (v) => ({ answered: v }),
      (err: unknown) => err,
    );
    if (!isVigieError(answer)) throw new Error(`expected a refusal, got ${JSON.stringify(answer)}`);
    return { kind: answer.kind, retryAfterSeconds: answer.retryAfterSeconds, message: answer.message };
  };

  it('is the guard’s, run as the system before anyone is known: it declares no ability', () => {
    expect(AuthenticateToken.definition.name).toBe('authenticate-token');
    expect(AuthenticateToken.definition.ability).toBeUndefined();
  });

  it('refuses a header longer than any token, and an input without its route and method', () => {
    expect(refusalsOf(input, { token: 'x'.repeat(4097), route: '/api/findings', method: 'GET' })).toEqual([expect.stringMatching(/^token: /)]);
    expect(refusalsOf(input, { token: '' }).map((p) => p.replace(/:.*/, ''))).toEqual(['route', 'method']);
  });

  it('answers the principal of a valid token, and records the sign-in', async () => {
    const { token, record } = await world.tokens.create({ name: 'soc-console', role: 'security-officer' });
    expect(await signIn(token)).toEqual({ type: 'token', id: record.id, name: 'soc-console', roles: ['security-officer'], method: 'token' });
    expect(trail.inputs).toEqual([
      {
        action: 'auth.succeeded',
        actor: { type: 'token', id: record.id },
        target: { type: 'api', id: 'bearer' },
        after: { role: 'security-officer' },
        personal: { tokenName: 'soc-console' },
      },
    ]);
  });

  it('answers null for an unknown token and records the failure with the route, method and source, never saying why beyond "refused"', async () => {
    expect(await signIn('vig_' + 'x'.repeat(43), '10.0.0.7', '/api/audit-runs')).toBeNull();
    expect(trail.inputs).toEqual([
      {
        action: 'auth.failed',
        actor: { type: 'token', id: 'unknown' },
        target: { type: 'api', id: 'GET /api/audit-runs' },
        after: { method: 'token', reason: REFUSED, windowStart: '2026-05-04T09:00:00.000Z', windowMinutes: 15 },
        sourceAddress: '10.0.0.7',
        at: new Date(clock),
      },
    ]);
  });

  it('refuses a revoked token the same way as an unknown one', async () => {
    const { token, record } = await world.tokens.create({ name: 'old-ci', role: 'auditor' });
    await world.tokens.revoke(record.id);
    expect(await signIn(token)).toBeNull();
    expect(trail.inputs.map((i) => [i.action, (i.after as { reason: string }).reason])).toEqual([['auth.failed', REFUSED]]);
  });

  it('records a request without a token as a failure of its own kind', async () => {
    expect(await signIn('')).toBeNull();
    expect(trail.inputs).toEqual([expect.objectContaining({ action: 'auth.failed', after: expect.objectContaining({ reason: 'no token' }) })]);
  });

  it('records the first failure of a window from an address, not every failure', async () => {
    for (let i = 0; i < 4; i++) expect(await signIn('vig_nope')).toBeNull();
    expect(await signIn('vig_nope', '10.0.0.8')).toBeNull();
    expect(trail.inputs.map((i) => `${i.action} ${i.sourceAddress}`)).toEqual(['auth.failed 10.0.0.7', 'auth.failed 10.0.0.8']);
  });

  it('refuses an address past sourceLockoutAfter failures with too-many-requests and its Retry-After, without checking the token', async () => {
    const { token } = await world.tokens.create({ name: 'soc-console', role: 'security-officer' });
    for (let i = 0; i < 5; i++) expect(await signIn('vig_nope')).toBeNull();
    const checked = verified;
    expect(await refusal(signIn(token))).toEqual({
      kind: 'too-many-requests',
      retryAfterSeconds: 120,
      message: 'too many failed sign-ins from this address: no token is checked from it for 120 s (Retry-After); check the token your client sends',
    });
    expect(await refusal(signIn(''))).toMatchObject({ kind: 'too-many-requests' });
    expect(verified).toBe(checked);
    expect(trail.actions).toEqual(['auth.failed', 'auth.locked-out']);
    // Another address is not concerned.
    expect(await signIn(token, '10.0.0.8')).toMatchObject({ name: 'soc-console' });
  });

  it('lets the address in again once its lockout has expired', async () => {
    const { token } = await world.tokens.create({ name: 'soc-console', role: 'security-officer' });
    for (let i = 0; i < 5; i++) await signIn('vig_nope');
    clock += 2 * MINUTE - 1;
    expect(await refusal(signIn(token))).toMatchObject({ kind: 'too-many-requests', retryAfterSeconds: 1 });
    clock += 1;
    expect(await signIn(token)).toMatchObject({ name: 'soc-console' });
  });

  it('records a success from one token and address once per 10 minutes, not at every request', async () => {
    const { token } = await world.tokens.create({ name: 'soc-console', role: 'security-officer' });
    await signIn(token);
    clock += 9 * MINUTE + 59_999;
    expect(await signIn(token)).not.toBeNull();
    expect(trail.actions).toEqual(['auth.succeeded']);
    clock += 1;
    await signIn(token);
    expect(trail.actions).toEqual(['auth.succeeded', 'auth.succeeded']);
  });

  it('records a success again from another address, or for another token, within the 10 minutes', async () => {
    const soc = await world.tokens.create({ name: 'soc-console', role: 'security-officer' });
    const grafana = await world.tokens.create({ name: 'grafana', role: 'auditor' });
    await signIn(soc.token, '10.0.0.7');
    await signIn(soc.token, '10.0.0.8');
    await signIn(grafana.token, '10.0.0.7');
    await signIn(soc.token, '10.0.0.7');
    expect(trail.inputs.map((i) => `${i.action} ${i.personal?.tokenName}`)).toEqual([
      'auth.succeeded soc-console',
      'auth.succeeded soc-console',
      'auth.succeeded grafana',
    ]);
  });

  it('still answers when the trail cannot record, and logs that it could not', async () => {
    const unreachable = new UnreachableTrailWriter();
    sut = new AuthenticateToken(world.tokens, throttleOn(unreachable), unreachable, logger, () => clock);
    const { token } = await world.tokens.create({ name: 'soc-console', role: 'security-officer' });
    expect(await signIn(token)).toMatchObject({ name: 'soc-console' });
    expect(await signIn('vig_nope')).toBeNull();
    expect(logger.errors).toEqual([
      expect.objectContaining({ msg: 'could not record a sign-in in the trail' }),
      expect.objectContaining({ msg: 'could not record a failed sign-in in the trail', action: 'auth.failed' }),
    ]);
  });
});
