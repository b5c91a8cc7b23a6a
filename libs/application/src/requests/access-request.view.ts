import type { AccessRequest, ApprovalStage, ApprovalStageKind, CatalogueEntry, Delegation, Grant, PersonRef } from '#vigie/requests';

/**
 * Access requests as the API answers them and `vigie request … --json` prints them: one shape for every tool, in JSON
 * (instants as ISO 8601 text). The two expiries have names that cannot be mixed up (Teleport issues 14040 and
 * 32226): `requestExpiresAt`, the REQUEST's (undecided by then, it expires and nothing is granted), and
 * `grant.endsAt`, the GRANT's (the membership is removed then; null: permanent).
 */
export interface PersonView {
  /** The person key abilities compare (`<directory>:<dn>`), as `approvers` list them. */
  key: string;
  directory: string;
  dn: string;
  login: string | null;
  name: string | null;
}

export interface StageDecisionView {
  outcome: 'approved' | 'rejected';
  by: PersonView;
  onBehalfOf: string | null;
  at: string;
  comment: string;
}

export interface StageView {
  kind: ApprovalStageKind;
  approvers: string[];
  decision: StageDecisionView | null;
  openedAt: string | null;
  remindedAt: string | null;
  escalatedAt: string | null;
  /** Why the stage is not what the chain names (a manager or owner stage turned over to the security officer), else null. */
  note: string | null;
}

/** The stage waiting for a decision, and who may take it. */
export interface CurrentStageView {
  index: number;
  kind: ApprovalStageKind;
  /** Person keys of the stage's approvers (their deputies decide for them while a delegation runs). */
  approvers: string[];
  /** Anyone holding the security-officer role decides it (a security-officer stage). */
  securityOfficers: boolean;
  openedAt: string | null;
}

export interface GrantView {
  status: Grant['status'];
  directory: string;
  groupDn: string;
  memberDn: string;
  durationDays: number | null;
  startsAt: string | null;
  /** The GRANT's expiry; null: permanent (or not started yet when durationDays is set). */
  endsAt: string | null;
  provisioned: Grant['provisioned'];
  endReason: Grant['endReason'];
  revokedBy: string | null;
  revokeReason: string | null;
  endedAt: string | null;
  lastError: string | null;
}

export interface AccessRequestView {
  id: string;
  status: AccessRequest['status'];
  requester: PersonView;
  beneficiary: PersonView;
  resource: RequestedResourceView;
  level: string;
  /** The membership an approval grants: the group and the beneficiary's account, in one directory. */
  target: { directory: string; groupDn: string; memberDn: string };
  justification: string;
  /** The grant's length asked, in days from its start; null: permanent. */
  durationDays: number | null;
  policyWarning: string | null;
  policyVersion: string;
  createdAt: string;
  /** The REQUEST's expiry (decideBy): undecided by then, it expires. Not the grant's end. */
  requestExpiresAt: string;
  closedAt: string | null;
  currentStage: CurrentStageView | null;
  stages: StageView[];
  grant: GrantView | null;
  version: number;
}

export interface AccessRequestsPageView {
  requests: AccessRequestView[];
  nextCursor: string | null;
}

export interface DelegationView {
  id: string;
  delegator: string;
  deputy: PersonView;
  from: string;
  until: string;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface RequestedResourceView {
  id: string;
  name: string;
  type: string;
  criticality: AccessRequest['resource']['criticality'];
  privileged: boolean;
  owner: string | null;
}

export interface CatalogueEntryView {
  resource: RequestedResourceView;
  level: string;
  meaning: string;
  allowedByPolicy: boolean;
  policyReason: string;
  exception: boolean;
  chain: ApprovalStageKind[];
  maxDays: number;
  defaultDays: number | null;
  permanentAllowed: boolean;
  alreadyHeld: boolean;
  openRequest: string | null;
}

const iso = (d: Date): string => d.toISOString();
const isoOrNull = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** A person without their mail and employee id: who they are is enough to decide, and less personal data travels. */
export function personView(p: PersonRef): PersonView {
  return { key: p.key, directory: p.directory, dn: p.dn, login: p.login, name: p.name };
}

function stageView(s: ApprovalStage): StageView {
  return {
    kind: s.kind,
    approvers: [...s.approvers],
    decision: s.decision && {
      outcome: s.decision.outcome,
      by: personView(s.decision.by),
      onBehalfOf: s.decision.onBehalfOf,
      at: iso(s.decision.at),
      comment: s.decision.comment,
    },
    openedAt: isoOrNull(s.openedAt),
    remindedAt: isoOrNull(s.remindedAt),
    escalatedAt: isoOrNull(s.escalatedAt),
    note: s.note ?? null,
  };
}

function currentStageView(r: AccessRequest): CurrentStageView | null {
  // Only a pending request waits for someone; a stage index left on a closed one says nothing about who may act.
  const stage = r.status === 'pending' && r.currentStage !== null ? r.stages[r.currentStage] : undefined;
  if (!stage || r.currentStage === null) return null;
  return {
    index: r.currentStage,
    kind: stage.kind,
    approvers: [...stage.approvers],
    securityOfficers: stage.kind === 'security-officer',
    openedAt: isoOrNull(stage.openedAt),
  };
}

function grantView(g: Grant): GrantView {
  return {
    status: g.status,
    directory: g.directory,
    groupDn: g.groupDn,
    memberDn: g.memberDn,
    durationDays: g.durationDays,
    startsAt: isoOrNull(g.startsAt),
    endsAt: isoOrNull(g.endsAt),
    provisioned: g.provisioned,
    endReason: g.endReason,
    revokedBy: g.revokedBy,
    revokeReason: g.revokeReason,
    endedAt: isoOrNull(g.endedAt),
    lastError: g.lastError,
  };
}

export function accessRequestView(r: AccessRequest): AccessRequestView {
  return {
    id: r.id,
    status: r.status,
    requester: personView(r.requester),
    beneficiary: personView(r.beneficiary),
    resource: resourceView(r.resource),
    level: r.level,
    target: { directory: r.target.directory, groupDn: r.target.groupDn, memberDn: r.target.memberDn },
    justification: r.justification,
    durationDays: r.durationDays,
    policyWarning: r.policyWarning,
    policyVersion: r.policyVersion,
    createdAt: iso(r.createdAt),
    requestExpiresAt: iso(r.decideBy),
    closedAt: isoOrNull(r.closedAt),
    currentStage: currentStageView(r),
    stages: r.stages.map(stageView),
    grant: r.grant && grantView(r.grant),
    version: r.version,
  };
}

export function accessRequestsPageView(page: { items: AccessRequest[]; nextCursor: string | null }): AccessRequestsPageView {
  return { requests: page.items.map(accessRequestView), nextCursor: page.nextCursor };
}

// Field by field, here as for requests: a field the contract gains is shown once the API's schema documents it.
function resourceView(r: AccessRequest['resource']): RequestedResourceView {
  return { id: r.id, name: r.name, type: r.type, criticality: r.criticality, privileged: r.privileged, owner: r.owner };
}

export function catalogueEntryView(e: CatalogueEntry): CatalogueEntryView {
  return {
    resource: resourceView(e.resource),
    level: e.level,
    meaning: e.meaning,
    allowedByPolicy: e.allowedByPolicy,
    policyReason: e.policyReason,
    exception: e.exception,
    chain: [...e.chain],
    maxDays: e.maxDays,
    defaultDays: e.defaultDays,
    permanentAllowed: e.permanentAllowed,
    alreadyHeld: e.alreadyHeld,
    openRequest: e.openRequest,
  };
}

export function delegationView(d: Delegation): DelegationView {
  return {
    id: d.id,
    delegator: d.delegator,
    deputy: personView(d.deputy),
    from: iso(d.from),
    until: iso(d.until),
    createdBy: d.createdBy,
    createdAt: iso(d.createdAt),
    revokedAt: isoOrNull(d.revokedAt),
  };
}
