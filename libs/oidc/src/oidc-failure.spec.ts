import { VigieError } from '#vigie/common';
import { AuthorizationResponseError, ClientError, ResponseBodyError } from 'openid-client';
import { oidcFailure } from './oidc-failure.js';

const ISSUER = 'https://idp.corp.example';

/** As openid-client makes them: its constructor takes a code beside the cause (its types do not say so). */
const clientError = (message: string, code: string, cause?: unknown) => new ClientError(message, { cause, code } as ErrorOptions);

function refusal(status: number, body: { error: string; error_description?: string }): ResponseBodyError {
  return new ResponseBodyError('server responded with an error in the response body', { cause: body, response: new Response(null, { status }) });
}

describe(oidcFailure.name, () => {
  it('makes an unreachable provider unavailable, from the network error under fetch', () => {
    const err = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' }) });
    expect(oidcFailure(err, ISSUER, 'sign-in')).toMatchObject({
      kind: 'unavailable',
      message: `the OpenID Connect provider ${ISSUER} cannot be reached (ECONNREFUSED): try again later`,
    });
    expect(oidcFailure(clientError('operation timed out', 'OAUTH_TIMEOUT'), ISSUER, 'discovery').kind).toBe('unavailable');
  });

  it("makes the provider's own failure (5xx) unavailable, and its refusal of the code unauthenticated", () => {
    expect(oidcFailure(refusal(503, { error: 'temporarily_unavailable' }), ISSUER, 'sign-in').kind).toBe('unavailable');
    const refused = oidcFailure(refusal(400, { error: 'invalid_grant', error_description: 'grant request is invalid' }), ISSUER, 'sign-in');
    expect(refused.kind).toBe('unauthenticated');
    expect(refused.message).toMatch(/^the provider refused the authorization code \(invalid_grant: grant request is invalid\)/);
  });

  it("says the provider's error from the callback", () => {
    const err = new AuthorizationResponseError('authorization response from the server is an error', {
      cause: new URLSearchParams({ error: 'access_denied', error_description: 'AADSTS50105: not assigned to a role', state: 's' }),
    });
    expect(oidcFailure(err, ISSUER, 'sign-in')).toMatchObject({
      kind: 'unauthenticated',
      message: 'the provider refused the sign-in: access_denied: AADSTS50105: not assigned to a role',
    });
  });

  it("keeps the library's error, and what it holds, out of the VigieError", () => {
    const inner = Object.assign(new Error('JWT signature verification failed'), { code: 'OAUTH_INVALID_RESPONSE', jwt: 'eyJ.secret.token' });
    const made = oidcFailure(clientError('invalid response encountered', 'OAUTH_INVALID_RESPONSE', inner), ISSUER, 'sign-in');
    expect(made).toMatchObject({
      kind: 'unauthenticated',
      message: 'the sign-in through the OpenID Connect provider failed: JWT signature verification failed',
    });
    expect(made.cause).toBeUndefined();
    expect(JSON.stringify({ ...made, message: made.message })).not.toContain('eyJ');
  });

  it('makes a failed discovery a configuration error, and passes a VigieError through', () => {
    const mismatch = clientError(
      'unexpected JSON attribute value encountered',
      'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED',
      new Error('"response" body "issuer" property does not match the expected value'),
    );
    expect(oidcFailure(mismatch, ISSUER, 'discovery')).toMatchObject({ kind: 'configuration', message: expect.stringMatching(/check auth\.oidc\.issuer/) });
    const given = new VigieError('unavailable', 'down');
    expect(oidcFailure(given, ISSUER, 'sign-in')).toBe(given);
  });
});
