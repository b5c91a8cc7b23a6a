/**
 * An access request and what follows from it: who asked what for whom, the approval chain and its decisions, and once
 * approved the grant (the directory membership Vigie provisions, then removes at its end). Plain data: stored as it
 * is, read back by another process (the worker), shown by the API.
 *
 * Two expiries, never mixed (Teleport issues 14040 and 32226): `decideBy` is the REQUEST's (undecided by then, it
 * expires and nothing is granted); `grant.endsAt` is the GRANT's (the membership is removed then).
 */

/** Who decides one stage of the chain: the beneficiary's manager, the resource's owner, or a security officer. */
export const APPROVAL_STAGE_KINDS = ['manager', 'owner', 'security-officer'] as const;
export type ApprovalStageKind = (typeof APPROVAL_STAGE_KINDS)[number];

/**
 * A person as the directory knows them when the request was made (values copied then: the request says what was true
 * when it was decided). `key` is access-control's personKey (`<directory>:<canonical DN>`), what abilities compare.
 */
export interface PersonRef {
  key: string;
  directory: string;
  dn: string;
  login: string | null;
  /** Display name: personal data (erasure pseudonymises it). */
  name: string | null;
  mail: string | null;
  employeeId: string | null;
}

/** What a request is for: a resource of the policy at one level, or a group the policy marks requestable. */
export interface RequestedResource {
  /** The policy resource id, or `group:<name>` for a requestable group. */
  id: string;
  name: string;
  /** share, printer, workstation, workstation-group, or `group`. */
  type: string;
  criticality: 'low' | 'medium' | 'high' | 'critical';
  /** The target group is privileged (built-in AD admin groups, the policy's privilegedGroups): the chain ends with the security officer. */
  privileged: boolean;
  /** The owner's employee id, as the policy names it. */
  owner: string | null;
}

/** The directory group whose membership gives the level asked for, and the beneficiary's account that becomes a member. */
export interface RequestTarget {
  directory: string;
  groupDn: string;
  memberDn: string;
}

export type StageOutcome = 'approved' | 'rejected';

export interface StageDecision {
  outcome: StageOutcome;
  /** Who decided (a person; the command line's operator acting as a named person). */
  by: PersonRef;
  /** The person key of the approver a deputy acted for (delegation), else null. */
  onBehalfOf: string | null;
  at: Date;
  /** Every decision carries one (at least 3 characters). */
  comment: string;
}

export interface ApprovalStage {
  kind: ApprovalStageKind;
  /**
   * Person keys of who may decide this stage: the beneficiary's manager, the owner's accounts. Empty for
   * `security-officer` (anyone holding that role, checked by ability at decision time).
   */
  approvers: string[];
  decision: StageDecision | null;
  /** When the stage became the current one: reminders, escalation and the request's expiry count from here. */
  openedAt: Date | null;
  remindedAt: Date | null;
  /** When it was escalated to the security officer for waiting too long. */
  escalatedAt: Date | null;
  /**
   * Why the stage is not what the chain names, when it is not: a manager or owner stage whose approvers could not be
   * found (or are the requester) is decided by the security officer instead, never skipped. Absent otherwise.
   */
  note?: string;
}

/**
 * pending: some stage is undecided; approved: every stage approved (see grant); rejected: a stage rejected it;
 * expired: undecided by decideBy; cancelled: withdrawn by the requester before the end of the chain.
 */
export const REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'expired', 'cancelled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/**
 * provisioning: approved, the membership not yet confirmed by a read-back; active: confirmed in the directory;
 * removing: its end (expiry or revocation) decided, the removal not yet confirmed; ended: removed (or left alone when
 * it was granted outside Vigie); failed: a write the job queue gave up on (kept with its error for an administrator).
 */
export const GRANT_STATUSES = ['provisioning', 'active', 'removing', 'ended', 'failed'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

export interface Grant {
  status: GrantStatus;
  /** The configured directory, the group and the member the provisioning writes. */
  directory: string;
  groupDn: string;
  memberDn: string;
  /** Length of the grant in days from its start; null: permanent (only where the policy allows it). */
  durationDays: number | null;
  /** When the read-back confirmed the membership. */
  startsAt: Date | null;
  /** The GRANT's expiry: startsAt + durationDays; null when permanent. */
  endsAt: Date | null;
  /** added: Vigie made the membership; already: it was there before (granted outside Vigie): its end leaves it alone. */
  provisioned: 'added' | 'already' | null;
  endReason: 'expired' | 'revoked' | null;
  /** Who revoked it (person key, or `system:<id>`) and why. */
  revokedBy: string | null;
  revokeReason: string | null;
  endedAt: Date | null;
  /** The last write error (message only, never a password), while retrying or once failed. */
  lastError: string | null;
}

export interface AccessRequest {
  /** A UUID. */
  id: string;
  requester: PersonRef;
  beneficiary: PersonRef;
  /** Person key of the beneficiary's manager (the directory's manager attribute) when the request was made. */
  beneficiaryManager: string | null;
  resource: RequestedResource;
  /** Person keys of the owner's accounts (the accounts carrying the owner's employee id). */
  resourceOwners: string[];
  /** An access level of the policy (read, write, admin, local-admin), or `member` for a requestable group. */
  level: string;
  /** The membership an approval grants, known from the request on: its grant is made of it when the last stage approves. */
  target: RequestTarget;
  justification: string;
  /** Asked length of the grant in days; null: permanent. */
  durationDays: number | null;
  /**
   * Set when the policy's rules do not allow this access for the beneficiary and the policy lets such exceptions go
   * to the security officer: the reason, shown to every approver. Null when the policy allows it.
   */
  policyWarning: string | null;
  /** The policy version the request was checked against. */
  policyVersion: string;
  status: RequestStatus;
  stages: ApprovalStage[];
  /** Index in stages of the stage waiting for a decision; null once the request is no longer pending. */
  currentStage: number | null;
  createdAt: Date;
  /** The REQUEST's expiry: undecided by then, it expires. Not the grant's end (grant.endsAt). */
  decideBy: Date;
  /** When it left pending (approved, rejected, expired, cancelled). */
  closedAt: Date | null;
  /** Set when the last stage approves: the membership to provision. */
  grant: Grant | null;
  /** Optimistic version: each update writes version + 1. */
  version: number;
}

/** A deputy deciding for an approver for a period (holidays). */
export interface Delegation {
  id: string;
  /** Person key of the approver who delegates. */
  delegator: string;
  deputy: PersonRef;
  from: Date;
  until: Date;
  createdBy: string;
  createdAt: Date;
  /** Ended early (by the delegator or an administrator). */
  revokedAt: Date | null;
}

/**
 * A membership an approved, unexpired request stands behind (G-PRIV-CHANGE stays silent on it): the member's DN and
 * the group's DN, as the directory spells them, and the grant's window.
 */
export interface ApprovedMembership {
  requestId: string;
  directory: string;
  groupDn: string;
  memberDn: string;
  approvedAt: Date;
  /** The grant's end; null when permanent. */
  endsAt: Date | null;
}

/** One thing a person may ask for, as the catalogue shows it for one beneficiary. */
export interface CatalogueEntry {
  resource: RequestedResource;
  level: string;
  /** What the level gives, in plain words ("read the files of \\fs01\Finance"). */
  meaning: string;
  /** Whether the policy's access rules allow it for this beneficiary, and the rule (or its absence) that says so. */
  allowedByPolicy: boolean;
  policyReason: string;
  /** Not allowed, but the policy sends such requests to the security officer as exceptions (else they are refused). */
  exception: boolean;
  /** Who will decide, in order. */
  chain: ApprovalStageKind[];
  /** The longest grant, the length asked by default (null: permanent by default), and whether permanent may be asked. */
  maxDays: number;
  defaultDays: number | null;
  permanentAllowed: boolean;
  /** The beneficiary already reaches this level (directly, nested or by primary group). */
  alreadyHeld: boolean;
  /** The id of a pending or granted request of the beneficiary for it, if any. */
  openRequest: string | null;
}
