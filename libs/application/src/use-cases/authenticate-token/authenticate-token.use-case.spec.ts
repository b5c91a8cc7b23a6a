import { type SealedEntry, type TrailRecordInput, TrailWriter } from '#vigie/trail';
import { RecordingTrailWriter } from '#vigie/trail/testing';
import { RecordingLogger, apiTokensWorld, contextOf, parsedBy, refusalsOf } from '../../testing/index.js';
import type { UseCaseContext } from '../../use-case.js';
import { AuthenticateToken } from './authenticate-token.use-case.js';

const MINUTE = 60_000;
const API: UseCaseContext['actor'] = { type: 'system', id: 'api' };

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
  let sut: AuthenticateToken;

  const signIn = (token: string, sourceAddress = '10.0.0.7', route = '/api/findings') =>
    sut.execute(parsedBy(input, { token, route, method: 'GET' }), contextOf(API, { sourceAddress, correlationId: 'req-1' }));

  beforeEach(() => {
    world = apiTokensWorld();
    trail = new RecordingTrailWriter();
    logger = new RecordingLogger();
    clock = Date.parse('2026-05-04T09:00:00Z');
    sut = new AuthenticateToken(world.tokens, trail, logger, () => clock);
  });

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

  it('answers null for an unknown token and records the failure with the route and method, never saying why beyond "refused"', async () => {
    expect(await signIn('vig_' + 'x'.repeat(43), '10.0.0.7', '/api/audit-runs')).toBeNull();
    expect(trail.inputs).toEqual([
      {
        action: 'auth.failed',
        actor: { type: 'token', id: 'unknown' },
        target: { type: 'api', id: '/api/audit-runs' },
        after: { method: 'GET', reason: 'token refused (unknown, revoked or expired)' },
      },
    ]);
  });

  it('refuses a revoked token the same way as an unknown one', async () => {
    const { token, record } = await world.tokens.create({ name: 'old-ci', role: 'auditor' });
    await world.tokens.revoke(record.id);
    expect(await signIn(token)).toBeNull();
    expect(trail.inputs.map((i) => [i.action, i.after])).toEqual([['auth.failed', { method: 'GET', reason: 'token refused (unknown, revoked or expired)' }]]);
  });

  it('records a request without a token as a failure of its own kind', async () => {
    expect(await signIn('')).toBeNull();
    expect(trail.inputs).toEqual([expect.objectContaining({ action: 'auth.failed', after: { method: 'GET', reason: 'no token' } })]);
  });

  it('records every failure, however close together', async () => {
    await signIn('vig_nope');
    await signIn('vig_nope');
    expect(trail.actions).toEqual(['auth.failed', 'auth.failed']);
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
    sut = new AuthenticateToken(world.tokens, new UnreachableTrailWriter(), logger, () => clock);
    const { token } = await world.tokens.create({ name: 'soc-console', role: 'security-officer' });
    expect(await signIn(token)).toMatchObject({ name: 'soc-console' });
    expect(await signIn('vig_nope')).toBeNull();
    expect(logger.errors).toEqual([
      expect.objectContaining({ msg: 'could not record a sign-in in the trail' }),
      expect.objectContaining({ msg: 'could not record a failed sign-in in the trail' }),
    ]);
  });
});
