import type { SignInAttempts } from '#vigie/access-control';
import { VigieError } from '#vigie/common';
import type { VigieLogger } from '#vigie/logging';

/** A signed webhook route: what its refusals are counted under, and what a refused sender is told. */
export interface SignedRoute {
  /** `POST /api/hr/events`: the route the sign-in throttle counts the refusals of. */
  route: string;
  /** Names the webhook in the logs and the trail ("HR webhook", "BambooHR webhook"). */
  label: string;
  /** The one message every refusal gets: it says what to check, never which check failed. */
  refused: string;
}

/**
 * The gate of a signed webhook, before its body is read: a source locked out by too many refusals is turned away
 * (429); a refusal of the signature (`refusal()` says why, or null when it holds) is logged with its reason, counted
 * like a failed token (a trail entry, the source's lockout, the security officer told of a burst) and answered with
 * the same message whatever the reason. Counting is the protection: a count that fails is logged, the refusal stands.
 */
export async function admitSignedDelivery(
  attempts: SignInAttempts,
  logger: VigieLogger,
  route: SignedRoute,
  sourceAddress: string | undefined,
  refusal: () => string | null,
): Promise<void> {
  const attempt = { source: sourceAddress, method: 'token' as const, route: route.route };
  const block = await attempts.blocked(attempt);
  if (block) {
    throw new VigieError('too-many-requests', `too many refused signatures from this address: try again in ${block.retryAfterSeconds} s`, {
      retryAfterSeconds: block.retryAfterSeconds,
    });
  }
  const reason = refusal();
  if (!reason) return;
  logger.warn({ msg: `${route.label} signature refused`, reason, source: sourceAddress });
  await attempts
    .failed(attempt, `${route.label}: ${reason}`)
    .catch((err: unknown) => logger.error({ msg: `could not count a refused ${route.label} signature`, err }));
  throw new VigieError('unauthenticated', route.refused);
}
