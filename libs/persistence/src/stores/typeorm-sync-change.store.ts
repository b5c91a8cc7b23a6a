import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { normalizeDn } from '#vigie/directory';
import {
  type ChangePage,
  type MembershipChangeFilter,
  type ObjectChangeFilter,
  type StoredMembershipChange,
  type StoredObjectChange,
  SyncChangeStore,
  type SyncedObjectType,
} from '#vigie/identity';
import { SyncChangeEntity } from '../entities/sync-change.entity.js';
import { SyncMembershipChangeEntity } from '../entities/sync-membership-change.entity.js';

const MAX_PAGE = 10_000;

@Injectable()
export class TypeormSyncChangeStore extends SyncChangeStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async objectChanges(runId: string, filter: ObjectChangeFilter = {}, page: ChangePage = {}): Promise<StoredObjectChange[]> {
    const qb = this.ds.getRepository(SyncChangeEntity).createQueryBuilder('c').where('c.sync_run_id = :runId', { runId });
    // IN (:...list) rather than = ANY(:list): PGlite serialises array parameters wrongly through TypeORM.
    if (filter.actions?.length) qb.andWhere('c.action IN (:...actions)', { actions: filter.actions });
    if (filter.objectTypes?.length) qb.andWhere('c.object_type IN (:...types)', { types: filter.objectTypes });
    const rows = await qb.orderBy('c.seq', 'ASC').offset(page.offset ?? 0).limit(Math.min(page.limit ?? 1000, MAX_PAGE)).getMany();
    return rows.map((r) => ({
      runId: r.syncRunId,
      directory: r.directory,
      seq: r.seq,
      action: r.action as StoredObjectChange['action'],
      objectType: r.objectType as SyncedObjectType,
      objectGuid: r.objectGuid,
      dn: r.dn,
      oldDn: r.oldDn,
      name: r.name,
      changes: r.changes,
    }));
  }

  async membershipChanges(runId: string, filter: MembershipChangeFilter = {}, page: ChangePage = {}): Promise<StoredMembershipChange[]> {
    const qb = this.ds.getRepository(SyncMembershipChangeEntity).createQueryBuilder('c').where('c.sync_run_id = :runId', { runId });
    if (filter.action) qb.andWhere('c.action = :action', { action: filter.action });
    if (filter.groupDn) qb.andWhere('c.group_dn_norm = :group', { group: normalizeDn(filter.groupDn) });
    const rows = await qb.orderBy('c.seq', 'ASC').offset(page.offset ?? 0).limit(Math.min(page.limit ?? 1000, MAX_PAGE)).getMany();
    return rows.map((r) => ({
      runId: r.syncRunId,
      directory: r.directory,
      seq: r.seq,
      action: r.action as StoredMembershipChange['action'],
      groupDn: r.groupDn,
      groupName: r.groupName,
      groupGuid: r.groupGuid,
      memberDn: r.memberDn,
      memberName: r.memberName,
      memberGuid: r.memberGuid,
      memberType: r.memberType as SyncedObjectType | null,
    }));
  }
}
