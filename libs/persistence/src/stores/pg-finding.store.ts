// Types only at import: the audit library (its rules, the policy parser) loads when findings are written or decided,
// not with every command that loads the stores.
import type {
  AuditRunRecord,
  Finding,
  FindingBreakdownRow,
  FindingDecision,
  FindingFilter,
  FindingKey,
  FindingState,
  FindingStatus,
  FindingStore,
  FindingWithState,
  LifecyclePlan,
  Page,
  RuleTally,
  ScoreHistorySource,
  Severity,
} from '#vigie/audit';
import type { SqlClient } from '../sql-client.js';
import { dateOf, dateOrNull } from './row-values.js';
import { type BulkColumn, bulkInsert, jsonBulkInsert } from './sql-bulk.js';
import { SqlParams } from './sql-params.js';

const STATE_SELECT = `id, rule, severity, directory, login, status, first_seen_at, last_seen_at, resolved_at, reopened_count, decided_by, decided_at, reason, accepted_until`;
const RUN_SELECT = `id, status, started_at, finished_at, as_of, policy_version, counts, error`;

const findingColumns = (severityRank: (s: Severity) => number): BulkColumn<Finding>[] => [
  { name: 'id', type: 'text', value: (f) => f.id },
  { name: 'rule', type: 'text', value: (f) => f.rule },
  { name: 'severity', type: 'text', value: (f) => f.severity },
  { name: 'severity_rank', type: 'integer', value: (f) => severityRank(f.severity) },
  { name: 'directory', type: 'text', value: (f) => f.subject.directory },
  { name: 'login', type: 'text', value: (f) => f.subject.login },
  { name: 'subject', type: 'jsonb', value: (f) => f.subject },
  { name: 'resource', type: 'jsonb', value: (f) => f.resource },
  { name: 'message', type: 'text', value: (f) => f.message },
  { name: 'evidence', type: 'jsonb', value: (f) => f.evidence },
  { name: 'explain', type: 'jsonb', value: (f) => f.explain },
];

const STATE_COLUMNS: BulkColumn<FindingState>[] = [
  { name: 'id', type: 'text', value: (s) => s.id },
  { name: 'rule', type: 'text', value: (s) => s.rule },
  { name: 'severity', type: 'text', value: (s) => s.severity },
  { name: 'directory', type: 'text', value: (s) => s.directory },
  { name: 'login', type: 'text', value: (s) => s.login },
  { name: 'status', type: 'text', value: (s) => s.status },
  { name: 'first_seen_at', type: 'timestamptz', value: (s) => s.firstSeenAt },
  { name: 'last_seen_at', type: 'timestamptz', value: (s) => s.lastSeenAt },
  { name: 'resolved_at', type: 'timestamptz', value: (s) => s.resolvedAt },
  { name: 'reopened_count', type: 'integer', value: (s) => s.reopenedCount },
  { name: 'decided_by', type: 'text', value: (s) => s.decidedBy },
  { name: 'decided_at', type: 'timestamptz', value: (s) => s.decidedAt },
  { name: 'reason', type: 'text', value: (s) => s.reason },
  { name: 'accepted_until', type: 'timestamptz', value: (s) => s.acceptedUntil },
];
const STATE_UPSERT = { target: ['id'], update: STATE_COLUMNS.map((c) => c.name).filter((n) => n !== 'id') };

/** The login as the list sorts it: a finding without one sorts as '' (the expression IDX_finding_run_order indexes). */
const SORT_LOGIN = `COALESCE(f.login, '')`;

/** Still-open findings only move their last-seen time: one statement per slice of ids, not one per finding. */
const TOUCH_SLICE = 10_000;

/** Audit runs, their findings and the findings' lifecycle (tables audit_run, finding, finding_state). */
export class PgFindingStore implements FindingStore, ScoreHistorySource {
  constructor(private readonly db: SqlClient) {}

  async startRun(asOf: Date): Promise<string> {
    const rows: Array<{ id: string }> = await this.db.query(`INSERT INTO audit_run (status, as_of, counts) VALUES ('running', $1, '{}'::jsonb) RETURNING id`, [
      asOf,
    ]);
    return rows[0]!.id;
  }

  async completeRun(
    id: string,
    policyVersion: string,
    findings: Finding[],
    counts: Record<string, number>,
    plan: (known: FindingState[]) => LifecyclePlan,
  ): Promise<LifecyclePlan> {
    const { scoreCounts, severityRank } = await import('#vigie/audit');
    const lifecycle = await this.db.transaction(async (tx) => {
      // One run applies its lifecycle at a time, whichever replica or command started it.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('vigie:finding-lifecycle'))`);
      // Not the resolved findings of past runs that did not come back: nothing changes them, and they pile up run after
      // run (92,000 of 128,000 states in the benchmark once G-MISSING-BIRTHRIGHT grouped its findings).
      const known = (
        (await tx.query(
          `SELECT ${STATE_SELECT} FROM finding_state WHERE status <> 'resolved'
           UNION ALL
           SELECT ${STATE_SELECT} FROM finding_state WHERE status = 'resolved' AND id IN (SELECT jsonb_array_elements_text($1::jsonb))`,
          [JSON.stringify(findings.map((f) => f.id))],
        )) as StateRow[]
      ).map(toState);
      const lifecycle = plan(known);
      // COPY on PostgreSQL; a JSON document per chunk on PGlite, which has no COPY.
      if (tx.copyFrom) await bulkInsert(tx, 'finding', { audit_run_id: id }, findingColumns(severityRank), findings);
      else await jsonBulkInsert(tx, 'finding', { audit_run_id: id }, findingColumns(severityRank), findings);
      const changed = lifecycle.changes.filter((c) => c.transition !== 'still-open').map((c) => c.state);
      const touched = lifecycle.changes.filter((c) => c.transition === 'still-open').map((c) => c.state);
      await jsonBulkInsert(tx, 'finding_state', {}, STATE_COLUMNS, changed, { onConflict: STATE_UPSERT });
      for (let i = 0; i < touched.length; i += TOUCH_SLICE) {
        const ids = touched.slice(i, i + TOUCH_SLICE).map((s) => s.id);
        await tx.query(`UPDATE finding_state SET last_seen_at = $1 WHERE id IN (SELECT jsonb_array_elements_text($2::jsonb))`, [
          touched[0]!.lastSeenAt,
          JSON.stringify(ids),
        ]);
      }
      const allCounts = {
        ...counts,
        'lifecycle:new': lifecycle.counts.new,
        'lifecycle:reopened': lifecycle.counts.reopened,
        'lifecycle:resolved': lifecycle.counts.resolved,
        ...scoreCounts(findings, lifecycle),
      };
      await tx.query(`UPDATE audit_run SET status = 'succeeded', finished_at = $2, policy_version = $3, counts = $4::jsonb WHERE id = $1`, [
        id,
        new Date(),
        policyVersion,
        JSON.stringify(allCounts),
      ]);
      return lifecycle;
    });
    // The planner's statistics, now rather than when autovacuum comes round: with none for the new run, it would
    // count and sort the whole run for a page of the list instead of reading the page from IDX_finding_run_order.
    await this.db.query('ANALYZE finding, finding_state');
    return lifecycle;
  }

  async failRun(id: string, reason: string): Promise<void> {
    await this.db.query(`UPDATE audit_run SET status = 'failed', finished_at = $2, error = $3 WHERE id = $1`, [id, new Date(), reason]);
  }

  async latestRun(): Promise<AuditRunRecord | null> {
    const rows: RunRow[] = await this.db.query(`SELECT ${RUN_SELECT} FROM audit_run WHERE status = 'succeeded' ORDER BY finished_at DESC LIMIT 1`);
    return rows.length ? toRun(rows[0]!) : null;
  }

  async currentTallies(runId: string, now: Date): Promise<RuleTally[]> {
    const rows: Array<{ rule: string; severity: Severity; count: number }> = await this.db.query(
      `SELECT f.rule, f.severity, count(*)::int AS count
         FROM finding f JOIN finding_state s ON s.id = f.id
        WHERE f.audit_run_id = $1
          AND NOT (s.status = 'risk-accepted' AND (s.accepted_until IS NULL OR s.accepted_until > $2))
        GROUP BY f.rule, f.severity`,
      [runId, now],
    );
    return rows.map((r) => ({ rule: r.rule, severity: r.severity, count: Number(r.count) }));
  }

  async lastRunOfEachDay(since: Date, timezone: string): Promise<Array<{ day: string; run: AuditRunRecord }>> {
    const rows: Array<RunRow & { day: string }> = await this.db.query(
      `SELECT DISTINCT ON (day) day, ${RUN_SELECT}
         FROM (SELECT to_char(finished_at AT TIME ZONE $2, 'YYYY-MM-DD') AS day, * FROM audit_run
                WHERE status = 'succeeded' AND finished_at >= $1) runs
        ORDER BY day, finished_at DESC`,
      [since, timezone],
    );
    return rows.map((r) => ({ day: r.day, run: toRun(r) }));
  }

  async run(id: string): Promise<AuditRunRecord | null> {
    const rows: RunRow[] = await this.db.query(`SELECT ${RUN_SELECT} FROM audit_run WHERE id = $1 AND status = 'succeeded'`, [id]);
    return rows.length ? toRun(rows[0]!) : null;
  }

  /**
   * Keyset pagination over the index IDX_finding_run_order (IDX_finding_run_rule_order for one rule): the page reads
   * `limit + 1` index entries past the key, whatever the run's size. The extra one says whether a next page exists.
   */
  async query(runId: string, filter: FindingFilter, page: Page): Promise<{ findings: FindingWithState[]; next: FindingKey | null }> {
    const { severityRank } = await import('#vigie/audit');
    const p = new SqlParams();
    const where = whereOf(runId, filter, p, severityRank);
    if (page.after) where.push(afterKey(page.after, filter, p, severityRank));
    // The page's keys first (from the index, and the state only for a status filter), then their rows: a deprecated
    // offset then skips index entries, not whole findings joined to their state.
    const join = filter.status?.length ? 'JOIN finding_state s ON s.id = f.id' : '';
    const rows: Array<FindingRow & StateRow & { severity_rank: number; sort_login: string }> = await this.db.query(
      `SELECT f.id, f.rule, f.severity, f.subject, f.resource, f.message, f.evidence, f.explain, k.severity_rank, k.sort_login,
              s.status, s.first_seen_at, s.last_seen_at, s.reopened_count, s.decided_by, s.decided_at, s.reason, s.accepted_until
         FROM (SELECT f.audit_run_id, f.id, f.severity_rank, f.rule, ${SORT_LOGIN} AS sort_login
                 FROM finding f ${join}
                WHERE ${where.join(' AND ')}
                ORDER BY f.severity_rank, f.rule, ${SORT_LOGIN}, f.id
                LIMIT ${p.add(page.limit + 1)}${page.offset ? ` OFFSET ${p.add(page.offset)}` : ''}) k
         JOIN finding f ON f.audit_run_id = k.audit_run_id AND f.id = k.id
         JOIN finding_state s ON s.id = k.id
        ORDER BY k.severity_rank, k.rule, k.sort_login, k.id`,
      p.values,
    );
    const served = rows.slice(0, page.limit);
    const last = served.at(-1);
    return {
      next: rows.length > page.limit && last ? { severityRank: last.severity_rank, rule: last.rule, login: last.sort_login, id: last.id } : null,
      findings: served.map((r) => ({
        id: r.id,
        rule: r.rule,
        severity: r.severity as Severity,
        subject: r.subject,
        resource: r.resource,
        message: r.message,
        evidence: r.evidence,
        explain: r.explain,
        state: {
          status: r.status as FindingStatus,
          firstSeenAt: dateOf(r.first_seen_at),
          lastSeenAt: dateOf(r.last_seen_at),
          reopenedCount: r.reopened_count,
          decidedBy: r.decided_by,
          decidedAt: dateOrNull(r.decided_at),
          reason: r.reason,
          acceptedUntil: dateOrNull(r.accepted_until),
        },
      })),
    };
  }

  async count(runId: string, filter: FindingFilter): Promise<number> {
    const { severityRank } = await import('#vigie/audit');
    const p = new SqlParams();
    const where = whereOf(runId, filter, p, severityRank);
    // The state joins in only for a status filter: without it, the count reads the finding index alone.
    const join = filter.status?.length ? 'JOIN finding_state s ON s.id = f.id' : '';
    const [{ total }] = (await this.db.query(`SELECT count(*)::int AS total FROM finding f ${join} WHERE ${where.join(' AND ')}`, p.values)) as Array<{
      total: number;
    }>;
    return total;
  }

  async breakdown(runId: string, now: Date): Promise<FindingBreakdownRow[]> {
    const { SEVERITIES } = await import('#vigie/audit');
    // The rank, not the severity's name: the run's findings then come from IDX_finding_run_rule_order alone (an
    // index-only scan), joined to their states by primary key; half the time of reading the rows on 30,000 findings.
    const rows: Array<{ rule: string; severity_rank: number; status: FindingStatus; counting: boolean; count: number }> = await this.db.query(
      `SELECT f.rule, f.severity_rank, s.status,
              NOT (s.status = 'risk-accepted' AND (s.accepted_until IS NULL OR s.accepted_until > $2)) AS counting,
              count(*)::int AS count
         FROM finding f JOIN finding_state s ON s.id = f.id
        WHERE f.audit_run_id = $1
        GROUP BY 1, 2, 3, 4`,
      [runId, now],
    );
    return rows.map((r) => ({
      rule: r.rule,
      severity: SEVERITIES[Number(r.severity_rank)]!,
      status: r.status,
      counting: Boolean(r.counting),
      count: Number(r.count),
    }));
  }

  async state(id: string): Promise<FindingState | null> {
    const rows: StateRow[] = await this.db.query(`SELECT ${STATE_SELECT} FROM finding_state WHERE id = $1`, [id]);
    return rows.length ? toState(rows[0]!) : null;
  }

  async lockState(id: string): Promise<FindingState | null> {
    const rows: StateRow[] = await this.db.query(`SELECT ${STATE_SELECT} FROM finding_state WHERE id = $1 FOR UPDATE`, [id]);
    return rows.length ? toState(rows[0]!) : null;
  }

  async decide(id: string, d: FindingDecision): Promise<FindingState> {
    const [rows] = (await this.db.query(
      `UPDATE finding_state SET status = $2, decided_by = $3, decided_at = $4, reason = $5, accepted_until = $6 WHERE id = $1 RETURNING ${STATE_SELECT}`,
      [id, d.status, d.by, d.at, d.reason, d.acceptedUntil],
    )) as [StateRow[], number];
    if (!rows.length) throw new (await import('#vigie/audit')).FindingNotFoundError(id);
    return toState(rows[0]!);
  }
}

type RankOf = (s: Severity) => number;

/** The filter's conditions on finding `f` (and on its state `s` for a status). */
function whereOf(runId: string, filter: FindingFilter, p: SqlParams, rankOf: RankOf): string[] {
  const where = [`f.audit_run_id = ${p.add(runId)}`];
  if (filter.rule?.length) where.push(filter.rule.length === 1 ? `f.rule = ${p.add(filter.rule[0])}` : `f.rule IN (${p.list(filter.rule)})`);
  if (filter.severity?.length) {
    const ranks = filter.severity.map((s) => rankOf(s as Severity));
    // Bounds as well as the list: the index scan stops past the least severe asked for instead of reading to the end.
    if (ranks.length === 1) where.push(`f.severity_rank = ${p.add(ranks[0])}`);
    else where.push(`f.severity_rank BETWEEN ${p.add(Math.min(...ranks))} AND ${p.add(Math.max(...ranks))}`, `f.severity_rank IN (${p.list(ranks)})`);
  }
  if (filter.status?.length) where.push(`s.status IN (${p.list(filter.status)})`);
  if (filter.directory) where.push(`f.directory = ${p.add(filter.directory)}`);
  if (filter.login) where.push(`lower(f.login) = lower(${p.add(filter.login)})`);
  if (filter.q) {
    // A prefix LIKE on the lowered columns, which IDX_finding_run_login_prefix and IDX_finding_run_name_prefix serve.
    const prefix = p.add(`${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(lower(f.login) LIKE ${prefix} OR lower(f.subject->>'name') LIKE ${prefix})`);
  }
  if (filter.id) where.push(`f.id = ${p.add(filter.id)}`);
  return where;
}

/**
 * After the key, in the list's order, as one row comparison that the index scan starts from. A column the filter
 * fixes (one severity, one rule) is left out when the key agrees with it, so that the comparison matches the index
 * that serves that filter (IDX_finding_run_rule_order has the rule before the severity).
 */
function afterKey(key: FindingKey, filter: FindingFilter, p: SqlParams, rankOf: RankOf): string {
  const oneRank = filter.severity?.length === 1 && rankOf(filter.severity[0] as Severity) === key.severityRank;
  const oneRule = filter.rule?.length === 1 && filter.rule[0] === key.rule;
  const columns: Array<[string, unknown]> = [];
  if (!oneRank) columns.push(['f.severity_rank', key.severityRank]);
  if (!oneRule) columns.push(['f.rule', key.rule]);
  columns.push([SORT_LOGIN, key.login], ['f.id', key.id]);
  return `(${columns.map(([c]) => c).join(', ')}) > (${columns.map(([, v]) => p.add(v)).join(', ')})`;
}

interface StateRow {
  id: string;
  rule: string;
  severity: string;
  directory: string | null;
  login: string | null;
  status: string;
  first_seen_at: Date | string;
  last_seen_at: Date | string;
  resolved_at: Date | string | null;
  reopened_count: number;
  decided_by: string | null;
  decided_at: Date | string | null;
  reason: string | null;
  accepted_until: Date | string | null;
}

interface FindingRow {
  id: string;
  rule: string;
  severity: string;
  subject: Finding['subject'];
  resource: Finding['resource'];
  message: string;
  evidence: Finding['evidence'];
  explain: string[];
}

interface RunRow {
  id: string;
  status: string;
  started_at: Date | string;
  finished_at: Date | string | null;
  as_of: Date | string;
  policy_version: string | null;
  counts: Record<string, number>;
  error: string | null;
}

function toState(r: StateRow): FindingState {
  return {
    id: r.id,
    rule: r.rule,
    severity: r.severity,
    directory: r.directory,
    login: r.login,
    status: r.status as FindingStatus,
    firstSeenAt: dateOf(r.first_seen_at),
    lastSeenAt: dateOf(r.last_seen_at),
    resolvedAt: dateOrNull(r.resolved_at),
    reopenedCount: r.reopened_count,
    decidedBy: r.decided_by,
    decidedAt: dateOrNull(r.decided_at),
    reason: r.reason,
    acceptedUntil: dateOrNull(r.accepted_until),
  };
}

function toRun(r: RunRow): AuditRunRecord {
  return {
    id: r.id,
    status: r.status as AuditRunRecord['status'],
    startedAt: dateOf(r.started_at),
    finishedAt: dateOrNull(r.finished_at),
    asOf: dateOf(r.as_of),
    policyVersion: r.policy_version,
    counts: r.counts,
    error: r.error,
  };
}
