import { randomUUID } from 'node:crypto';
import { personKey } from '#vigie/access-control';
import { VigieError } from '#vigie/common';
import type {
  AccessRequest,
  AccessRequestPage,
  AccessRequestQuery,
  AccessRequestStore,
  ApprovalStage,
  ApprovalStageKind,
  ApprovedMembership,
  Delegation,
  PersonRef,
} from '#vigie/requests';

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

/**
 * The access request store in memory, for use cases' specs: what the real store answers for the calls they make
 * (optimistic version included); `list` filters as the query says, newest first, without cursors.
 */
export class InMemoryAccessRequestStore implements AccessRequestStore {
  readonly requests = new Map<string, AccessRequest>();
  readonly delegations: Delegation[] = [];
  readonly locked: string[] = [];

  constructor(...initial: AccessRequest[]) {
    for (const r of initial) this.requests.set(r.id, structuredClone(r));
  }

  async insert(request: AccessRequest): Promise<void> {
    this.requests.set(request.id, structuredClone(request));
  }

  async get(id: string): Promise<AccessRequest | null> {
    const r = this.requests.get(id);
    return r ? structuredClone(r) : null;
  }

  async getForUpdate(id: string): Promise<AccessRequest | null> {
    this.locked.push(id);
    return this.get(id);
  }

  async update(request: AccessRequest): Promise<AccessRequest> {
    const stored = this.requests.get(request.id);
    if (!stored) throw new VigieError('not-found', `no access request has the id ${request.id}`);
    if (stored.version !== request.version) throw new VigieError('conflict', `the access request ${request.id} changed`);
    const saved = { ...structuredClone(request), version: request.version + 1 };
    this.requests.set(request.id, saved);
    return structuredClone(saved);
  }

  async list(q: AccessRequestQuery): Promise<AccessRequestPage> {
    const involves = (r: AccessRequest, keys: string[]) =>
      keys.some((k) => r.requester.key === k || r.beneficiary.key === k || r.beneficiaryManager === k || r.resourceOwners.includes(k));
    const awaits = (r: AccessRequest, a: NonNullable<AccessRequestQuery['awaitingDecisionBy']>) => {
      const stage = r.status === 'pending' && r.currentStage !== null ? r.stages[r.currentStage] : undefined;
      return !!stage && (stage.approvers.some((k) => a.keys.includes(k)) || (a.securityOfficer && stage.kind === 'security-officer'));
    };
    const items = [...this.requests.values()]
      .filter((r) => !q.visibleTo || involves(r, q.visibleTo))
      .filter((r) => !q.awaitingDecisionBy || awaits(r, q.awaitingDecisionBy))
      .filter((r) => !q.madeByOrFor || r.requester.key === q.madeByOrFor || r.beneficiary.key === q.madeByOrFor)
      .filter((r) => !q.status?.length || q.status.includes(r.status))
      .filter((r) => !q.resourceId || r.resource.id === q.resourceId)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    return { items: items.slice(0, q.limit).map((r) => structuredClone(r)), nextCursor: null };
  }

  async openFor(): Promise<AccessRequest | null> {
    throw new Error('not used by these specs');
  }

  async pendingDue(): Promise<AccessRequest[]> {
    throw new Error('not used by these specs');
  }

  async grantsEnded(): Promise<AccessRequest[]> {
    throw new Error('not used by these specs');
  }

  async approvedMemberships(): Promise<ApprovedMembership[]> {
    throw new Error('not used by these specs');
  }

  async insertDelegation(d: Delegation): Promise<void> {
    this.delegations.push(structuredClone(d));
  }

  async delegationsTo(deputyKey: string, at: Date): Promise<Delegation[]> {
    return this.delegations.filter((d) => d.deputy.key === deputyKey && !d.revokedAt && d.from <= at && d.until > at);
  }

  async delegationsFrom(delegatorKey: string, at: Date): Promise<Delegation[]> {
    return this.delegations.filter((d) => d.delegator === delegatorKey && !d.revokedAt && d.until > at);
  }

  async revokeDelegation(): Promise<Delegation | null> {
    throw new Error('not used by these specs');
  }
}
