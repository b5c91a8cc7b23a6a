import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { type AccountKind, type DirectorySnapshot, type SnapshotData, SnapshotStore } from '#vigie/identity';
import { AccountEntity } from '../entities/account.entity.js';
import { DirectoryGroupEntity } from '../entities/directory-group.entity.js';
import { MembershipEntity } from '../entities/membership.entity.js';
import { SyncRunEntity } from '../entities/sync-run.entity.js';
import { insertInChunks } from './chunked-insert.js';

@Injectable()
export class TypeormSnapshotStore extends SnapshotStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async replace(directory: string, data: SnapshotData, syncRunId: string): Promise<void> {
    // One transaction: readers see the old picture until the new one is complete.
    await this.ds.transaction(async (m) => {
      await m.delete(MembershipEntity, { directory });
      await m.delete(AccountEntity, { directory });
      await m.delete(DirectoryGroupEntity, { directory });
      await insertInChunks(m, AccountEntity, data.accounts.map((a) => ({ ...a, directory, syncRunId })));
      await insertInChunks(m, DirectoryGroupEntity, data.groups.map((g) => ({ ...g, directory, syncRunId })));
      await insertInChunks(m, MembershipEntity, data.memberships.map((x) => ({ ...x, directory, syncRunId })));
    });
  }

  async load(directories?: string[]): Promise<DirectorySnapshot[]> {
    const where = directories ? { directory: In(directories) } : {};
    const [accounts, groups, memberships] = await Promise.all([
      this.ds.getRepository(AccountEntity).find({ where, order: { dnNorm: 'ASC' } }),
      this.ds.getRepository(DirectoryGroupEntity).find({ where, order: { dnNorm: 'ASC' } }),
      this.ds.getRepository(MembershipEntity).find({ where }),
    ]);
    const byDirectory = new Map<string, DirectorySnapshot>();
    const snapshotOf = (directory: string, syncRunId: string) => {
      let s = byDirectory.get(directory);
      if (!s) byDirectory.set(directory, (s = { directory, syncRunId, syncedAt: null, accounts: [], groups: [], memberships: [] }));
      return s;
    };
    for (const { syncRunId, ...a } of accounts) snapshotOf(a.directory, syncRunId).accounts.push({ ...a, kind: a.kind as AccountKind });
    for (const { syncRunId, ...g } of groups) snapshotOf(g.directory, syncRunId).groups.push(g);
    for (const m of memberships) byDirectory.get(m.directory)?.memberships.push({ groupDnNorm: m.groupDnNorm, memberDnNorm: m.memberDnNorm });
    const snapshots = [...byDirectory.values()].sort((a, b) => a.directory.localeCompare(b.directory));
    if (snapshots.length) {
      const runs = await this.ds.getRepository(SyncRunEntity).find({ where: { id: In(snapshots.map((s) => s.syncRunId!)) } });
      for (const s of snapshots) s.syncedAt = runs.find((r) => r.id === s.syncRunId)?.finishedAt ?? null;
    }
    return snapshots;
  }
}
