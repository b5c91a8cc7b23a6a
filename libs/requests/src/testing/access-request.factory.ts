import type { AccessRequest, Grant, PersonRef } from '../access-request.model.js';

/** A person of the company fixture (`uid=<login>,ou=people,dc=acme,dc=test` in `corp`), as a request names them. */
export function aPerson(login: string, directory = 'corp', dn = `uid=${login},ou=people,dc=acme,dc=test`): PersonRef {
  return { key: `${directory}:${dn.toLowerCase()}`, directory, dn, login, name: login, mail: `${login}@acme.test`, employeeId: null };
}

/** A pending request of `bob` for the finance share, made at `createdAt`, its manager stage open since then. */
export function aPendingRequest(more: Partial<AccessRequest> = {}): AccessRequest {
  const createdAt = more.createdAt ?? new Date('2026-12-01T09:00:00Z');
  const bob = aPerson('bob');
  return {
    id: '0b7c4f6e-1d2a-4c3b-9e8f-000000000001',
    requester: bob,
    beneficiary: bob,
    beneficiaryManager: aPerson('carol').key,
    resource: { id: 'share-finance', name: 'Finance share', type: 'share', criticality: 'high', privileged: false, owner: 'E100' },
    resourceOwners: [aPerson('olivia').key],
    level: 'write',
    target: { directory: 'corp', groupDn: 'cn=finance-rw,ou=groups,dc=acme,dc=test', memberDn: bob.dn },
    justification: 'quarter closing',
    durationDays: 30,
    policyWarning: null,
    policyVersion: 'v1',
    status: 'pending',
    stages: [
      { kind: 'manager', approvers: [aPerson('carol').key], decision: null, openedAt: createdAt, remindedAt: null, escalatedAt: null },
      { kind: 'owner', approvers: [aPerson('olivia').key], decision: null, openedAt: null, remindedAt: null, escalatedAt: null },
    ],
    currentStage: 0,
    createdAt,
    decideBy: new Date(createdAt.getTime() + 14 * 86_400_000),
    closedAt: null,
    grant: null,
    version: 1,
    ...more,
  };
}

/** The same request approved at `approvedAt`, its grant in `grant.status` (provisioning by default). */
export function anApprovedRequest(grant: Partial<Grant> = {}, more: Partial<AccessRequest> = {}): AccessRequest {
  const pending = aPendingRequest(more);
  const approvedAt = more.closedAt ?? new Date('2026-12-02T09:00:00Z');
  const by = aPerson('carol');
  return {
    ...pending,
    status: 'approved',
    currentStage: null,
    closedAt: approvedAt,
    stages: pending.stages.map((s, i) => ({
      ...s,
      openedAt: s.openedAt ?? approvedAt,
      decision: { outcome: 'approved', by: i === 0 ? by : aPerson('olivia'), onBehalfOf: null, at: approvedAt, comment: 'ok for the quarter' },
    })),
    grant: {
      status: 'provisioning',
      directory: 'corp',
      groupDn: 'cn=finance-rw,ou=groups,dc=acme,dc=test',
      memberDn: pending.beneficiary.dn,
      durationDays: pending.durationDays,
      startsAt: null,
      endsAt: null,
      provisioned: null,
      endReason: null,
      revokedBy: null,
      revokeReason: null,
      endedAt: null,
      lastError: null,
      ...grant,
    },
    ...more,
  };
}
