// Types only at import: the audit library (its rules, the policy parser) loads when findings are written or decided,
// not with every command that loads the stores.
import type {
  AuditRunRecord,
  Finding,
  FindingDecision,
  FindingFilter,
  FindingState,
  FindingStatus,
  FindingStore,
  FindingWithState,
  LifecyclePlan,
  Page,
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

/** Still-open findings only move their last-seen time: one statement per slice of ids, not one per finding. */
const TOUCH_SLICE = 10_000;

/** Audit runs, their findings and the findings' lifecycle (tables audit_run, finding, finding_state). */
export class PgFindingStore implements FindingStore {
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
    const { severityRank } = await import('#vigie/audit');
    return this.db.transaction(async (tx) => {
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
      };
      await tx.query(`UPDATE audit_run SET status = 'succeeded', finished_at = $2, policy_version = $3, counts = $4::jsonb WHERE id = $1`, [
        id,
        new Date(),
        policyVersion,
        JSON.stringify(allCounts),
      ]);
      return lifecycle;
    });
  }

  async failRun(id: string, reason: string): Promise<void> {
    await this.db.query(`UPDATE audit_run SET status = 'failed', finished_at = $2, error = $3 WHERE id = $1`, [id, new Date(), reason]);
  }

  async latestRun(): Promise<AuditRunRecord | null> {
    const rows: RunRow[] = await this.db.query(`SELECT ${RUN_SELECT} FROM audit_run WHERE status = 'succeeded' ORDER BY finished_at DESC LIMIT 1`);
    return rows.length ? toRun(rows[0]!) : null;
  }

  async query(runId: string, filter: FindingFilter, page: Page): Promise<{ total: number; findings: FindingWithState[] }> {
    const p = new SqlParams();
    const where = [`f.audit_run_id = ${p.add(runId)}`];
    if (filter.rule?.length) where.push(`f.rule IN (${p.list(filter.rule)})`);
    if (filter.severity?.length) where.push(`f.severity IN (${p.list(filter.severity)})`);
    if (filter.status?.length) where.push(`s.status IN (${p.list(filter.status)})`);
    if (filter.directory) where.push(`f.directory = ${p.add(filter.directory)}`);
    if (filter.login) where.push(`lower(f.login) = lower(${p.add(filter.login)})`);
    const from = `finding f JOIN finding_state s ON s.id = f.id WHERE ${where.join(' AND ')}`;
    const [{ total }] = (await this.db.query(`SELECT count(*)::int AS total FROM ${from}`, [...p.values])) as Array<{ total: number }>;
    const rows: Array<FindingRow & StateRow> = await this.db.query(
      `SELECT f.id, f.rule, f.severity, f.subject, f.resource, f.message, f.evidence, f.explain,
              s.status, s.first_seen_at, s.last_seen_at, s.reopened_count, s.decided_by, s.decided_at, s.reason, s.accepted_until
         FROM ${from}
        ORDER BY f.severity_rank, f.rule, f.login, f.id
        LIMIT ${p.add(page.limit)} OFFSET ${p.add(page.offset)}`,
      p.values,
    );
    return {
      total,
      findings: rows.map((r) => ({
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
