// Types only: a store's module must not load its domain library (the command line loads stores it never uses).
import type { NewStaffSession, SessionEndReason, StaffPerson, StaffRole, StaffSession, StaffSessionStore } from '#vigie/access-control';
import type { SqlClient } from '../sql-client.js';
import { dateOf, dateOrNull } from './row-values.js';

const SELECT = 'id, subject, method, display_name, roles, person, created_at, last_seen_at, expires_at, roles_checked_at, ended_at, end_reason';

interface SessionRow {
  id: string;
  subject: string;
  method: string;
  display_name: string;
  roles: unknown;
  person: unknown;
  created_at: Date | string;
  last_seen_at: Date | string;
  expires_at: Date | string;
  roles_checked_at: Date | string;
  ended_at: Date | string | null;
  end_reason: string | null;
}

/** People's web sessions (table staff_session), found by a digest of their cookie. */
export class PgStaffSessionStore implements StaffSessionStore {
  constructor(private readonly db: SqlClient) {}

  async insert(s: NewStaffSession): Promise<StaffSession> {
    const rows: SessionRow[] = await this.db.query(
      `INSERT INTO staff_session (token_hash, subject, method, display_name, roles, person, created_at, last_seen_at, expires_at, roles_checked_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9, $10) RETURNING ${SELECT}`,
      [
        s.tokenHash,
        s.subject,
        s.method,
        s.displayName,
        JSON.stringify(s.roles),
        s.person ? JSON.stringify(s.person) : null,
        s.createdAt,
        s.lastSeenAt,
        s.expiresAt,
        s.rolesCheckedAt,
      ],
    );
    return toSession(rows[0]!);
  }

  async findByTokenHash(tokenHash: string): Promise<StaffSession | null> {
    const rows: SessionRow[] = await this.db.query(`SELECT ${SELECT} FROM staff_session WHERE token_hash = $1`, [tokenHash]);
    return rows.length ? toSession(rows[0]!) : null;
  }

  async touch(id: string, lastSeenAt: Date): Promise<void> {
    // Never backwards: two requests of one page may finish in any order.
    await this.db.query(`UPDATE staff_session SET last_seen_at = GREATEST(last_seen_at, $2) WHERE id = $1 AND ended_at IS NULL`, [id, lastSeenAt]);
  }

  async refreshRoles(id: string, roles: StaffRole[], displayName: string, checkedAt: Date): Promise<void> {
    await this.db.query(
      `UPDATE staff_session SET roles = $2::jsonb, display_name = $3, roles_checked_at = $4, last_seen_at = GREATEST(last_seen_at, $4) WHERE id = $1 AND ended_at IS NULL`,
      [id, JSON.stringify(roles), displayName, checkedAt],
    );
  }

  async end(id: string, reason: SessionEndReason, at: Date): Promise<boolean> {
    const [, affected] = (await this.db.query(`UPDATE staff_session SET ended_at = $2, end_reason = $3 WHERE id = $1 AND ended_at IS NULL`, [
      id,
      at,
      reason,
    ])) as [unknown, number | null];
    return (affected ?? 0) > 0;
  }

  async purgeEndedBefore(before: Date): Promise<number> {
    const [, affected] = (await this.db.query(`DELETE FROM staff_session WHERE ended_at < $1 OR expires_at < $1`, [before])) as [unknown, number | null];
    return affected ?? 0;
  }
}

function toSession(r: SessionRow): StaffSession {
  const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
  return {
    id: r.id,
    subject: r.subject,
    method: r.method as StaffSession['method'],
    displayName: r.display_name,
    roles: json(r.roles) as StaffRole[],
    person: (json(r.person) as StaffPerson | null) ?? null,
    createdAt: dateOf(r.created_at),
    lastSeenAt: dateOf(r.last_seen_at),
    expiresAt: dateOf(r.expires_at),
    rolesCheckedAt: dateOf(r.roles_checked_at),
    endedAt: dateOrNull(r.ended_at),
    endReason: r.end_reason as SessionEndReason | null,
  };
}
