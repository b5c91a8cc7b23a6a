import type { AccessRequest, ApprovedMembership, Delegation, RequestStatus } from '../access-request.model.js';

/** Which requests a list shows. Every filter given must hold. */
export interface AccessRequestQuery {
  /**
   * Only what this caller may see: requests they made or are for them, for their reports (beneficiaryManager) or
   * their resources (resourceOwners), by person key. Absent: every request (roles that read all of them).
   */
  visibleTo?: string[];
  /**
   * Only pending requests whose current stage this caller may decide: a manager or owner stage listing one of these
   * keys as approver, and, when securityOfficer is true, every security-officer stage.
   */
  awaitingDecisionBy?: { keys: string[]; securityOfficer: boolean };
  /** Requests made by this person key or for them (the `mine` view). */
  madeByOrFor?: string;
  /** Requests made by (or for) one person key. */
  requester?: string;
  beneficiary?: string;
  status?: RequestStatus[];
  resourceId?: string;
  /** Newest first; 1 to 500. */
  limit: number;
  /** The nextCursor of the previous page. */
  cursor?: string;
}

/** What is due at `now` for a pending request (the sweep's question; see request-deadlines' dueAt). */
export interface PendingDue {
  now: Date;
  /** A stage not reminded yet is due for its reminder when it opened at or before this. */
  remindOpenedBefore: Date;
  /** A stage not escalated yet is due for its escalation when it opened at or before this. */
  escalateOpenedBefore: Date;
}

export interface AccessRequestPage {
  items: AccessRequest[];
  nextCursor: string | null;
}

/**
 * Where access requests and delegations are kept. Bound to a unit of work's transaction (TransactionStores.requests)
 * for every change, so that the request, its trail entries and its jobs land together.
 */
export abstract class AccessRequestStore {
  abstract insert(request: AccessRequest): Promise<void>;

  abstract get(id: string): Promise<AccessRequest | null>;

  /**
   * The request with its row locked (SELECT … FOR UPDATE) until the transaction ends: a decision, a revocation or a
   * job's step checks its preconditions on what this answers, so that two approvers acting at once cannot both pass.
   */
  abstract getForUpdate(id: string): Promise<AccessRequest | null>;

  /**
   * Writes the request as given (status, stages, grant) with version + 1, where its stored version is still
   * request.version; a 'conflict' VigieError otherwise.
   */
  abstract update(request: AccessRequest): Promise<AccessRequest>;

  abstract list(query: AccessRequestQuery): Promise<AccessRequestPage>;

  /**
   * A pending or approved (grant not ended) request of this beneficiary for this resource and level: a second one is
   * refused while it stands.
   */
  abstract openFor(beneficiaryKey: string, resourceId: string, level: string): Promise<AccessRequest | null>;

  /**
   * Pending requests with something due now, for the sweep: decideBy passed, or the current stage not reminded and
   * opened at or before the reminder threshold, or not escalated and opened at or before the escalation threshold.
   * Only those: a stage already reminded and waiting for its escalation is not asked again (it would fill the batch).
   */
  abstract pendingDue(due: PendingDue, limit: number): Promise<AccessRequest[]>;

  /** Approved requests whose grant is active and whose endsAt has passed: for the sweep that removes them. */
  abstract grantsEnded(now: Date, limit: number): Promise<AccessRequest[]>;

  /** Memberships that approved requests stand behind and that were still granted at or after `since` (G-PRIV-CHANGE). */
  abstract approvedMemberships(since: Date): Promise<ApprovedMembership[]>;

  abstract insertDelegation(delegation: Delegation): Promise<void>;

  /** The delegations in force at `at` whose deputy is this person key. */
  abstract delegationsTo(deputyKey: string, at: Date): Promise<Delegation[]>;

  /** The delegations in force at `at` or later given by this person key. */
  abstract delegationsFrom(delegatorKey: string, at: Date): Promise<Delegation[]>;

  abstract revokeDelegation(id: string, at: Date): Promise<Delegation | null>;
}
