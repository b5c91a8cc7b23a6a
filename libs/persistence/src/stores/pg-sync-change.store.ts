import { normalizeDn } from '#vigie/directory';
import {
  type ChangePage,
  type LockoutSighting,
  type MembershipAddition,
  type MembershipChangeFilter,
  type ObjectChangeFilter,
  type StoredMembershipChange,
  type StoredObjectChange,
  SyncChangeStore,
  type SyncedObjectType,
} from '#vigie/identity';
import type { SqlClient } from '../sql-client.js';
import { SqlParams } from './sql-params.js';

const MAX_PAGE = 10_000;

/** The changes each sync run found (tables sync_change and sync_membership_change). */
export class PgSyncChangeStore extends SyncChangeStore {
  constructor(private readonly db: SqlClient) {
    super();
  }

  async objectChanges(runId: string, filter: ObjectChangeFilter = {}, page: ChangePage = {}): Promise<StoredObjectChange[]> {
    const p = new SqlParams();
    const where = [`sync_run_id = ${p.add(runId)}`];
    if (filter.actions?.length) where.push(`action IN (${p.list(filter.actions)})`);
    if (filter.objectTypes?.length) where.push(`object_type IN (${p.list(filter.objectTypes)})`);
    const rows: Array<{
      sync_run_id: string;
      directory: string;
      seq: number;
      action: string;
      object_type: string;
      object_guid: string | null;
      dn: string;
      old_dn: string | null;
      name: string | null;
      changes: StoredObjectChange['changes'];
    }> = await this.db.query(
      `SELECT sync_run_id, directory, seq, action, object_type, object_guid, dn, old_dn, name, changes FROM sync_change
        WHERE ${where.join(' AND ')} ORDER BY seq ${pageClause(p, page)}`,
      p.values,
    );
    return rows.map((r) => ({
      runId: r.sync_run_id,
      directory: r.directory,
      seq: r.seq,
      action: r.action as StoredObjectChange['action'],
      objectType: r.object_type as SyncedObjectType,
      objectGuid: r.object_guid,
      dn: r.dn,
      oldDn: r.old_dn,
      name: r.name,
      changes: r.changes,
    }));
  }

  async membershipChanges(runId: string, filter: MembershipChangeFilter = {}, page: ChangePage = {}): Promise<StoredMembershipChange[]> {
    const p = new SqlParams();
    const where = [`sync_run_id = ${p.add(runId)}`];
    if (filter.action) where.push(`action = ${p.add(filter.action)}`);
    if (filter.groupDn) where.push(`group_dn_norm = ${p.add(normalizeDn(filter.groupDn))}`);
    const rows: Array<{
      sync_run_id: string;
      directory: string;
      seq: number;
      action: string;
      group_dn: string;
      group_name: string | null;
      group_guid: string | null;
      member_dn: string;
      member_name: string | null;
      member_guid: string | null;
      member_type: string | null;
    }> = await this.db.query(
      `SELECT sync_run_id, directory, seq, action, group_dn, group_name, group_guid, member_dn, member_name, member_guid, member_type FROM sync_membership_change
        WHERE ${where.join(' AND ')} ORDER BY seq ${pageClause(p, page)}`,
      p.values,
    );
    return rows.map((r) => ({
      runId: r.sync_run_id,
      directory: r.directory,
      seq: r.seq,
      action: r.action as StoredMembershipChange['action'],
      groupDn: r.group_dn,
      groupName: r.group_name,
      groupGuid: r.group_guid,
      memberDn: r.member_dn,
      memberName: r.member_name,
      memberGuid: r.member_guid,
      memberType: r.member_type as SyncedObjectType | null,
    }));
  }

  async membershipAdditionsSince(since: Date): Promise<MembershipAddition[]> {
    // Only the links that still stand come back (a year of additions may be large); rows written before
    // member_dn_norm existed are checked against the snapshot by the rule instead.
    const members: Array<{
      directory: string;
      group_dn_norm: string;
      member_dn: string;
      member_dn_norm: string | null;
      sync_run_id: string;
      finished_at: Date | string;
    }> = await this.db.query(
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
    const primaries: Array<{
      directory: string;
      dn: string;
      changes: Array<{ attribute: string; new: unknown }>;
      sync_run_id: string;
      finished_at: Date | string;
    }> = await this.db.query(
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
      byLink.set(key, {
        directory: r.directory,
        via: 'member',
        groupDnNorm: r.group_dn_norm,
        primaryGroupId: null,
        memberDnNorm,
        runId: r.sync_run_id,
        seenAt,
      });
    }
    const out = [...byLink.values()];
    for (const r of primaries) {
      const value = r.changes.find((c) => c.attribute === 'primaryGroupId')?.new;
      if (typeof value !== 'number') continue;
      out.push({
        directory: r.directory,
        via: 'primary-group',
        groupDnNorm: null,
        primaryGroupId: value,
        memberDnNorm: normalizeDn(r.dn),
        runId: r.sync_run_id,
        seenAt: new Date(r.finished_at),
      });
    }
    return out;
  }

  async lockoutsSince(since: Date): Promise<LockoutSighting[]> {
    const rows = (await this.db.query(
      `SELECT c.directory, c.dn, c.changes, c.sync_run_id, r.finished_at
         FROM sync_change c JOIN sync_run r ON r.id = c.sync_run_id
        WHERE c.action IN ('added', 'modified', 'moved') AND c.object_type IN ('user', 'computer')
          AND r.status = 'succeeded' AND r.finished_at >= $1
          AND c.changes @> '[{"attribute": "lockedOutAt"}]'::jsonb
        ORDER BY r.finished_at, c.seq`,
      [since.toISOString()],
    )) as Array<{ directory: string; dn: string; changes: Array<{ attribute: string; new: unknown }>; sync_run_id: string; finished_at: Date | string }>;
    const out: LockoutSighting[] = [];
    for (const r of rows) {
      const value = r.changes.find((c) => c.attribute === 'lockedOutAt')?.new;
      // An unlock (back to null) is no lockout.
      if (typeof value !== 'string') continue;
      out.push({ directory: r.directory, dnNorm: normalizeDn(r.dn), lockedOutAt: new Date(value), runId: r.sync_run_id, seenAt: new Date(r.finished_at) });
    }
    return out;
  }
}

function pageClause(p: SqlParams, page: ChangePage): string {
  return `LIMIT ${p.add(Math.min(page.limit ?? 1000, MAX_PAGE))} OFFSET ${p.add(page.offset ?? 0)}`;
}
