import type { Severity } from '#vigie/audit';
import { ComplianceDataSource, type PrivilegedAccount, type ReportCheckpoint, type RiskAcceptance, type RuleCount } from '#vigie/reporting';
import type { SqlClient } from '../sql-client.js';

/** The findings that count now: the latest successful run's, not resolved, and not under a risk accepted in force. */
const LATEST_RUN = `(SELECT id FROM audit_run WHERE status = 'succeeded' ORDER BY finished_at DESC LIMIT 1)`;
const COUNTING = `s.status <> 'resolved' AND NOT (s.status = 'risk-accepted' AND (s.accepted_until IS NULL OR s.accepted_until > $2))`;

/**
 * Privileged groups, as in libs/audit/src/privileged-groups.ts (builtin Administrators, operators; Domain, Schema,
 * Enterprise Admins, Group Policy Creator Owners, Key Admins...): by SID, so renamed or translated groups count.
 */
const PRIVILEGED_GROUP = `(upper(g.object_sid) IN ('S-1-5-32-544', 'S-1-5-32-548', 'S-1-5-32-549', 'S-1-5-32-550', 'S-1-5-32-551')
   OR (upper(g.object_sid) LIKE 'S-1-5-21-%' AND split_part(g.object_sid, '-', 8) IN ('512', '518', '519', '520', '526', '527')))`;

/** What a compliance report reads besides the score, in a few read-only statements. */
export class PgComplianceDataSource extends ComplianceDataSource {
  constructor(
    private readonly db: SqlClient,
    private readonly now: () => Date = () => new Date(),
  ) {
    super();
  }

  async ruleCounts(subjectsPerRule: number): Promise<RuleCount[]> {
    const rows: Array<{ rule: string; severity: Severity; count: number; directories: string[] | null; subjects: string[] | null }> = await this.db.query(
      `WITH counting AS (
         SELECT f.rule, f.severity, f.severity_rank, f.directory, coalesce(f.login, f.subject->>'dn', f.subject->>'name', f.id) AS subject,
                row_number() OVER (PARTITION BY f.rule ORDER BY f.login NULLS LAST, f.id) AS n
           FROM finding f JOIN finding_state s ON s.id = f.id
          WHERE f.audit_run_id = ${LATEST_RUN} AND ${COUNTING})
       SELECT rule, (array_agg(severity ORDER BY severity_rank))[1] AS severity, min(severity_rank) AS rank, count(*)::int AS count,
              array_remove(array_agg(DISTINCT directory), NULL) AS directories,
              (array_agg(subject ORDER BY n) FILTER (WHERE n <= $1)) AS subjects
         FROM counting GROUP BY rule ORDER BY rank, count DESC, rule`,
      [subjectsPerRule, this.now()],
    );
    return rows.map((r) => ({ rule: r.rule, severity: r.severity, count: r.count, directories: r.directories ?? [], firstSubjects: r.subjects ?? [] }));
  }

  async lifecycleChanges(from: Date, to: Date): Promise<{ opened: number; resolved: number }> {
    const rows: Array<{ opened: number; resolved: number }> = await this.db.query(
      `SELECT count(*) FILTER (WHERE first_seen_at >= $1 AND first_seen_at < $2)::int AS opened,
              count(*) FILTER (WHERE resolved_at >= $1 AND resolved_at < $2)::int AS resolved
         FROM finding_state WHERE first_seen_at < $2 AND (first_seen_at >= $1 OR resolved_at >= $1)`,
      [from, to],
    );
    return { opened: rows[0]?.opened ?? 0, resolved: rows[0]?.resolved ?? 0 };
  }

  async openRiskAcceptances(now: Date, limit: number): Promise<RiskAcceptance[]> {
    const rows: Array<{
      id: string;
      rule: string;
      login: string | null;
      decided_by: string | null;
      reason: string | null;
      accepted_until: Date | string | null;
    }> = await this.db.query(
      `SELECT id, rule, login, decided_by, reason, accepted_until FROM finding_state
          WHERE status = 'risk-accepted' AND (accepted_until IS NULL OR accepted_until > $1)
          ORDER BY accepted_until NULLS LAST, id LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => ({
      finding: r.id,
      rule: r.rule,
      subject: r.login,
      by: r.decided_by,
      reason: r.reason,
      until: r.accepted_until === null ? null : new Date(r.accepted_until),
    }));
  }

  async privilegedAccounts(limit: number): Promise<PrivilegedAccount[]> {
    const rows: Array<{
      directory: string;
      group_name: string;
      login: string | null;
      dn: string;
      enabled: boolean;
      last_logon: Date | string | null;
      pwd_last_set: Date | string | null;
    }> = await this.db.query(
      `SELECT g.directory, g.name AS group_name, a.login, a.dn, a.enabled, a.last_logon, a.pwd_last_set
         FROM directory_group g
         JOIN membership m ON m.directory = g.directory AND m.group_dn_norm = g.dn_norm
         JOIN account a ON a.directory = m.directory AND a.dn_norm = m.member_dn_norm
        WHERE ${PRIVILEGED_GROUP}
        ORDER BY g.directory, g.name, a.login NULLS LAST, a.dn LIMIT $1`,
      [limit],
    );
    const date = (v: Date | string | null) => (v === null ? null : new Date(v));
    return rows.map((r) => ({
      directory: r.directory,
      group: r.group_name,
      login: r.login ?? r.dn,
      enabled: r.enabled,
      lastLogon: date(r.last_logon),
      pwdLastSet: date(r.pwd_last_set),
    }));
  }

  async latestCheckpoint(at: Date): Promise<ReportCheckpoint | null> {
    const rows: Array<{ chain: string; seq: string; created_at: Date | string; hash: string; key_id: string }> = await this.db.query(
      `SELECT chain, seq, created_at, hash, key_id FROM trail_checkpoint WHERE created_at <= $1 ORDER BY created_at DESC, seq DESC LIMIT 1`,
      [at],
    );
    const r = rows[0];
    return r ? { chain: r.chain, seq: Number(r.seq), at: new Date(r.created_at), hash: r.hash.trim(), keyId: r.key_id } : null;
  }
}
