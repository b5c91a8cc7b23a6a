import { VigieError } from '#vigie/common';
import { AuthorizationResponseError, ClientError, ResponseBodyError } from 'openid-client';

/** The network failures of fetch (undici) that mean the provider is down or out of reach, not that it said no. */
const UNREACHABLE = /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE|UND_ERR_\w+)$/;

/**
 * What went wrong with the provider, as a VigieError: `unavailable` when it cannot be reached (or fails on its side),
 * `configuration` when discovery shows Vigie is set up against the wrong issuer, `unauthenticated` for anything wrong
 * with the sign-in itself. The library's error is never attached as the cause: its details hold the callback's
 * parameters, the ID token's claims or the token response, which must not reach a log.
 */
export function oidcFailure(err: unknown, issuer: string, step: 'discovery' | 'sign-in'): VigieError {
  if (err instanceof VigieError) return err;
  const unreachable = unreachableReason(err);
  if (unreachable) return new VigieError('unavailable', `the OpenID Connect provider ${issuer} cannot be reached (${unreachable}): try again later`);
  if (err instanceof AuthorizationResponseError) {
    return new VigieError('unauthenticated', `the provider refused the sign-in: ${described(err.error, err.error_description)}`);
  }
  if (err instanceof ResponseBodyError) {
    if (err.status >= 500) return new VigieError('unavailable', `the OpenID Connect provider ${issuer} failed (HTTP ${err.status}): try again later`);
    return new VigieError(
      'unauthenticated',
      `the provider refused the authorization code (${described(err.error, err.error_description)}): it was already used, has expired or belongs to another sign-in; sign in again`,
    );
  }
  const status = statusOf(err);
  if (status !== undefined && status >= 500)
    return new VigieError('unavailable', `the OpenID Connect provider ${issuer} failed (HTTP ${status}): try again later`);
  const reason = reasonOf(err);
  if (step === 'discovery') {
    return new VigieError(
      'configuration',
      `the OpenID Connect discovery of ${issuer} failed (${reason}): check auth.oidc.issuer (it must be the issuer exactly as the provider names itself)`,
    );
  }
  return new VigieError('unauthenticated', `the sign-in through the OpenID Connect provider failed: ${reason}`);
}

function described(error: string, description: string | undefined): string {
  return description ? `${error}: ${description}` : error;
}

/** The network error code (or timeout) under a failed request, if that is what it was. */
function unreachableReason(err: unknown): string | undefined {
  if (err instanceof ClientError && (err.code === 'OAUTH_TIMEOUT' || err.code === 'OAUTH_ABORT')) return 'no answer in time';
  // Duck-typed, not instanceof: fetch's errors may come from another realm (a VM context, as under jest).
  for (let e: unknown = err, depth = 0; isObject(e) && depth < 5; e = e.cause, depth++) {
    if (typeof e.code === 'string' && UNREACHABLE.test(e.code)) return e.code;
    if (e.message === 'fetch failed' && !isObject(e.cause)) return 'fetch failed';
  }
  return undefined;
}

/** The HTTP status of an unexpected answer (openid-client keeps the Response as the cause). */
function statusOf(err: unknown): number | undefined {
  const cause = err instanceof ClientError ? err.cause : undefined;
  return isObject(cause) && typeof cause.status === 'number' && 'headers' in cause ? cause.status : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The library's precise message (its processing error, under a generic ClientError), without any of its details. */
function reasonOf(err: unknown): string {
  if (!isObject(err) || typeof err.message !== 'string') return String(err);
  const inner = err instanceof ClientError && isObject(err.cause) && typeof err.cause.message === 'string' ? err.cause.message : undefined;
  const status = statusOf(err);
  return [inner ?? err.message, status === undefined ? '' : ` (HTTP ${status})`].join('');
}
