import { normalizeDn } from '#vigie/directory';
import {
  type AccountRecord,
  type DirectoryObjectRecord,
  type DirectorySnapshot,
  type FirstSnapshotWriter,
  type GroupRecord,
  type MembershipRecord,
  type ObjectTable,
  type SnapshotCommit,
  SnapshotStore,
  type StoredObjectQuery,
  type StoredObjectRef,
  type SyncLogger,
  type SyncedObjectType,
  SILENT_SYNC_LOGGER,
} from '#vigie/identity';
import type { SqlClient, SqlQuery } from '../sql-client.js';
import { readCopyText, sqlLiteral } from './copy-text.js';
import {
  ACCOUNT_COLUMNS,
  ACCOUNT_COPY_COLUMNS,
  ACCOUNT_COPY_SELECT,
  GROUP_COLUMNS,
  MEMBERSHIP_COLUMNS,
  OBJECT_COLUMNS,
  accountFromCopy,
  toAccount,
  toGroup,
  toObject,
} from './snapshot-columns.js';
import { StreamingSnapshotWriter } from './streaming-snapshot.writer.js';
import { addAffected, bulkInsert, byKeysSql, deleteWhereIn, selectByKeys, selectWhereIn } from './sql-bulk.js';

const TABLES: Record<ObjectTable, string> = { account: 'account', group: 'directory_group', object: 'directory_object' };

/** The index columns of each table. */
const REF_COLUMNS: Record<ObjectTable, string> = {
  account: `'account' AS t, kind AS k, dn, dn_norm, object_guid, login AS name, fingerprint, NULL AS mf`,
  group: `'group' AS t, 'group' AS k, dn, dn_norm, object_guid, name, fingerprint, members_fingerprint AS mf`,
  object: `'object' AS t, kind AS k, dn, dn_norm, object_guid, name, fingerprint, NULL AS mf`,
};

/** The index columns of each table, filtered by directory ($1). */
const REF_SELECT: Record<ObjectTable, string> = {
  account: `SELECT ${REF_COLUMNS.account} FROM account WHERE directory = $1`,
  group: `SELECT ${REF_COLUMNS.group} FROM directory_group WHERE directory = $1`,
  object: `SELECT ${REF_COLUMNS.object} FROM directory_object WHERE directory = $1`,
};

function toRefs(rows: Array<Record<string, string | null>>): StoredObjectRef[] {
  return rows.map((r) => ({
    table: r.t as ObjectTable,
    objectType: r.k as SyncedObjectType,
    dn: r.dn!,
    dnNorm: r.dn_norm!,
    objectGuid: r.object_guid,
    name: r.name,
    fingerprint: r.fingerprint ?? '',
    membersFingerprint: r.mf,
  }));
}

const byDn = (a: { dnNorm: string }, b: { dnNorm: string }) => (a.dnNorm < b.dnNorm ? -1 : a.dnNorm > b.dnNorm ? 1 : 0);
const byMembership = (a: MembershipRecord, b: MembershipRecord) =>
  a.groupDnNorm < b.groupDnNorm ? -1 : a.groupDnNorm > b.groupDnNorm ? 1 : a.memberDnNorm < b.memberDnNorm ? -1 : a.memberDnNorm > b.memberDnNorm ? 1 : 0;

/** The snapshots in PostgreSQL (or PGlite). */
export class PgSnapshotStore extends SnapshotStore {
  constructor(
    private readonly db: SqlClient,
    private readonly logger: SyncLogger = SILENT_SYNC_LOGGER,
  ) {
    super();
  }

  async commit(c: SnapshotCommit): Promise<void> {
    // One transaction: readers see the previous snapshot until the new one, its changes, its
    // watermark and the run's success are all written.
    await this.db.transaction((m) => this.apply(m, c, { countsKnown: false }));
  }

  /**
   * Streams the first snapshot of a directory when the database can take other statements meanwhile
   * (a pg pool, not PGlite's single connection) and nothing is stored for the directory yet.
   */
  override async openFirstSnapshot(directory: string, runId: string): Promise<FirstSnapshotWriter | null> {
    if (!this.db.concurrentTransactions) return null;
    const [row] = (await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM account WHERE directory = $1) OR EXISTS (SELECT 1 FROM directory_group WHERE directory = $1)
              OR EXISTS (SELECT 1 FROM directory_object WHERE directory = $1) OR EXISTS (SELECT 1 FROM membership WHERE directory = $1) AS stored,
              EXISTS (SELECT 1 FROM membership) AS others`,
      [directory],
    )) as Array<{ stored: boolean; others: boolean }>;
    if (row!.stored) return null;
    // Without other directories' memberships, building the index by member once costs less than keeping it up to
    // date (see memberIndexCheaperToRebuild). The DROP locks the table until the commit: a reader then waits for the
    // first snapshot instead of reading an empty table. With other directories' memberships stored, it is kept.
    return new StreamingSnapshotWriter(this.db, directory, runId, {
      memberIndex: row!.others ? 'keep' : { drop: `DROP INDEX IF EXISTS "${MEMBER_INDEX}"`, create: MEMBER_INDEX_CREATE },
      finish: (m, c) => this.apply(m, c, { countsKnown: true }),
      logger: this.logger,
    });
  }

  /**
   * Writes one run's commit on a transaction's connection. `countsKnown`: the commit's stats hold the
   * snapshot's exact counts (a first snapshot, written into an empty directory), so nothing is counted.
   */
  private async apply(m: SqlQuery, c: SnapshotCommit, options: { countsKnown: boolean }): Promise<void> {
    const steps: Record<string, number> = {};
    let last = Date.now();
    const step = (name: string) => {
      const now = Date.now();
      steps[name] = now - last;
      last = now;
    };
    const { directory, runId } = c;
    // Rows each table lost, to update the counts without counting (null: count them).
    const deleted: Record<ObjectTable | 'membership', number | null> = { account: 0, group: 0, object: 0, membership: 0 };
    for (const table of ['account', 'group', 'object'] as const) {
      deleted[table] = await deleteWhereIn(m, TABLES[table], directory, 'dn_norm', c.deleted[table]);
    }
    deleted.membership = await deleteWhereIn(m, 'membership', directory, 'group_dn_norm', c.memberships.clearedGroups);
    step('delete');
    for (let i = 0; i < c.memberships.removed.length; i += 5000) {
      const slice = c.memberships.removed.slice(i, i + 5000);
      const result = await m.query(
        `DELETE FROM membership t USING unnest($2::text[], $3::text[]) AS x(g, mb)
         WHERE t.directory = $1 AND t.group_dn_norm = x.g AND t.member_dn_norm = x.mb`,
        [directory, slice.map((r) => r.groupDnNorm), slice.map((r) => r.memberDnNorm)],
      );
      deleted.membership = addAffected(deleted.membership, result);
    }
    // Sorted by key: the B-tree fills page after page instead of splitting pages at random.
    const constants = { directory, sync_run_id: runId };
    await bulkInsert(
      m,
      'account',
      constants,
      ACCOUNT_COLUMNS,
      [...c.written.accounts].sort((a, b) => byDn(a.record, b.record)),
    );
    step('accounts');
    await bulkInsert(
      m,
      'directory_group',
      constants,
      GROUP_COLUMNS,
      [...c.written.groups].sort((a, b) => byDn(a.record, b.record)),
    );
    await bulkInsert(
      m,
      'directory_object',
      constants,
      OBJECT_COLUMNS,
      [...c.written.objects].sort((a, b) => byDn(a.record, b.record)),
    );
    step('groups and objects');
    const memberships = [...c.memberships.added].sort(byMembership);
    // An added row may already be stored (a member carried along by a move): ON CONFLICT skips it.
    // With no row stored for the directory (a first snapshot), there is nothing to skip, and COPY
    // can write them, once each.
    const none = memberships.length > 0 && !(await m.query(`SELECT 1 FROM membership WHERE directory = $1 LIMIT 1`, [directory])).length;
    const rebuild = none && (await memberIndexCheaperToRebuild(m, memberships.length));
    if (rebuild) await m.query(`DROP INDEX IF EXISTS "${MEMBER_INDEX}"`);
    const keyed = { directory };
    if (none && m.copyFrom)
      await bulkInsert(
        m,
        'membership',
        keyed,
        MEMBERSHIP_COLUMNS,
        memberships.filter((r, i) => i === 0 || byMembership(memberships[i - 1]!, r) !== 0),
      );
    else await bulkInsert(m, 'membership', keyed, MEMBERSHIP_COLUMNS, memberships, { onConflictDoNothing: true, chunk: 20000 });
    if (rebuild) await m.query(MEMBER_INDEX_CREATE);
    step('memberships');
    await this.writeChanges(m, c);
    step('changes');

    const counts = options.countsKnown
      ? { accounts: c.stats.accounts, groups: c.stats.groups, objects: c.stats.objects, memberships: c.stats.memberships }
      : await this.countsAfter(m, c, {
          account: deleted.account === null ? null : c.written.accounts.length - deleted.account,
          group: deleted.group === null ? null : c.written.groups.length - deleted.group,
          object: deleted.object === null ? null : c.written.objects.length - deleted.object,
          // Added memberships may have been there already (ON CONFLICT DO NOTHING): then they are counted.
          membership: deleted.membership === null || c.memberships.added.length ? null : -deleted.membership,
        });
    const stats = { ...c.stats, ...counts };
    Object.assign(c.stats, counts);
    await m.query(
      `INSERT INTO sync_state (directory, last_run_id, last_synced_at, last_full_run_id, last_full_sync_at, watermark, source_fingerprint, reconciled_at)
       VALUES ($1, $2, now(), CASE WHEN $3 THEN $2::uuid END, CASE WHEN $3 THEN now() END, $4::jsonb, $5, $6)
       ON CONFLICT (directory) DO UPDATE SET
         last_run_id = EXCLUDED.last_run_id,
         last_synced_at = EXCLUDED.last_synced_at,
         last_full_run_id = COALESCE(EXCLUDED.last_full_run_id, sync_state.last_full_run_id),
         last_full_sync_at = COALESCE(EXCLUDED.last_full_sync_at, sync_state.last_full_sync_at),
         watermark = EXCLUDED.watermark,
         source_fingerprint = EXCLUDED.source_fingerprint,
         reconciled_at = COALESCE(EXCLUDED.reconciled_at, sync_state.reconciled_at)`,
      [directory, runId, c.state.full, c.state.watermark ? JSON.stringify(c.state.watermark) : null, c.state.sourceFingerprint, c.state.reconciledAt],
    );
    await m.query(`UPDATE sync_run SET status = 'succeeded', mode = $2, finished_at = now(), stats = $3::jsonb, error = NULL WHERE id = $1`, [
      runId,
      c.mode,
      JSON.stringify(stats),
    ]);
    step('state and run');
    if (c.stats.baseline) {
      await analyzeSnapshot(m);
      step('analyze');
    }
    this.logger.debug({ msg: 'snapshot written', directory: c.directory, runId: c.runId, ms: steps });
  }

  /**
   * The snapshot's counts after a commit: the previous run's counts plus what changed, for each table
   * whose change is known exactly; the others are counted (a full count of 500k memberships costs
   * more than an incremental run's own work).
   */
  private async countsAfter(
    m: SqlQuery,
    c: SnapshotCommit,
    change: Record<ObjectTable | 'membership', number | null>,
  ): Promise<{ accounts: number; groups: number; objects: number; memberships: number }> {
    const [previous] = (await m.query(
      `SELECT r.stats FROM sync_state s JOIN sync_run r ON r.id = s.last_run_id AND r.status = 'succeeded' WHERE s.directory = $1`,
      [c.directory],
    )) as Array<{ stats: Partial<Record<'accounts' | 'groups' | 'objects' | 'memberships', unknown>> }>;
    const tables = [
      ['accounts', 'account', 'account'],
      ['groups', 'group', 'directory_group'],
      ['objects', 'object', 'directory_object'],
      ['memberships', 'membership', 'membership'],
    ] as const;
    const counts = { accounts: 0, groups: 0, objects: 0, memberships: 0 };
    const toCount: string[] = [];
    for (const [field, key, table] of tables) {
      const before = previous?.stats[field];
      const delta = change[key];
      if (typeof before === 'number' && delta !== null) counts[field] = before + delta;
      else toCount.push(`(SELECT count(*) FROM ${table} WHERE directory = $1)::int AS ${field}`);
    }
    if (toCount.length) {
      const [row] = (await m.query(`SELECT ${toCount.join(', ')}`, [c.directory])) as Array<Record<string, number>>;
      Object.assign(counts, row);
    }
    return counts;
  }

  private async writeChanges(m: SqlQuery, c: SnapshotCommit): Promise<void> {
    const constants = { sync_run_id: c.runId, directory: c.directory };
    const changes = c.changes.map((change, seq) => ({ change, seq }));
    await bulkInsert(
      m,
      'sync_change',
      constants,
      [
        { name: 'seq', type: 'integer', value: (r) => r.seq },
        { name: 'action', type: 'text', value: (r) => r.change.action },
        { name: 'object_type', type: 'text', value: (r) => r.change.objectType },
        { name: 'object_guid', type: 'uuid', value: (r) => r.change.objectGuid },
        { name: 'dn', type: 'text', value: (r) => r.change.dn },
        { name: 'old_dn', type: 'text', value: (r) => r.change.oldDn },
        { name: 'name', type: 'text', value: (r) => r.change.name },
        { name: 'changes', type: 'jsonb', value: (r) => r.change.changes },
      ],
      changes,
    );
    const memberships = c.membershipChanges.map((change, seq) => ({ change, seq }));
    await bulkInsert(
      m,
      'sync_membership_change',
      constants,
      [
        { name: 'seq', type: 'integer', value: (r) => r.seq },
        { name: 'action', type: 'text', value: (r) => r.change.action },
        { name: 'group_dn', type: 'text', value: (r) => r.change.groupDn },
        { name: 'group_dn_norm', type: 'text', value: (r) => dnNormOf(r.change.groupDn) },
        { name: 'group_name', type: 'text', value: (r) => r.change.groupName },
        { name: 'group_guid', type: 'uuid', value: (r) => r.change.groupGuid },
        { name: 'member_dn', type: 'text', value: (r) => r.change.memberDn },
        { name: 'member_dn_norm', type: 'text', value: (r) => dnNormOf(r.change.memberDn) },
        { name: 'member_name', type: 'text', value: (r) => r.change.memberName },
        { name: 'member_guid', type: 'uuid', value: (r) => r.change.memberGuid },
        { name: 'member_type', type: 'text', value: (r) => r.change.memberType },
      ],
      memberships,
    );
  }

  async index(directory: string): Promise<StoredObjectRef[]> {
    return toRefs(await this.db.query(`${REF_SELECT.account} UNION ALL ${REF_SELECT.group} UNION ALL ${REF_SELECT.object}`, [directory]));
  }

  async find(directory: string, query: StoredObjectQuery): Promise<StoredObjectRef[]> {
    // An incremental run asks for the objects it read by GUID and by DN: the DNs of those found by GUID
    // are not probed again (half the lookups of a run that read 2,000 accounts).
    if (query.guids?.length && query.dnNorms?.length) {
      const byGuid = await this.find(directory, { guids: query.guids });
      const found = new Set(byGuid.map((r) => r.dnNorm));
      const rest = await this.find(directory, { ...query, guids: undefined, dnNorms: query.dnNorms.filter((dn) => !found.has(dn)) });
      return uniqueRefs([...byGuid, ...rest]);
    }
    // One branch per criterion and table, each on its own index; the rare `under` (a move) scans the directory.
    const branches: string[] = [];
    const params: unknown[] = [directory];
    const add = (values: readonly string[] | undefined, type: string, where: (param: string) => string, tables: ObjectTable[]) => {
      if (!values?.length) return;
      params.push(values);
      const where_ = where(`$${params.length}::${type}[]`);
      for (const table of tables) branches.push(`${REF_SELECT[table]} AND ${where_}`);
    };
    const all: ObjectTable[] = ['account', 'group', 'object'];
    // GUIDs and DNs are unique in a directory: one index probe each (see selectByKeys).
    const byKeys = (values: readonly string[] | undefined, column: string, type: 'text' | 'uuid') => {
      if (!values?.length) return;
      params.push(values);
      for (const table of all) branches.push(byKeysSql(REF_COLUMNS[table], TABLES[table], column, `$${params.length}`, type));
    };
    byKeys(query.guids, 'object_guid', 'uuid');
    byKeys(query.dnNorms, 'dn_norm', 'text');
    add(query.logins, 'text', (p) => `lower(login) = ANY(${p})`, ['account']);
    add(query.under, 'text', (p) => `EXISTS (SELECT 1 FROM unnest(${p}) AS u(dn) WHERE right(dn_norm, length(u.dn) + 1) = ',' || u.dn)`, all);
    if (!branches.length) return [];
    return uniqueRefs(toRefs(await this.db.query(branches.join(' UNION ALL '), params)));
  }

  async records(
    directory: string,
    dnNorms: Record<ObjectTable, string[]>,
  ): Promise<{ accounts: AccountRecord[]; groups: GroupRecord[]; objects: DirectoryObjectRecord[] }> {
    const q = this.db;
    const [accounts, groups, objects] = await Promise.all([
      selectByKeys<Record<string, unknown>>(q, '*', 'account', directory, 'dn_norm', 'text', dnNorms.account),
      selectByKeys<Record<string, unknown>>(q, '*', 'directory_group', directory, 'dn_norm', 'text', dnNorms.group),
      selectByKeys<Record<string, unknown>>(q, '*', 'directory_object', directory, 'dn_norm', 'text', dnNorms.object),
    ]);
    return { accounts: accounts.map(toAccount), groups: groups.map(toGroup), objects: objects.map(toObject) };
  }

  async memberships(directory: string, query: { groups?: string[]; members?: string[] }): Promise<MembershipRecord[]> {
    const q = this.db;
    const select = 'group_dn_norm, member_dn_norm';
    type Row = { group_dn_norm: string; member_dn_norm: string };
    const rows = [
      ...(query.groups?.length ? await selectWhereIn<Row>(q, select, 'membership', directory, 'group_dn_norm', query.groups) : []),
      ...(query.members?.length ? await selectWhereIn<Row>(q, select, 'membership', directory, 'member_dn_norm', query.members) : []),
    ];
    const seen = new Set<string>();
    const out: MembershipRecord[] = [];
    for (const r of rows) {
      const key = `${r.group_dn_norm}\u0000${r.member_dn_norm}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ groupDnNorm: r.group_dn_norm, memberDnNorm: r.member_dn_norm });
    }
    return out;
  }

  async dnReferences(directory: string): Promise<Array<{ holderDnNorm: string; holderGuid: string | null; value: string }>> {
    const rows = (await this.db.query(
      `SELECT dn_norm, object_guid, manager_dn AS value FROM account WHERE directory = $1 AND manager_dn IS NOT NULL
       UNION ALL SELECT dn_norm, object_guid, managed_by FROM directory_group WHERE directory = $1 AND managed_by IS NOT NULL
       UNION ALL SELECT dn_norm, object_guid, managed_by FROM directory_object WHERE directory = $1 AND managed_by IS NOT NULL`,
      [directory],
    )) as Array<{ dn_norm: string; object_guid: string | null; value: string }>;
    return rows.map((r) => ({ holderDnNorm: r.dn_norm, holderGuid: r.object_guid, value: r.value }));
  }

  async counts(directory: string): Promise<{ accounts: number; groups: number; objects: number; memberships: number }> {
    const [row] = (await this.db.query(
      `SELECT (SELECT count(*) FROM account WHERE directory = $1)::int AS accounts,
              (SELECT count(*) FROM directory_group WHERE directory = $1)::int AS groups,
              (SELECT count(*) FROM directory_object WHERE directory = $1)::int AS objects,
              (SELECT count(*) FROM membership WHERE directory = $1)::int AS memberships`,
      [directory],
    )) as Array<{ accounts: number; groups: number; objects: number; memberships: number }>;
    return row!;
  }

  async load(directories?: string[]): Promise<DirectorySnapshot[]> {
    const where = directories ? 'WHERE directory = ANY($1::text[])' : '';
    const params = directories ? [directories] : [];
    const q = (sql: string) => this.db.query(sql, params) as Promise<Array<Record<string, unknown>>>;
    const byDirectory = new Map<string, DirectorySnapshot>();
    const snapshotOf = (directory: string) => {
      let s = byDirectory.get(directory);
      if (!s) byDirectory.set(directory, (s = { directory, syncRunId: null, syncedAt: null, accounts: [], groups: [], objects: [], memberships: [] }));
      return s;
    };
    const [groups, objects, states, , memberships] = await Promise.all([
      q(`SELECT * FROM directory_group ${where} ORDER BY dn_norm`),
      q(`SELECT * FROM directory_object ${where} ORDER BY dn_norm`),
      q(`SELECT directory, last_run_id, last_synced_at FROM sync_state ${where}`),
      this.loadAccounts(directories, where, params, snapshotOf),
      this.loadMemberships(directories, where, params),
    ]);
    for (const r of groups) snapshotOf(String(r.directory)).groups.push(toGroup(r));
    for (const r of objects) snapshotOf(String(r.directory)).objects.push(toObject(r));
    // Memberships of a directory with no account, group or object make no snapshot of their own.
    for (const [directory, list] of memberships) {
      const s = byDirectory.get(directory);
      if (s) s.memberships = list;
    }
    for (const r of states) {
      const s = byDirectory.get(String(r.directory));
      if (!s) continue;
      s.syncRunId = (r.last_run_id as string | null) ?? null;
      s.syncedAt = r.last_synced_at ? new Date(r.last_synced_at as string | Date) : null;
    }
    return [...byDirectory.values()].sort((a, b) => a.directory.localeCompare(b.directory));
  }

  /**
   * The accounts, through COPY where the client offers it (200k accounts: about four times faster than the rows of a
   * SELECT, whose every field is decoded on its own), else through the SELECT.
   */
  private async loadAccounts(
    directories: string[] | undefined,
    where: string,
    params: unknown[],
    snapshotOf: (directory: string) => DirectorySnapshot,
  ): Promise<void> {
    if (!this.db.copyTo) {
      const rows = (await this.db.query(`SELECT * FROM account ${where} ORDER BY dn_norm`, params)) as Array<Record<string, unknown>>;
      for (const r of rows) snapshotOf(String(r.directory)).accounts.push(toAccount(r));
      return;
    }
    const sql = `COPY (SELECT ${ACCOUNT_COPY_SELECT} FROM account ${copyWhere(directories)} ORDER BY dn_norm) TO STDOUT`;
    let last: DirectorySnapshot | undefined;
    await readCopyText(this.db.copyTo(sql), ACCOUNT_COPY_COLUMNS, (fields) => {
      const account = accountFromCopy(fields);
      if (last?.directory !== account.directory) last = snapshotOf(account.directory);
      last.accounts.push(account);
    });
  }

  /** The memberships by directory, through COPY where the client offers it (500k rows), else through the SELECT. */
  private async loadMemberships(directories: string[] | undefined, where: string, params: unknown[]): Promise<Map<string, MembershipRecord[]>> {
    const byDirectory = new Map<string, MembershipRecord[]>();
    let last: { directory: string; list: MembershipRecord[] } | undefined;
    const add = (directory: string, groupDnNorm: string, memberDnNorm: string) => {
      if (last?.directory !== directory) {
        let list = byDirectory.get(directory);
        if (!list) byDirectory.set(directory, (list = []));
        last = { directory, list };
      }
      last.list.push({ groupDnNorm, memberDnNorm });
    };
    if (!this.db.copyTo) {
      const rows = (await this.db.query(`SELECT directory, group_dn_norm, member_dn_norm FROM membership ${where}`, params)) as Array<Record<string, unknown>>;
      for (const r of rows) add(String(r.directory), String(r.group_dn_norm), String(r.member_dn_norm));
    } else {
      const sql = `COPY (SELECT directory, group_dn_norm, member_dn_norm FROM membership ${copyWhere(directories)}) TO STDOUT`;
      await readCopyText(this.db.copyTo(sql), 3, (f) => add(f[0]!, f[1]!, f[2]!));
    }
    return byDirectory;
  }
}

/** The WHERE clause of a COPY, which takes no parameters: the directories as literals. */
function copyWhere(directories: string[] | undefined): string {
  if (!directories) return '';
  return directories.length ? `WHERE directory IN (${directories.map(sqlLiteral).join(', ')})` : 'WHERE false';
}

/** Each stored row once (a row can match several criteria). */
function uniqueRefs(refs: StoredObjectRef[]): StoredObjectRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const key = `${r.table}\u0000${r.dnNorm}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function dnNormOf(dn: string): string {
  try {
    return normalizeDn(dn);
  } catch {
    return dn.toLowerCase();
  }
}

/**
 * Statistics of the snapshot's key columns after a first snapshot, with a small sample (3,000 rows,
 * about 0.15 s at 100k accounts and 500k memberships, against 0.9 s for a default ANALYZE). Without
 * them, until autovacuum's next pass, the planner takes a table of 100k accounts for a few hundred
 * rows and answers the next incremental run's lookups by identity with scans (0.15 s instead of
 * 0.02 s). Run in the snapshot's transaction, it counts its uncommitted rows, and commits with them.
 */
async function analyzeSnapshot(m: SqlQuery): Promise<void> {
  await m.query(`SET LOCAL default_statistics_target = 10`);
  await m.query(`ANALYZE account (directory, dn_norm, object_guid, login)`);
  await m.query(`ANALYZE directory_group (directory, dn_norm, object_guid, name)`);
  await m.query(`ANALYZE directory_object (directory, dn_norm, object_guid)`);
  await m.query(`ANALYZE membership (directory, group_dn_norm, member_dn_norm)`);
  await m.query(`RESET default_statistics_target`);
}

/** The index by member (migration MembershipMemberIndex): explanations walk memberships upwards from an account. */
const MEMBER_INDEX = 'IDX_membership_member';
const MEMBER_INDEX_CREATE = `CREATE INDEX "${MEMBER_INDEX}" ON membership (directory, member_dn_norm)`;
/** Below this, keeping the index up to date row by row costs less than a rebuild is worth. */
const MEMBER_INDEX_REBUILD_ROWS = 50_000;

/**
 * Whether a first snapshot of this many memberships is written faster without the index by member, built again
 * once at the end: sorted by group, the rows reach that index in random order, which made the write of 500k rows
 * about twice as slow (5.4 s more here, against 1.3 s for the rebuild). Only when the new rows outnumber those the
 * table holds already (other directories'), since a rebuild indexes them all again. The DROP locks the table for
 * readers until the commit: other directories' explanations wait for a first snapshot's few seconds of writing.
 */
async function memberIndexCheaperToRebuild(m: SqlQuery, rows: number): Promise<boolean> {
  if (rows < MEMBER_INDEX_REBUILD_ROWS) return false;
  const [{ stored }] = (await m.query(`SELECT count(*)::int AS stored FROM (SELECT 1 FROM membership LIMIT $1) s`, [rows])) as Array<{ stored: number }>;
  return stored < rows;
}
