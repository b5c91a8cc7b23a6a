import { normalizeDn } from '#vigie/directory';
import type { MembershipAddition } from '#vigie/identity';
import type { ApprovedMembership } from '#vigie/requests';

/**
 * How much later than the sync's sighting an approval may be dated and still cover it: an approved membership is
 * written after its approval, so the sync sees it later; this only absorbs the clocks of the worker and the database
 * disagreeing. A membership added by hand and approved afterwards stays reported (acknowledging the finding says so).
 */
const CLOCK_SLACK_MS = 15 * 60_000;

/**
 * Whether an approved request stands behind a link a sync run saw appear: the same directory, group and member (DNs
 * compared normalised), approved before it was seen, and the grant not over when it was seen. A primary group is never
 * one: Vigie provisions `member` values only.
 */
export function approvedLinks(approved: readonly ApprovedMembership[] | null): (addition: MembershipAddition) => boolean {
  if (!approved?.length) return () => false;
  const byLink = new Map<string, ApprovedMembership[]>();
  for (const m of approved) {
    const key = linkKey(m.directory, normalizeDn(m.groupDn), normalizeDn(m.memberDn));
    byLink.set(key, [...(byLink.get(key) ?? []), m]);
  }
  return (addition) => {
    if (addition.via !== 'member' || !addition.groupDnNorm) return false;
    const seen = addition.seenAt.getTime();
    return (byLink.get(linkKey(addition.directory, addition.groupDnNorm, addition.memberDnNorm)) ?? []).some(
      (m) => m.approvedAt.getTime() <= seen + CLOCK_SLACK_MS && (m.endsAt === null || m.endsAt.getTime() >= seen),
    );
  };
}

function linkKey(directory: string, groupDnNorm: string, memberDnNorm: string): string {
  return `${directory}\u0000${groupDnNorm}\u0000${memberDnNorm}`;
}
