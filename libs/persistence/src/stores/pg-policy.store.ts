// Types only: a store's module must not load its domain library (the command line loads stores it never uses).
import type { PolicyIssue, PolicyLoadFailure, PolicyStore, StoredPolicy } from '#vigie/policy';
import type { SqlClient } from '../sql-client.js';
import { dateOf } from './row-values.js';

/** A file of a stored version, as the `files` column holds it: base64 keeps the exact bytes, whose hash is the version. */
interface StoredPolicyFile {
  path: string;
  base64: string;
}

/** The policy versions that loaded valid, with their files, and the loads that failed (policy_version, policy_load_failure). */
export class PgPolicyStore implements PolicyStore {
  constructor(private readonly db: SqlClient) {}

  async saveValid(policy: { version: string; source: string; files: StoredPolicy['files'] }, at: Date): Promise<void> {
    const files: StoredPolicyFile[] = policy.files.map(({ path, bytes }) => ({ path, base64: Buffer.from(bytes).toString('base64') }));
    // Replicas store the same version concurrently: one row per version, whose last_valid_at only moves forward.
    await this.db.query(
      `INSERT INTO "policy_version" ("version", "source", "files", "first_stored_at", "last_valid_at") VALUES ($1, $2, $3, $4, $4)
       ON CONFLICT ("version") DO UPDATE SET
         "source" = CASE WHEN EXCLUDED."last_valid_at" >= "policy_version"."last_valid_at" THEN EXCLUDED."source" ELSE "policy_version"."source" END,
         "last_valid_at" = GREATEST("policy_version"."last_valid_at", EXCLUDED."last_valid_at")`,
      [policy.version, policy.source, JSON.stringify(files), at],
    );
  }

  async lastValid(): Promise<StoredPolicy | null> {
    const rows: Array<{ version: string; source: string; files: StoredPolicyFile[]; first_stored_at: Date | string; last_valid_at: Date | string }> =
      await this.db.query(`SELECT version, source, files, first_stored_at, last_valid_at FROM policy_version ORDER BY last_valid_at DESC LIMIT 1`);
    const row = rows[0];
    if (!row) return null;
    return {
      version: row.version,
      source: row.source,
      files: row.files.map(({ path, base64 }) => ({ path, bytes: new Uint8Array(Buffer.from(base64, 'base64')) })),
      firstStoredAt: dateOf(row.first_stored_at),
      lastValidAt: dateOf(row.last_valid_at),
    };
  }

  async recordFailure(failure: PolicyLoadFailure): Promise<void> {
    await this.db.query(`INSERT INTO policy_load_failure (at, source, message, errors, fallback_version) VALUES ($1, $2, $3, $4::jsonb, $5)`, [
      failure.at,
      failure.source,
      failure.message,
      JSON.stringify(failure.errors),
      failure.fallbackVersion,
    ]);
  }

  async lastFailure(): Promise<PolicyLoadFailure | null> {
    const rows: Array<{ at: Date | string; source: string; message: string; errors: PolicyIssue[]; fallback_version: string | null }> = await this.db.query(
      `SELECT at, source, message, errors, fallback_version FROM policy_load_failure ORDER BY at DESC LIMIT 1`,
    );
    const row = rows[0];
    return row ? { at: dateOf(row.at), source: row.source, message: row.message, errors: row.errors, fallbackVersion: row.fallback_version } : null;
  }
}
