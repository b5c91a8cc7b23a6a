import { VigieError } from '#vigie/common';
import type { AccessRequest, Grant } from './access-request.model.js';

/**
 * The grant's steps, as the provisioning jobs and the sweep take them: provisioning → active → removing → ended, or
 * failed. Pure: each answers the request as it is after the step (the caller writes it under its lock), and refuses a
 * step the grant's status does not allow, so that a job delivered twice cannot take it twice.
 */

const DAY_MS = 86_400_000;

/** The read-back confirmed the membership: the grant starts now and ends durationDays later (never, when permanent). */
export function provisioned(request: AccessRequest, outcome: 'added' | 'already', now: Date): AccessRequest {
  const grant = grantIn(request, 'provisioning');
  const endsAt = grant.durationDays === null ? null : new Date(now.getTime() + grant.durationDays * DAY_MS);
  return withGrant(request, { ...grant, status: 'active', provisioned: outcome, startsAt: now, endsAt, lastError: null });
}

/**
 * The provisioning job is about to write the membership: marked in its own transaction first, so that a later try that
 * finds the member (the worker died between the write and its commit) knows the member is Vigie's own, not 'already'.
 */
export function attempting(request: AccessRequest): AccessRequest {
  const grant = grantIn(request, 'provisioning');
  return grant.attempted ? request : withGrant(request, { ...grant, attempted: true });
}

/**
 * The grant's end is decided (its endsAt passed, or someone revoked it): the removal job takes it from here. `by` is a
 * person key or `system:<id>`; a grant still provisioning may be revoked too (the removal then finds whatever the
 * provisioning left).
 */
export function ending(request: AccessRequest, reason: 'expired' | 'revoked', by: string | null, why: string | null, now: Date): AccessRequest {
  const grant = grantIn(request, 'active', 'provisioning');
  return withGrant(request, {
    ...grant,
    status: 'removing',
    endReason: reason,
    revokedBy: reason === 'revoked' ? by : null,
    revokeReason: reason === 'revoked' ? why : null,
    // An expiry ends when it was due; a revocation when it was asked for.
    endsAt: reason === 'revoked' ? now : grant.endsAt,
  });
}

/**
 * What the removal job does: remove the membership Vigie added (or may have added: a grant revoked while its write was
 * under way), or leave alone one that Vigie never wrote (there before Vigie, or revoked before any write).
 */
export function removalOf(request: AccessRequest): 'remove' | 'leave-alone' {
  const grant = grantIn(request, 'removing');
  if (grant.provisioned !== null) return grant.provisioned === 'already' ? 'leave-alone' : 'remove';
  return grant.attempted ? 'remove' : 'leave-alone';
}

/** The removal is confirmed by a read-back ('removed', 'absent'), or the membership was left alone: the grant has ended. */
export function removed(request: AccessRequest, outcome: 'removed' | 'absent' | 'left-alone', now: Date): AccessRequest {
  const grant = grantIn(request, 'removing');
  if (outcome === 'left-alone' && removalOf(request) !== 'leave-alone') {
    throw new VigieError('conflict', `grant of request ${request.id}: only a membership Vigie never wrote is left alone`);
  }
  return withGrant(request, { ...grant, status: 'ended', endedAt: now, lastError: null });
}

/** A write that will be tried again (the directory down): its error is kept meanwhile, for whoever looks at the request. */
export function retrying(request: AccessRequest, error: string): AccessRequest {
  const grant = grantIn(request, 'provisioning', 'removing');
  return withGrant(request, { ...grant, lastError: error });
}

/** A write the directory refused for good (rights, a missing group): kept failed with its error, for an administrator. */
export function failed(request: AccessRequest, error: string): AccessRequest {
  const grant = grantIn(request, 'provisioning', 'removing');
  return withGrant(request, { ...grant, status: 'failed', lastError: error });
}

function grantIn(request: AccessRequest, ...statuses: Grant['status'][]): Grant {
  const grant = request.grant;
  if (!grant) throw new VigieError('conflict', `request ${request.id} has no grant (it is ${request.status})`);
  if (!statuses.includes(grant.status)) throw new VigieError('conflict', `the grant of request ${request.id} is ${grant.status}, not ${statuses.join(' or ')}`);
  return grant;
}

function withGrant(request: AccessRequest, grant: Grant): AccessRequest {
  return { ...request, grant };
}
