import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { normalizeDn } from '#vigie/directory';
import {
  type ChangePage,
  type MembershipAddition,
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

  async membershipAdditionsSince(since: Date): Promise<MembershipAddition[]> {
    // Only the links that still stand come back (a year of additions may be large); rows written before
    // member_dn_norm existed are checked against the picture by the rule instead.
    const members: Array<{ directory: string; group_dn_norm: string; member_dn: string; member_dn_norm: string | null; sync_run_id: string; finished_at: Date | string }> = await this.ds.query(
      `SELECT DISTINCT ON (c.directory, c.group_dn_norm, c.member_dn) c.directory, c.group_dn_norm, c.member_dn, c.member_dn_norm, c.sync_run_id, r.finished_at
         FROM sync_membership_change c JOIN sync_run r ON r.id = c.sync_run_id
        WHERE c.action = 'added' AND r.status = 'succeeded' AND r.finished_at >= $1
          AND (c.member_dn_norm IS NULL OR EXISTS (
                SELECT 1 FROM membership m
                 WHERE m.directory = c.directory AND m.group_dn_norm = c.group_dn_norm AND m.member_dn_norm = c.member_dn_norm))
        ORDER BY c.directory, c.group_dn_norm, c.member_dn, r.finished_at DESC`,
      [since.toISOString()],
    );
    // An account created in, or moved to, a group by its primaryGroupID: the link AD never lists in `member`.
    const primaries: Array<{ directory: string; dn: string; changes: Array<{ attribute: string; new: unknown }>; sync_run_id: string; finished_at: Date | string }> = await this.ds.query(
      `SELECT DISTINCT ON (c.directory, c.dn) c.directory, c.dn, c.changes, c.sync_run_id, r.finished_at
         FROM sync_change c JOIN sync_run r ON r.id = c.sync_run_id
        WHERE c.action IN ('added', 'modified', 'moved') AND c.object_type IN ('user', 'computer')
          AND r.status = 'succeeded' AND r.finished_at >= $1
          AND c.changes @> '[{"attribute": "primaryGroupId"}]'::jsonb
        ORDER BY c.directory, c.dn, r.finished_at DESC`,
      [since.toISOString()],
    );
    const byLink = new Map<string, MembershipAddition>();
    for (const r of members) {
      const memberDnNorm = r.member_dn_norm ?? normalizeDn(r.member_dn);
      // Two spellings of one member DN are one link: keep the latest sighting.
      const key = `${r.directory}\u0000${r.group_dn_norm}\u0000${memberDnNorm}`;
      const seenAt = new Date(r.finished_at);
      const known = byLink.get(key);
      if (known && known.seenAt >= seenAt) continue;
      byLink.set(key, { directory: r.directory, via: 'member', groupDnNorm: r.group_dn_norm, primaryGroupId: null, memberDnNorm, runId: r.sync_run_id, seenAt });
    }
    const out = [...byLink.values()];
    for (const r of primaries) {
      const value = r.changes.find((c) => c.attribute === 'primaryGroupId')?.new;
      if (typeof value !== 'number') continue;
      out.push({ directory: r.directory, via: 'primary-group', groupDnNorm: null, primaryGroupId: value, memberDnNorm: normalizeDn(r.dn), runId: r.sync_run_id, seenAt: new Date(r.finished_at) });
    }
    return out;
  }
}
