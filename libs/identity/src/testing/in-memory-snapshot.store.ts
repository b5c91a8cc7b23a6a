import type { MembershipChange, ObjectChange } from '../change.model.js';
import { type ObjectTable, type SnapshotCommit, SnapshotStore, type StoredObjectQuery, type StoredObjectRef } from '../ports/snapshot.store.js';
import type { AccountRecord, DirectoryObjectRecord, DirectorySnapshot, GroupRecord, MembershipRecord } from '../snapshot.model.js';
import type { SyncState } from '../sync-run.model.js';

type Row<T> = { record: T; fingerprint: string; membersFingerprint?: string };

/**
 * A SnapshotStore in memory, for the unit specs of the sync logic (integration tests use the real
 * PostgreSQL store). One directory; commit applies a delta the way the SQL store does.
 */
export class InMemorySnapshotStore extends SnapshotStore {
  readonly accounts = new Map<string, Row<AccountRecord>>();
  readonly groups = new Map<string, Row<GroupRecord>>();
  readonly objects = new Map<string, Row<DirectoryObjectRecord>>();
  rows: MembershipRecord[] = [];
  readonly commits: SnapshotCommit[] = [];
  state: SyncState | null = null;

  get lastChanges(): ObjectChange[] {
    return this.commits.at(-1)?.changes ?? [];
  }

  get lastMembershipChanges(): MembershipChange[] {
    return this.commits.at(-1)?.membershipChanges ?? [];
  }

  async load(): Promise<DirectorySnapshot[]> {
    return [
      {
        directory: 'corp',
        syncRunId: this.state?.lastRunId ?? null,
        syncedAt: null,
        accounts: [...this.accounts.values()].map((r) => r.record),
        groups: [...this.groups.values()].map((r) => r.record),
        objects: [...this.objects.values()].map((r) => r.record),
        memberships: [...this.rows],
      },
    ];
  }

  async index(): Promise<StoredObjectRef[]> {
    return [
      ...[...this.accounts.values()].map((r) => ({ ...ref('account', r.record.kind, r), name: r.record.login })),
      ...[...this.groups.values()].map((r) => ({ ...ref('group', 'group', r), name: r.record.name, membersFingerprint: r.membersFingerprint ?? null })),
      ...[...this.objects.values()].map((r) => ({ ...ref('object', r.record.kind, r), name: r.record.name })),
    ];
  }

  async find(_: string, query: StoredObjectQuery): Promise<StoredObjectRef[]> {
    const guids = new Set(query.guids ?? []);
    const dns = new Set(query.dnNorms ?? []);
    const logins = new Set(query.logins ?? []);
    const under = query.under ?? [];
    const accounts = new Map([...this.accounts.values()].map((r) => [r.record.dnNorm, r.record.login?.toLowerCase()]));
    return (await this.index()).filter(
      (ref) =>
        (ref.objectGuid !== null && guids.has(ref.objectGuid)) ||
        dns.has(ref.dnNorm) ||
        (ref.table === 'account' && logins.has(accounts.get(ref.dnNorm) ?? '\u0000')) ||
        under.some((dn) => ref.dnNorm.endsWith(`,${dn}`)),
    );
  }

  async records(_: string, dnNorms: Record<ObjectTable, string[]>) {
    const pick = <T>(map: Map<string, Row<T>>, keys: string[]) => keys.flatMap((k) => (map.has(k) ? [structuredClone(map.get(k)!.record)] : []));
    return { accounts: pick(this.accounts, dnNorms.account), groups: pick(this.groups, dnNorms.group), objects: pick(this.objects, dnNorms.object) };
  }

  async memberships(_: string, query: { groups?: string[]; members?: string[] }): Promise<MembershipRecord[]> {
    const groups = new Set(query.groups ?? []);
    const members = new Set(query.members ?? []);
    return this.rows.filter((m) => groups.has(m.groupDnNorm) || members.has(m.memberDnNorm)).map((m) => ({ ...m }));
  }

  async dnReferences(): Promise<Array<{ holderDnNorm: string; holderGuid: string | null; value: string }>> {
    const out: Array<{ holderDnNorm: string; holderGuid: string | null; value: string }> = [];
    const add = (r: { dnNorm: string; objectGuid: string | null }, value: string | null) =>
      value && out.push({ holderDnNorm: r.dnNorm, holderGuid: r.objectGuid, value });
    for (const { record } of this.accounts.values()) add(record, record.managerDn);
    for (const { record } of this.groups.values()) add(record, record.managedBy);
    for (const { record } of this.objects.values()) add(record, record.managedBy);
    return out;
  }

  async counts() {
    return { accounts: this.accounts.size, groups: this.groups.size, objects: this.objects.size, memberships: this.rows.length };
  }

  async commit(c: SnapshotCommit): Promise<void> {
    for (const dn of c.deleted.account) this.accounts.delete(dn);
    for (const dn of c.deleted.group) this.groups.delete(dn);
    for (const dn of c.deleted.object) this.objects.delete(dn);
    const cleared = new Set(c.memberships.clearedGroups);
    const removed = new Set(c.memberships.removed.map(pairKey));
    this.rows = this.rows.filter((m) => !cleared.has(m.groupDnNorm) && !removed.has(pairKey(m)));
    const present = new Set(this.rows.map(pairKey));
    for (const m of c.memberships.added) {
      if (present.has(pairKey(m))) continue;
      present.add(pairKey(m));
      this.rows.push({ ...m });
    }
    const put = <T extends { dnNorm: string }>(map: Map<string, Row<T>>, rows: Array<Row<T>>) => {
      for (const row of rows) {
        if (map.has(row.record.dnNorm)) throw new Error(`duplicate key ${row.record.dnNorm}: the delta forgot to delete the previous row`);
        map.set(row.record.dnNorm, structuredClone(row));
      }
    };
    put(this.accounts, c.written.accounts);
    put(this.groups, c.written.groups);
    put(this.objects, c.written.objects);
    Object.assign(c.stats, await this.counts());
    this.commits.push(c);
    this.state = {
      directory: c.directory,
      lastRunId: c.runId,
      lastSyncedAt: new Date(),
      lastFullRunId: c.state.full ? c.runId : (this.state?.lastFullRunId ?? null),
      lastFullSyncAt: c.state.full ? new Date() : (this.state?.lastFullSyncAt ?? null),
      watermark: c.state.watermark,
      sourceFingerprint: c.state.sourceFingerprint,
      reconciledAt: c.state.reconciledAt ?? this.state?.reconciledAt ?? null,
    };
  }
}

function ref(
  table: ObjectTable,
  objectType: StoredObjectRef['objectType'],
  row: Row<{ dn: string; dnNorm: string; objectGuid: string | null }>,
): StoredObjectRef {
  return {
    table,
    objectType,
    dn: row.record.dn,
    dnNorm: row.record.dnNorm,
    objectGuid: row.record.objectGuid,
    name: null,
    fingerprint: row.fingerprint,
    membersFingerprint: null,
  };
}

function pairKey(m: MembershipRecord): string {
  return `${m.groupDnNorm}\u0000${m.memberDnNorm}`;
}
