import { SignInThrottle } from '#vigie/access-control';
import { InMemorySignInAttemptStore } from '#vigie/access-control/testing';
import { isVigieError } from '#vigie/common';
import { RecordingTrailWriter } from '#vigie/trail/testing';
import { RecordingLogger, contextOf, parsedBy } from '../../testing/index.js';
import type { UseCaseContext } from '../../use-case.js';
import { AuthenticateScimToken } from './authenticate-scim-token.use-case.js';

const SCIM: UseCaseContext['actor'] = { type: 'system', id: 'scim' };
const TOKEN = 'a'.repeat(64);
const ATTEMPTS = { windowMinutes: 15, accountDelayAfter: 3, accountLockoutAfter: 10, sourceLockoutAfter: 3, lockoutMinutes: 2, burstAlertPerMinute: 100 };

describe(AuthenticateScimToken.name, () => {
  let trail: RecordingTrailWriter;
  let sut: AuthenticateScimToken;

  const build = (token: string | undefined) => {
    trail = new RecordingTrailWriter();
    const attempts = new SignInThrottle({
      store: new InMemorySignInAttemptStore(),
      trail,
      alerts: { securityEvent: async () => undefined },
      settings: ATTEMPTS,
      accountKey: (login) => `p_${login}`,
      now: () => new Date('2026-05-04T09:00:00Z'),
    });
    return new AuthenticateScimToken({ tokenEnv: 'VIGIE_SCIM_TOKEN', token }, attempts, new RecordingLogger());
  };
  const call = (token: string, source = '10.0.0.9') =>
    sut
      .execute(parsedBy(AuthenticateScimToken.definition.input, { token, route: '/scim/v2/Users', method: 'GET' }), contextOf(SCIM, { sourceAddress: source }))
      .then(
        (ok) => ({ ok }),
        (err: unknown) => {
          if (!isVigieError(err)) throw err;
          return { kind: err.kind, message: err.message };
        },
      );

  beforeEach(() => (sut = build(TOKEN)));

  it('is run by the API as the system before anyone is known: it declares no ability', () => {
    expect(AuthenticateScimToken.definition.ability).toBeUndefined();
  });

  it('opens SCIM to the SCIM token, and records nothing', async () => {
    expect(await call(TOKEN)).toEqual({ ok: true });
    expect(trail.inputs).toEqual([]);
  });

  it('refuses another token, a prefix of it, an API token or none, and trails the failure as a failed API token is', async () => {
    for (const token of ['b'.repeat(64), TOKEN.slice(0, 63), `${TOKEN}a`, `vig_${'x'.repeat(43)}`, '']) {
      expect(await call(token, `10.0.0.${token.length}`)).toEqual({ kind: 'unauthenticated', message: expect.stringContaining('SCIM token') });
    }
    expect(trail.inputs[0]).toMatchObject({
      action: 'auth.failed',
      actor: { type: 'token', id: 'unknown' },
      target: { type: 'api', id: 'GET /scim/v2/Users' },
      after: { method: 'token', reason: 'SCIM token refused' },
      sourceAddress: '10.0.0.64',
    });
    expect(trail.inputs.at(-1)).toMatchObject({ action: 'auth.failed', after: { reason: 'no token' } });
  });

  it('locks out an address after too many failures, without checking its token any more', async () => {
    for (let i = 0; i < 3; i++) await call('wrong');
    expect(await call(TOKEN)).toMatchObject({ kind: 'too-many-requests' });
    expect(await call(TOKEN, '10.0.0.10')).toEqual({ ok: true });
  });

  it('answers unavailable, naming the variable to set, while no SCIM token is configured', async () => {
    sut = build(undefined);
    expect(await call(TOKEN)).toEqual({ kind: 'unavailable', message: expect.stringContaining('set the environment variable VIGIE_SCIM_TOKEN') });
    expect(await call('')).toMatchObject({ kind: 'unavailable' });
  });
});
