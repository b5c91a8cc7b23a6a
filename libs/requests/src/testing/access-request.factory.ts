import { randomUUID } from 'node:crypto';
import type { AccessRequest, ApprovalStage, ApprovalStageKind, Delegation, Grant, PersonRef } from '../access-request.model.js';
import { grantOf } from '../request-decisions.js';

/**
 * A person of the company fixture (`uid=<login>,ou=people,dc=acme,dc=test` in `corp` unless `more.directory` says
 * otherwise), as a request names them: the key is access-control's personKey (`<directory>:<lower-cased DN>`), the
 * twin of application's aPersonActor.
 */
export function aPersonRef(login: string, more: Partial<PersonRef> = {}): PersonRef {
  const directory = more.directory ?? 'corp';
  const dn = more.dn ?? `uid=${login},ou=people,dc=acme,dc=test`;
  return { key: `${directory}:${dn.toLowerCase()}`, directory, dn, login, name: login, mail: `${login}@acme.test`, employeeId: `E-${login}`, ...more };
}

/** A stage decided by these people (none: the security-officer role), open when `more.openedAt` says. */
export function aStage(kind: ApprovalStageKind, approvers: PersonRef[] = [], more: Partial<ApprovalStage> = {}): ApprovalStage {
  return { kind, approvers: approvers.map((a) => a.key), decision: null, openedAt: null, remindedAt: null, escalatedAt: null, ...more };
}

/**
 * A pending request of erin for herself (unless told) on the Finance group, write level (high criticality): her manager
 * mark decides first, its stage open since createdAt (1 December 2026 by default), then the owner olga; to be decided
 * within 14 days, for 30 days. Every call has its own id.
 */
export function anAccessRequest(more: Partial<AccessRequest> = {}): AccessRequest {
  const createdAt = more.createdAt ?? new Date('2026-12-01T09:00:00Z');
  const requester = more.requester ?? aPersonRef('erin');
  const beneficiary = more.beneficiary ?? requester;
  const manager = aPersonRef('mark');
  const owner = aPersonRef('olga');
  return {
    id: randomUUID(),
    requester,
    beneficiary,
    beneficiaryManager: manager.key,
    resource: { id: 'group:finance', name: 'Finance', type: 'group', criticality: 'high', privileged: false, owner: 'E-olga' },
    resourceOwners: [owner.key],
    level: 'member',
    target: { directory: beneficiary.directory, groupDn: 'cn=Finance,ou=groups,dc=acme,dc=test', memberDn: beneficiary.dn },
    justification: 'quarter-end closing',
    durationDays: 30,
    policyWarning: null,
    policyVersion: 'sha256:policy',
    status: 'pending',
    stages: [aStage('manager', [manager], { openedAt: createdAt }), aStage('owner', [owner])],
    currentStage: 0,
    createdAt,
    decideBy: new Date(createdAt.getTime() + 14 * 86_400_000),
    closedAt: null,
    grant: null,
    version: 1,
    ...more,
  };
}

/** The grant an approval gives the request (being provisioned), with what `more` says. */
export function aGrant(more: Partial<Grant> = {}, request: AccessRequest = anAccessRequest()): Grant {
  return { ...grantOf(request), ...more };
}

/** anAccessRequest approved by mark then olga at `more.closedAt` (2 December 2026), its grant as `grant` says. */
export function anApprovedRequest(grant: Partial<Grant> = {}, more: Partial<AccessRequest> = {}): AccessRequest {
  const pending = anAccessRequest(more);
  const approvedAt = more.closedAt ?? new Date('2026-12-02T09:00:00Z');
  const by = [aPersonRef('mark'), aPersonRef('olga')];
  return {
    ...pending,
    status: 'approved',
    currentStage: null,
    closedAt: approvedAt,
    stages: pending.stages.map((s, i) => ({
      ...s,
      openedAt: s.openedAt ?? approvedAt,
      decision: { outcome: 'approved', by: by[i] ?? by[1]!, onBehalfOf: null, at: approvedAt, comment: 'ok for the quarter' },
    })),
    grant: aGrant(grant, pending),
    ...more,
  };
}

export function aDelegation(delegator: PersonRef, deputy: PersonRef, from: Date, until: Date): Delegation {
  return { id: randomUUID(), delegator: delegator.key, deputy, from, until, createdBy: delegator.key, createdAt: from, revokedAt: null };
}
