import { randomUUID } from 'node:crypto';
import { type ApiTokenRecord, ApiTokenStore, parseRole } from '#vigie/access-control';

/** The API tokens in memory, for specs that run the real ApiTokenService. Keeps the digests, never a secret. */
export class InMemoryApiTokenStore extends ApiTokenStore {
  readonly rows: Array<ApiTokenRecord & { tokenHash: string }> = [];

  constructor(private readonly now: () => Date = () => new Date()) {
    super();
  }

  async insert(token: { name: string; role: string; tokenHash: string; expiresAt: Date | null }): Promise<ApiTokenRecord> {
    const row = {
      id: randomUUID(),
      name: token.name,
      role: parseRole(token.role),
      tokenHash: token.tokenHash,
      createdAt: this.now(),
      expiresAt: token.expiresAt,
      revokedAt: null,
    };
    this.rows.push(row);
    return recordOf(row);
  }

  async findByHash(tokenHash: string): Promise<ApiTokenRecord | null> {
    const row = this.rows.find((r) => r.tokenHash === tokenHash);
    return row ? recordOf(row) : null;
  }

  async list(): Promise<ApiTokenRecord[]> {
    return this.rows.map(recordOf);
  }

  /** Revokes an active token; false when there is none with that id (unknown, or revoked already). */
  async revoke(id: string): Promise<boolean> {
    const row = this.rows.find((r) => r.id === id && !r.revokedAt);
    if (!row) return false;
    row.revokedAt = this.now();
    return true;
  }
}

function recordOf({ tokenHash: _digest, ...record }: ApiTokenRecord & { tokenHash: string }): ApiTokenRecord {
  return { ...record };
}
