import { VigieError } from '#vigie/common';
import type { AccessRequest, ApprovedMembership, Delegation } from '../access-request.model.js';
import { type AccessRequestPage, type AccessRequestQuery, AccessRequestStore } from '../ports/access-request.store.js';

/**
 * Access requests in memory, for specs: what is committed (`rows`), and a transaction's view of it (`inTransaction`)
 * whose writes become visible on commit only, as a rolled-back transaction's do not. No lock: getForUpdate is get.
 */
export class InMemoryAccessRequestStore extends AccessRequestStore {
  constructor(
    readonly rows = new Map<string, AccessRequest>(),
    private readonly pending?: Map<string, AccessRequest>,
  ) {
    super();
  }

  /** A transaction on these rows: its store, and what makes its writes visible. */
  inTransaction(): { store: InMemoryAccessRequestStore; commit(): void } {
    const writes = new Map<string, AccessRequest>();
    return { store: new InMemoryAccessRequestStore(this.rows, writes), commit: () => writes.forEach((r, id) => this.rows.set(id, r)) };
  }

  private read(id: string): AccessRequest | undefined {
    return this.pending?.get(id) ?? this.rows.get(id);
  }

  private write(request: AccessRequest): void {
    (this.pending ?? this.rows).set(request.id, structuredClone(request));
  }

  async insert(request: AccessRequest): Promise<void> {
    if (this.read(request.id)) throw new VigieError('conflict', `request ${request.id} exists`);
    this.write(request);
  }

  async get(id: string): Promise<AccessRequest | null> {
    const found = this.read(id);
    return found ? structuredClone(found) : null;
  }

  getForUpdate(id: string): Promise<AccessRequest | null> {
    return this.get(id);
  }

  async update(request: AccessRequest): Promise<AccessRequest> {
    const stored = this.read(request.id);
    if (!stored || stored.version !== request.version) throw new VigieError('conflict', `request ${request.id} changed since it was read`);
    const next = { ...request, version: request.version + 1 };
    this.write(next);
    return structuredClone(next);
  }

  async list(query: AccessRequestQuery): Promise<AccessRequestPage> {
    const items = this.all()
      .filter((r) => !query.status || query.status.includes(r.status))
      .slice(0, query.limit);
    return { items, nextCursor: null };
  }

  async openFor(beneficiaryKey: string, resourceId: string, level: string): Promise<AccessRequest | null> {
    const open = (r: AccessRequest) => r.status === 'pending' || (r.status === 'approved' && r.grant?.status !== 'ended');
    return this.all().find((r) => r.beneficiary.key === beneficiaryKey && r.resource.id === resourceId && r.level === level && open(r)) ?? null;
  }

  async pendingDue(now: Date, openedBefore: Date, limit: number): Promise<AccessRequest[]> {
    return this.all()
      .filter((r) => {
        if (r.status !== 'pending') return false;
        const opened = r.currentStage === null ? null : r.stages[r.currentStage]?.openedAt;
        return r.decideBy <= now || (!!opened && opened < openedBefore);
      })
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

  async insertDelegation(_delegation: Delegation): Promise<void> {
    throw new Error('not kept by this fake');
  }

  async delegationsTo(): Promise<Delegation[]> {
    return [];
  }

  async delegationsFrom(): Promise<Delegation[]> {
    return [];
  }

  async revokeDelegation(): Promise<Delegation | null> {
    return null;
  }

  private all(): AccessRequest[] {
    const merged = new Map(this.rows);
    this.pending?.forEach((r, id) => merged.set(id, r));
    return [...merged.values()].map((r) => structuredClone(r));
  }
}
