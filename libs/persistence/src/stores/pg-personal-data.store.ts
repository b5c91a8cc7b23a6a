// Types only: a store's module must not load its domain library (the command line loads stores it never uses).
import { randomUUID } from 'node:crypto';
import type { ErasureOutcome, PersonalDataStore, Replacement, StoredFinding } from '#vigie/gdpr';
import type { AccountRecord, SyncWatermark } from '#vigie/identity';
import type { SqlClient, SqlQuery } from '../sql-client.js';
import { erasePersonsIn } from './pg-trail.store.js';
import { dateOrNull } from './row-values.js';
import { toAccount } from './snapshot-columns.js';
import { SqlParams } from './sql-params.js';

/**
 * Tables that hold no personal data by design, or must not change: the chained trail and its bookkeeping; and the
 * trail's personal parts, which change only through the trail's erasure path (erasePersonsIn, with its record).
 */
const UNTOUCHED_TABLES = new Set(['trail_entry', 'trail_checkpoint', 'trail_head', 'trail_setting', 'trail_personal', 'migrations']);
/** Columns of codes and names of things (a directory named like a login must not be renamed). */
const CODE_COLUMNS = new Set(['directory', 'rule', 'severity', 'kind', 'status', 'mode', 'role', 'action', 'chain', 'reason', 'actor_type', 'target_type']);
/** Shorter values are too likely to be part of other words to be replaced everywhere; the person's own rows are cleared anyway. */
const MIN_REPLACED_LENGTH = 3;

/** What Vigie holds about people, found and erased across every table (GDPR art. 15 and 17). */
export class PgPersonalDataStore implements PersonalDataStore {
  constructor(private readonly db: SqlClient) {}

  async findAccounts(employeeIdOrLogin: string): Promise<AccountRecord[]> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT * FROM account WHERE employee_id = $1 OR lower(login) = lower($1) ORDER BY directory, dn_norm`,
      [employeeIdOrLogin],
    );
    return rows.map(toAccount);
  }

  async findingsAbout(accounts: Array<{ directory: string; dn: string }>, logins: string[]): Promise<StoredFinding[]> {
    const p = new SqlParams();
    const or = accounts.map((a) => `(f.subject->>'directory' = ${p.add(a.directory)} AND lower(f.subject->>'dn') = lower(${p.add(a.dn)}))`);
    if (logins.length) or.push(`lower(f.login) IN (${p.list(logins.map((l) => l.toLowerCase()))})`);
    if (!or.length) return [];
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT f.*, r.as_of AS as_of FROM finding f LEFT JOIN audit_run r ON r.id = f.audit_run_id
        WHERE ${or.join(' OR ')} ORDER BY r.as_of DESC, f.rule`,
      p.values,
    );
    return rows.map((r) => ({
      auditRunId: r.audit_run_id as string,
      auditRunAsOf: dateOrNull(r.as_of),
      id: r.id as string,
      rule: r.rule as string,
      severity: r.severity as string,
      subject: r.subject as Record<string, unknown>,
      resource: (r.resource as Record<string, unknown> | null) ?? null,
      message: r.message as string,
      evidence: r.evidence as Record<string, unknown>,
      explain: r.explain as string[],
    }));
  }

  erase(input: { pseudonyms: string[]; accounts: Array<{ directory: string; dnNorm: string }>; replacements: Replacement[] }): Promise<ErasureOutcome> {
    return this.db.transaction(async (tx) => {
      const erasureId = randomUUID();
      const trailReplacements = input.replacements
        .filter((x) => x.value.length >= MIN_REPLACED_LENGTH)
        .map((r) => ({ pattern: wordPattern(JSON.stringify(r.value).slice(1, -1)), by: JSON.stringify(r.by).slice(1, -1).replace(/\\/g, '\\\\') }));
      const trail = await erasePersonsIn(tx, erasureId, input.pseudonyms, trailReplacements);
      const rows: Record<string, number> = {};
      const count = (table: string, n: number) => n && (rows[table] = (rows[table] ?? 0) + n);
      for (const a of input.accounts) {
        const [, n] = await tx.query(
          `UPDATE account SET display_name = NULL, mail = NULL, employee_id = NULL, department = NULL, title = NULL, employee_type = NULL,
             location = NULL, manager_dn = NULL, description = NULL WHERE directory = $1 AND dn_norm = $2`,
          [a.directory, a.dnNorm],
        );
        count('account', Number(n ?? 0));
      }
      // The erased rows are of entries that have not changed in the directory: an incremental run would not
      // read them again. The next run of each of their directories reads everything, and brings them back.
      const directories = [...new Set(input.accounts.map((a) => a.directory))];
      if (directories.length) {
        const watermark: SyncWatermark = { kind: 'full-requested', reason: 'an erasure rewrote accounts that are still in the directory' };
        const p = new SqlParams();
        const json = p.add(JSON.stringify(watermark));
        await tx.query(`UPDATE sync_state SET watermark = ${json}::jsonb WHERE directory IN (${p.list(directories)})`, p.values);
      }
      const columns = await personalColumns(tx);
      for (const r of input.replacements.filter((x) => x.value.length >= MIN_REPLACED_LENGTH)) {
        for (const c of columns) count(c.table, await replaceIn(tx, c, r));
      }
      return { rows, trailEntries: trail.entries.length, trailPersons: trail.persons, trailErasure: { erasureId, at: new Date(), entries: trail.entries } };
    });
  }
}

interface TextColumn {
  table: string;
  column: string;
  json: boolean;
}

/** Every text and JSON column of every table of the schema, tables added later included. */
async function personalColumns(m: SqlQuery): Promise<TextColumn[]> {
  const rows: Array<{ table_name: string; column_name: string; data_type: string }> = await m.query(
    `SELECT table_name, column_name, data_type FROM information_schema.columns c
       WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'jsonb', 'json')
         AND EXISTS (SELECT 1 FROM information_schema.tables t WHERE t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE')
       ORDER BY table_name, column_name`,
  );
  return rows
    .filter((r) => !UNTOUCHED_TABLES.has(r.table_name) && !CODE_COLUMNS.has(r.column_name))
    .map((r) => ({ table: r.table_name, column: r.column_name, json: r.data_type === 'jsonb' || r.data_type === 'json' }));
}

/** Replaces the value as a whole word (not inside a longer login or name), case-insensitively. */
async function replaceIn(m: SqlQuery, c: TextColumn, r: Replacement): Promise<number> {
  const literal = c.json ? JSON.stringify(r.value).slice(1, -1) : r.value;
  const by = c.json ? JSON.stringify(r.by).slice(1, -1) : r.by;
  const pattern = wordPattern(literal);
  const col = `"${c.column}"`;
  const expr = c.json ? `${col}::text` : col;
  const cast = c.json ? '::jsonb' : '';
  const [, n] = await m.query(
    `UPDATE "${c.table}" SET ${col} = regexp_replace(${expr}, $1, $2, 'gi')${cast} WHERE ${expr} ~* $1`,
    // In the replacement only the backslash is special (\1, \&): double it.
    [pattern, by.replace(/\\/g, '\\\\')],
  );
  return Number(n ?? 0);
}

/** The value as a whole word (not inside a longer login or name), as a PostgreSQL regular expression. */
function wordPattern(literal: string): string {
  return `(?<![[:alnum:]_])${escapeRegex(literal)}(?![[:alnum:]_])`;
}

/** Escapes what PostgreSQL's regular expressions treat as special; other characters stand for themselves. */
function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\\-/#&~=:,<>!'"%@ ]/g, (ch) => (ch === ' ' ? '[ ]' : `\\${ch}`));
}
