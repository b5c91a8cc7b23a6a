// Types only: a store's module must not load its domain library (the command line loads stores it never uses).
import type { ApiTokenRecord, ApiTokenStore, StaffRole } from '#vigie/access-control';
import type { SqlClient } from '../sql-client.js';
import { dateOf, dateOrNull } from './row-values.js';

const TOKEN_SELECT = 'id, name, role, created_at, expires_at, revoked_at';

interface TokenRow {
  id: string;
  name: string;
  role: string;
  created_at: Date | string;
  expires_at: Date | string | null;
  revoked_at: Date | string | null;
}

/** The API's tokens (table api_token), of which only a SHA-256 is kept. */
export class PgApiTokenStore implements ApiTokenStore {
  constructor(private readonly db: SqlClient) {}

  async insert(token: { name: string; role: string; tokenHash: string; expiresAt: Date | null }): Promise<ApiTokenRecord> {
    const rows: TokenRow[] = await this.db.query(
      `INSERT INTO api_token (name, role, token_hash, expires_at) VALUES ($1, $2, $3, $4) RETURNING ${TOKEN_SELECT}`,
      [token.name, token.role, token.tokenHash, token.expiresAt],
    );
    return toRecord(rows[0]!);
  }

  async findByHash(tokenHash: string): Promise<ApiTokenRecord | null> {
    const rows: TokenRow[] = await this.db.query(`SELECT ${TOKEN_SELECT} FROM api_token WHERE token_hash = $1`, [tokenHash]);
    return rows.length ? toRecord(rows[0]!) : null;
  }

  async list(): Promise<ApiTokenRecord[]> {
    const rows: TokenRow[] = await this.db.query(`SELECT ${TOKEN_SELECT} FROM api_token ORDER BY created_at`);
    return rows.map(toRecord);
  }

  async revoke(id: string): Promise<boolean> {
    // An id typed by hand that is no UUID names no token (rather than failing the statement).
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return false;
    const [, affected] = (await this.db.query(`UPDATE api_token SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [id, new Date()])) as [
      unknown,
      number | null,
    ];
    return (affected ?? 0) > 0;
  }
}

function toRecord(r: TokenRow): ApiTokenRecord {
  return {
    id: r.id,
    name: r.name,
    role: r.role as StaffRole,
    createdAt: dateOf(r.created_at),
    expiresAt: dateOrNull(r.expires_at),
    revokedAt: dateOrNull(r.revoked_at),
  };
}
