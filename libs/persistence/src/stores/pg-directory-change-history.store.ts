import { normalizeDn } from '#vigie/directory';
import {
  type AttributeChange,
  type DatedDirectoryChange,
  DirectoryChangeHistory,
  type DirectoryChangePage,
  type DirectoryChangeQuery,
  type SyncRunPage,
  type SyncRunRecord,
  type SyncedObjectType,
} from '#vigie/identity';
import type { SqlClient } from '../sql-client.js';
import { isUuid } from './newest-first-cursor.js';
import { decodeKeyset, encodeKeyset, exactTime, refuseCursor } from './keyset-cursor.js';
import { SqlParams } from './sql-params.js';

interface ChangeRow {
  kind: 'object' | 'membership';
  rank: number;
  sync_run_id: string;
  directory: string;
  seq: number;
  action: string;
  at: Date | string;
  at_exact: string;
  object_type: string | null;
  object_guid: string | null;
  dn: string | null;
  old_dn: string | null;
  name: string | null;
  changes: AttributeChange[] | null;
  group_dn: string | null;
  group_name: string | null;
  group_guid: string | null;
  member_dn: string | null;
  member_name: string | null;
  member_guid: string | null;
  member_type: string | null;
}

/**
 * The changes of every run, newest run first (object changes of a run before its membership changes, each in reverse
 * order of finding), as one keyset over (run finished at, run id, kind, seq): each page reads its rows only.
 */
export class PgDirectoryChangeHistory extends DirectoryChangeHistory {
  constructor(private readonly db: SqlClient) {
    super();
  }

  async changes(query: DirectoryChangeQuery): Promise<DirectoryChangePage> {
    const p = new SqlParams();
    const runWhere = ['r.finished_at IS NOT NULL'];
    if (query.directory) runWhere.push(`r.directory = ${p.add(query.directory)}`);
    if (query.from) runWhere.push(`r.finished_at >= ${p.add(query.from.toISOString())}`);
    if (query.to) runWhere.push(`r.finished_at <= ${p.add(query.to.toISOString())}`);
    if (query.cursor) {
      const [at, runId, rank, seq] = decodeKeyset(query.cursor, ['string', 'string', 'number', 'number']);
      if (!isUuid(runId) || Number.isNaN(Date.parse(at))) refuseCursor();
      runWhere.push(`(r.finished_at, r.id, k.rank, k.seq) < (${p.add(at)}::timestamptz, ${p.add(runId)}::uuid, ${p.add(rank)}, ${p.add(seq)})`);
    }
    const kinds = query.kinds?.length ? query.kinds : ['object', 'membership'];
    const parts: string[] = [];
    if (kinds.includes('object')) {
      const where: string[] = [];
      if (query.actions?.length) where.push(`action IN (${p.list(query.actions)})`);
      if (query.object) {
        const lower = p.add(query.object.toLowerCase());
        where.push(`(lower(name) = ${lower} OR lower(dn) = ${lower} OR lower(dn) = ${p.add(dnNormOf(query.object))})`);
      }
      parts.push(`SELECT 'object' AS kind, 1 AS rank, sync_run_id, seq, directory, action, object_type, object_guid, dn, old_dn, name, changes,
          NULL AS group_dn, NULL AS group_name, NULL::uuid AS group_guid, NULL AS member_dn, NULL AS member_name, NULL::uuid AS member_guid, NULL AS member_type
        FROM sync_change ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`);
    }
    // Memberships are only ever added or removed: an action filter without either leaves them out.
    const membershipActions = query.actions?.filter((a) => a === 'added' || a === 'removed');
    if (kinds.includes('membership') && (!query.actions?.length || membershipActions!.length)) {
      const where: string[] = [];
      if (membershipActions?.length) where.push(`action IN (${p.list(membershipActions)})`);
      if (query.object) {
        const norm = p.add(dnNormOf(query.object));
        const lower = p.add(query.object.toLowerCase());
        where.push(`(member_dn_norm = ${norm} OR group_dn_norm = ${norm} OR lower(member_name) = ${lower} OR lower(group_name) = ${lower})`);
      }
      parts.push(`SELECT 'membership' AS kind, 0 AS rank, sync_run_id, seq, directory, action, member_type AS object_type, NULL::uuid AS object_guid,
          NULL AS dn, NULL AS old_dn, NULL AS name, NULL::jsonb AS changes,
          group_dn, group_name, group_guid, member_dn, member_name, member_guid, member_type
        FROM sync_membership_change ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`);
    }
    if (!parts.length) return { items: [], nextCursor: null };
    const limit = query.limit;
    const rows: ChangeRow[] = await this.db.query(
      `SELECT k.*, r.finished_at AS at, ${exactTime('r.finished_at')} AS at_exact
         FROM (${parts.join(' UNION ALL ')}) k JOIN sync_run r ON r.id = k.sync_run_id
        WHERE ${runWhere.join(' AND ')}
        ORDER BY r.finished_at DESC, r.id DESC, k.rank DESC, k.seq DESC
        LIMIT ${p.add(limit + 1)}`,
      p.values,
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(toChange),
      nextCursor: rows.length > limit && last ? encodeKeyset([last.at_exact, last.sync_run_id, Number(last.rank), last.seq]) : null,
    };
  }

  async runs(query: { directory?: string; limit: number; cursor?: string }): Promise<SyncRunPage> {
    const p = new SqlParams();
    const where: string[] = [];
    if (query.directory) where.push(`directory = ${p.add(query.directory)}`);
    if (query.cursor) {
      const [at, id] = decodeKeyset(query.cursor, ['string', 'string']);
      if (!isUuid(id) || Number.isNaN(Date.parse(at))) refuseCursor();
      where.push(`(started_at, id) < (${p.add(at)}::timestamptz, ${p.add(id)}::uuid)`);
    }
    const rows: Array<{
      id: string;
      directory: string;
      mode: string;
      status: string;
      started_at: Date | string;
      started_exact: string;
      finished_at: Date | string | null;
      error: string | null;
      stats: SyncRunRecord['stats'] | null;
    }> = await this.db.query(
      `SELECT id, directory, mode, status, started_at, ${exactTime('started_at')} AS started_exact, finished_at, error, stats FROM sync_run
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY started_at DESC, id DESC LIMIT ${p.add(query.limit + 1)}`,
      p.values,
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => ({
        id: r.id,
        directory: r.directory,
        mode: r.mode as SyncRunRecord['mode'],
        status: r.status as SyncRunRecord['status'],
        startedAt: new Date(r.started_at),
        finishedAt: r.finished_at === null ? null : new Date(r.finished_at),
        error: r.error,
        stats: r.stats ?? {},
      })),
      nextCursor: rows.length > query.limit && last ? encodeKeyset([last.started_exact, last.id]) : null,
    };
  }
}

/** The object as a normalized DN, or its lower-cased text when it is a login or a name (no DN to normalize). */
function dnNormOf(object: string): string {
  try {
    return normalizeDn(object);
  } catch {
    return object.toLowerCase();
  }
}

function toChange(r: ChangeRow): DatedDirectoryChange {
  const common = { runId: r.sync_run_id, directory: r.directory, seq: r.seq, at: new Date(r.at) };
  if (r.kind === 'object')
    return {
      kind: 'object',
      ...common,
      action: r.action as 'added' | 'modified' | 'moved' | 'removed',
      objectType: r.object_type as SyncedObjectType,
      objectGuid: r.object_guid,
      dn: r.dn!,
      oldDn: r.old_dn,
      name: r.name,
      changes: r.changes ?? [],
    };
  return {
    kind: 'membership',
    ...common,
    action: r.action as 'added' | 'removed',
    groupDn: r.group_dn!,
    groupName: r.group_name,
    groupGuid: r.group_guid,
    memberDn: r.member_dn!,
    memberName: r.member_name,
    memberGuid: r.member_guid,
    memberType: r.member_type as SyncedObjectType | null,
  };
}
