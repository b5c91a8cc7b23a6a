import type { ApprovedMembership } from '#vigie/requests';

/**
 * The memberships approved access requests stand behind (G-PRIV-CHANGE stays silent on them): the application binds
 * the request store's. None offline (an LDIF file has no requests): every new privileged membership is then reported.
 */
export abstract class ApprovedMembershipSource {
  /** Those whose grant was still standing at or after `since`. */
  abstract approvedMemberships(since: Date): Promise<ApprovedMembership[]>;
}
