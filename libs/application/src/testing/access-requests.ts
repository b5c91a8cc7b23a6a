import { randomUUID } from 'node:crypto';
import { personKey } from '#vigie/access-control';
import type { AccessRequest, ApprovalStage, ApprovalStageKind, Delegation, PersonRef } from '#vigie/requests';

/** A person of the company fixture (`uid=<login>,ou=people,dc=acme,dc=test`), as a request names them; aPersonActor's twin. */
export function aPersonRef(login: string, directory = 'corp'): PersonRef {
  const dn = `uid=${login},ou=people,dc=acme,dc=test`;
  return { key: personKey({ directory, dn }), directory, dn, login, name: login, mail: `${login}@acme.test`, employeeId: `E-${login}` };
}

export function aStage(kind: ApprovalStageKind, approvers: PersonRef[] = [], openedAt: Date | null = null): ApprovalStage {
  return { kind, approvers: approvers.map((a) => a.key), decision: null, openedAt, remindedAt: null, escalatedAt: null };
}

/**
 * A pending request of `requester` for themselves on group Finance (manager stage open since createdAt, then the
 * stages given): override what a scenario needs.
 */
export function anAccessRequest(more: Partial<AccessRequest> & { stages?: ApprovalStage[] } = {}): AccessRequest {
  const createdAt = more.createdAt ?? new Date('2026-12-01T09:00:00Z');
  const requester = more.requester ?? aPersonRef('erin');
  const beneficiary = more.beneficiary ?? requester;
  const manager = aPersonRef('mark');
  const owner = aPersonRef('olga');
  const stages = more.stages ?? [aStage('manager', [manager], createdAt), aStage('owner', [owner])];
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
    currentStage: 0,
    createdAt,
    decideBy: new Date(createdAt.getTime() + 14 * 86_400_000),
    closedAt: null,
    grant: null,
    version: 1,
    ...more,
    stages,
  };
}

export function aDelegation(delegator: PersonRef, deputy: PersonRef, from: Date, until: Date): Delegation {
  return { id: randomUUID(), delegator: delegator.key, deputy, from, until, createdBy: delegator.key, createdAt: from, revokedAt: null };
}
