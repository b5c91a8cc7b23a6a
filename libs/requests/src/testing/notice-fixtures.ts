import type { AccessRequest, ApprovalStage, ApprovalStageKind, Grant, PersonRef } from '../access-request.model.js';

/** A person of the company fixture (`uid=<login>,ou=people,dc=acme,dc=test` in `corp`), with a mail unless told. */
export function aPersonRef(login: string, more: Partial<PersonRef> = {}): PersonRef {
  const dn = `uid=${login},ou=people,dc=acme,dc=test`;
  return { key: `corp:${dn}`, directory: 'corp', dn, login, name: null, mail: `${login}@acme.test`, employeeId: null, ...more };
}

export function aStage(kind: ApprovalStageKind, approvers: string[], more: Partial<ApprovalStage> = {}): ApprovalStage {
  return { kind, approvers, decision: null, openedAt: null, remindedAt: null, escalatedAt: null, ...more };
}

/** A grant being provisioned for the request's beneficiary in the finance group. */
export function aGrant(more: Partial<Grant> = {}): Grant {
  return {
    status: 'provisioning',
    directory: 'corp',
    groupDn: 'cn=finance-share-rw,ou=groups,dc=acme,dc=test',
    memberDn: 'uid=bmartin,ou=people,dc=acme,dc=test',
    durationDays: 30,
    startsAt: null,
    endsAt: null,
    provisioned: null,
    endReason: null,
    revokedBy: null,
    revokeReason: null,
    endedAt: null,
    lastError: null,
    ...more,
  };
}

/**
 * A pending request of jdupont for bmartin: write on the finance share (high), decided by bmartin's manager (cdurand),
 * then the owner (edubois); its first stage opened on 7 December 2026, to be decided by the 21st, for 30 days.
 */
export function anAccessRequest(more: Partial<AccessRequest> = {}): AccessRequest {
  const opened = new Date('2026-12-07T09:00:00Z');
  // The membership asked for (AccessRequest.target, added by the persistence work of issue 16): spread, so that this
  // factory compiles with and without the field.
  const target = { directory: 'corp', groupDn: 'cn=finance-share-rw,ou=groups,dc=acme,dc=test', memberDn: 'uid=bmartin,ou=people,dc=acme,dc=test' };
  return {
    ...{ target },
    id: '3b2f7a4e-5c1d-4e8f-9a0b-1c2d3e4f5a6b',
    requester: aPersonRef('jdupont', { name: 'Jeanne Dupont' }),
    beneficiary: aPersonRef('bmartin', { name: 'Bruno Martin' }),
    beneficiaryManager: aPersonRef('cdurand').key,
    resource: { id: 'share-finance', name: 'Finance share', type: 'share', criticality: 'high', privileged: false, owner: 'E042' },
    resourceOwners: [aPersonRef('edubois').key],
    level: 'write',
    justification: 'Closing the 2026 accounts with the finance team',
    durationDays: 30,
    policyWarning: null,
    policyVersion: 'a1b2c3d4e5f6a7b8',
    status: 'pending',
    stages: [aStage('manager', [aPersonRef('cdurand').key], { openedAt: opened }), aStage('owner', [aPersonRef('edubois').key])],
    currentStage: 0,
    createdAt: opened,
    decideBy: new Date('2026-12-21T09:00:00Z'),
    closedAt: null,
    grant: null,
    version: 1,
    ...more,
  };
}
