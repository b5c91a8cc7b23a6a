import { attempting, ending, failed, provisioned, removalOf, removed, retrying } from './grant-lifecycle.js';
import { anApprovedRequest } from './testing/index.js';

const now = new Date('2026-12-03T10:00:00Z');
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

describe('grant lifecycle', () => {
  it('starts a provisioned grant now and ends it durationDays later', () => {
    const r = provisioned(anApprovedRequest({ durationDays: 30 }), 'added', now);
    expect(r.grant).toMatchObject({ status: 'active', provisioned: 'added', startsAt: now, endsAt: days(30), lastError: null });
  });

  it('gives a permanent grant no end', () => {
    expect(provisioned(anApprovedRequest({ durationDays: null }), 'already', now).grant).toMatchObject({
      status: 'active',
      provisioned: 'already',
      endsAt: null,
    });
  });

  it('refuses to provision a grant twice', () => {
    const active = provisioned(anApprovedRequest(), 'added', now);
    expect(() => provisioned(active, 'added', now)).toThrow('is active, not provisioning');
  });

  it('marks the first write attempt once', () => {
    const marked = attempting(anApprovedRequest());
    expect(marked.grant?.attempted).toBe(true);
    expect(attempting(marked)).toBe(marked);
  });

  it('ends an expired grant at its endsAt, without a revoker', () => {
    const active = provisioned(anApprovedRequest({ durationDays: 1 }), 'added', now);
    expect(ending(active, 'expired', null, null, days(2)).grant).toMatchObject({ status: 'removing', endReason: 'expired', revokedBy: null, endsAt: days(1) });
  });

  it('ends a revoked grant now, saying who and why', () => {
    const active = provisioned(anApprovedRequest({ durationDays: 30 }), 'added', now);
    expect(ending(active, 'revoked', 'corp:uid=sec,ou=people', 'left the project early', days(3)).grant).toMatchObject({
      status: 'removing',
      endReason: 'revoked',
      revokedBy: 'corp:uid=sec,ou=people',
      revokeReason: 'left the project early',
      endsAt: days(3),
    });
  });

  it('may revoke a grant still provisioning, not one that ended', () => {
    expect(ending(anApprovedRequest(), 'revoked', 'system:cli', 'mistake in the request', now).grant?.status).toBe('removing');
    expect(() => ending(anApprovedRequest({ status: 'ended' }), 'revoked', 'system:cli', 'again', now)).toThrow('is ended');
  });

  it('removes what Vigie added, and leaves alone what was granted outside Vigie', () => {
    const added = ending(provisioned(anApprovedRequest(), 'added', now), 'expired', null, null, days(31));
    const outside = ending(provisioned(anApprovedRequest(), 'already', now), 'expired', null, null, days(31));
    expect(removalOf(added)).toBe('remove');
    expect(removalOf(outside)).toBe('leave-alone');
    expect(removed(added, 'absent', days(31)).grant).toMatchObject({ status: 'ended', endedAt: days(31) });
    expect(removed(outside, 'left-alone', days(31)).grant?.status).toBe('ended');
    expect(() => removed(added, 'left-alone', days(31))).toThrow('only a membership Vigie never wrote is left alone');
  });

  it('removes a grant revoked while provisioning only if its write was attempted', () => {
    const revoked = ending(anApprovedRequest(), 'revoked', 'system:cli', 'asked by mistake', now);
    expect(removalOf(revoked)).toBe('leave-alone');
    expect(removalOf(ending(attempting(anApprovedRequest()), 'revoked', 'system:cli', 'asked by mistake', now))).toBe('remove');
  });

  it('keeps a failed write with its error', () => {
    expect(failed(anApprovedRequest(), 'insufficient access rights on the group').grant).toMatchObject({
      status: 'failed',
      lastError: 'insufficient access rights on the group',
    });
    expect(() => failed(provisioned(anApprovedRequest(), 'added', now), 'x')).toThrow('is active');
  });

  it('keeps the error of a write tried again, the grant still waiting for it, and clears it once confirmed', () => {
    const waiting = retrying(anApprovedRequest(), 'corp: cannot reach ldap://dc1');
    expect(waiting.grant).toMatchObject({ status: 'provisioning', lastError: 'corp: cannot reach ldap://dc1' });
    expect(provisioned(waiting, 'added', now).grant?.lastError).toBeNull();
  });

  it('refuses a request without a grant', () => {
    expect(() => provisioned({ ...anApprovedRequest(), grant: null }, 'added', now)).toThrow('has no grant');
  });
});
