import { VigieError } from '#vigie/common';
import type { AccessRequest, ApprovedMembership, Delegation } from '../access-request.model.js';
import { type AccessRequestPage, type AccessRequestQuery, AccessRequestStore, type PendingDue } from '../ports/access-request.store.js';

/** Pending, or approved with a grant that stands (the real store's OPEN_REQUEST). */
function isOpen(r: AccessRequest): boolean {
  return r.status === 'pending' || (r.status === 'approved' && ['provisioning', 'active', 'removing'].includes(r.grant?.status ?? ''));
}

/** What a transaction has written and not committed yet. */
interface Writes {
  requests: Map<string, AccessRequest>;
  delegations: Map<string, Delegation>;
}

/**
 * Access requests and delegations in memory, for specs: what the real store answers (optimistic version, filters of
 * `list` newest first without cursors), what is committed (`rows`, `delegations`), and a transaction's view of it
 * (`inTransaction`) whose writes become visible on commit only, as a rolled-back transaction's do not. No lock:
 * getForUpdate is get, and names the row in `locked`.
 */
export class InMemoryAccessRequestStore extends AccessRequestStore {
  readonly rows = new Map<string, AccessRequest>();
  readonly delegations = new Map<string, Delegation>();
  readonly locked: string[] = [];
  private writes?: Writes;

  constructor(...initial: AccessRequest[]) {
    super();
    for (const r of initial) this.rows.set(r.id, structuredClone(r));
  }

  /** A transaction on these rows: its store, and what makes its writes visible. */
  inTransaction(): { store: AccessRequestStore; commit(): void } {
    const view = Object.create(this) as InMemoryAccessRequestStore;
    const writes: Writes = { requests: new Map(), delegations: new Map() };
    view.writes = writes;
    return {
      store: view,
      commit: () => {
        writes.requests.forEach((r, id) => this.rows.set(id, r));
        writes.delegations.forEach((d, id) => this.delegations.set(id, d));
      },
    };
  }

  /** As the real store's unique index: a second open request for the same access is a 'conflict' naming the first. */
  async insert(request: AccessRequest): Promise<void> {
    if (this.read(request.id)) throw new VigieError('conflict', `request ${request.id} exists`);
    const open = isOpen(request) ? await this.openFor(request.beneficiary.key, request.resource.id, request.level) : null;
    if (open) {
      throw new VigieError(
        'conflict',
        `an open request for this access exists: request ${open.id} (${open.status}) for ${request.level} on ${request.resource.name}`,
      );
    }
    this.write(request);
  }

  async get(id: string): Promise<AccessRequest | null> {
    const found = this.read(id);
    return found ? structuredClone(found) : null;
  }

  getForUpdate(id: string): Promise<AccessRequest | null> {
    this.locked.push(id);
    return this.get(id);
  }

  async update(request: AccessRequest): Promise<AccessRequest> {
    const stored = this.read(request.id);
    if (!stored || stored.version !== request.version) throw new VigieError('conflict', `request ${request.id} changed since it was read`);
    const next = { ...request, version: request.version + 1 };
    this.write(next);
    return structuredClone(next);
  }

  async list(q: AccessRequestQuery): Promise<AccessRequestPage> {
    const involves = (r: AccessRequest, keys: string[]) =>
      keys.some((k) => r.requester.key === k || r.beneficiary.key === k || r.beneficiaryManager === k || r.resourceOwners.includes(k));
    const awaits = (r: AccessRequest, a: NonNullable<AccessRequestQuery['awaitingDecisionBy']>) => {
      const stage = r.status === 'pending' && r.currentStage !== null ? r.stages[r.currentStage] : undefined;
      return !!stage && (stage.approvers.some((k) => a.keys.includes(k)) || (a.securityOfficer && stage.kind === 'security-officer'));
    };
    const items = this.all()
      .filter((r) => !q.visibleTo || involves(r, q.visibleTo))
      .filter((r) => !q.awaitingDecisionBy || awaits(r, q.awaitingDecisionBy))
      .filter((r) => !q.madeByOrFor || r.requester.key === q.madeByOrFor || r.beneficiary.key === q.madeByOrFor)
      .filter((r) => !q.requester || r.requester.key === q.requester)
      .filter((r) => !q.beneficiary || r.beneficiary.key === q.beneficiary)
      .filter((r) => !q.status?.length || q.status.includes(r.status))
      .filter((r) => !q.resourceId || r.resource.id === q.resourceId)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    return { items: items.slice(0, q.limit), nextCursor: null };
  }

  async openFor(beneficiaryKey: string, resourceId: string, level: string): Promise<AccessRequest | null> {
    return this.all().find((r) => r.beneficiary.key === beneficiaryKey && r.resource.id === resourceId && r.level === level && isOpen(r)) ?? null;
  }

  async pendingDue(due: PendingDue, limit: number): Promise<AccessRequest[]> {
    return this.all()
      .filter((r) => {
        if (r.status !== 'pending') return false;
        if (r.decideBy <= due.now) return true;
        const stage = r.currentStage === null ? undefined : r.stages[r.currentStage];
        if (!stage?.openedAt) return false;
        return (!stage.remindedAt && stage.openedAt <= due.remindOpenedBefore) || (!stage.escalatedAt && stage.openedAt <= due.escalateOpenedBefore);
      })
      .sort((a, b) => a.decideBy.getTime() - b.decideBy.getTime())
      .slice(0, limit);
  }

  async grantsEnded(now: Date, limit: number): Promise<AccessRequest[]> {
    return this.all()
      .filter((r) => r.grant?.status === 'active' && r.grant.endsAt !== null && r.grant.endsAt <= now)
      .slice(0, limit);
  }

  async approvedMemberships(since: Date): Promise<ApprovedMembership[]> {
    return this.all().flatMap((r) => {
      const g = r.grant;
      if (r.status !== 'approved' || !g) return [];
      const until = g.endedAt ?? g.endsAt;
      if (until && until < since) return [];
      return [{ requestId: r.id, directory: g.directory, groupDn: g.groupDn, memberDn: g.memberDn, approvedAt: r.closedAt ?? r.createdAt, endsAt: until }];
    });
  }

  async insertDelegation(delegation: Delegation): Promise<void> {
    (this.writes?.delegations ?? this.delegations).set(delegation.id, structuredClone(delegation));
  }

  async delegationsTo(deputyKey: string, at: Date): Promise<Delegation[]> {
    return this.allDelegations().filter((d) => d.deputy.key === deputyKey && !d.revokedAt && d.from <= at && d.until > at);
  }

  async delegationsFrom(delegatorKey: string, at: Date): Promise<Delegation[]> {
    return this.allDelegations().filter((d) => d.delegator === delegatorKey && !d.revokedAt && d.until > at);
  }

  async revokeDelegation(id: string, at: Date): Promise<Delegation | null> {
    const found = this.allDelegations().find((d) => d.id === id && !d.revokedAt);
    if (!found) return null;
    const revoked = { ...found, revokedAt: at };
    await this.insertDelegation(revoked);
    return structuredClone(revoked);
  }

  private read(id: string): AccessRequest | undefined {
    return this.writes?.requests.get(id) ?? this.rows.get(id);
  }

  private write(request: AccessRequest): void {
    (this.writes?.requests ?? this.rows).set(request.id, structuredClone(request));
  }

  private all(): AccessRequest[] {
    const merged = new Map(this.rows);
    this.writes?.requests.forEach((r, id) => merged.set(id, r));
    return [...merged.values()].map((r) => structuredClone(r));
  }

  private allDelegations(): Delegation[] {
    const merged = new Map(this.delegations);
    this.writes?.delegations.forEach((d, id) => merged.set(id, d));
    return [...merged.values()].map((d) => structuredClone(d));
  }
}
