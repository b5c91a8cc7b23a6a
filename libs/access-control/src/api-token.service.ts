import { createHash, randomBytes } from 'node:crypto';
import { type UnitOfWork, VigieError } from '#vigie/common';
import type { TrailWriter } from '#vigie/trail';
import type { ApiTokenRecord } from './api-token.model.js';
import type { Staff } from './staff.model.js';
import type { ApiTokenStore } from './ports/api-token.store.js';

/** What creating or revoking a token writes: the token's row and its trail entry, in one transaction. */
export interface ApiTokenTransaction {
  tokens: ApiTokenStore;
  trail: TrailWriter;
}
import { parseTokenRole } from './staff-role.js';

const PREFIX = 'vig_';

/**
 * API tokens: 256 random bits shown once, stored as a SHA-256 digest. A slow password hash is not
 * needed for secrets of that entropy, and a fast digest keeps every request's check cheap.
 */
export class ApiTokenService {
  constructor(
    private readonly store: ApiTokenStore,
    private readonly uow: UnitOfWork<ApiTokenTransaction>,
  ) {}

  async create(input: { name: string; role: string; expiresInDays?: number }): Promise<{ token: string; record: ApiTokenRecord }> {
    const role = parseTokenRole(input.role);
    const name = input.name.trim();
    if (!name || name.length > 100) throw new VigieError('invalid-input', 'a token needs a name of 1 to 100 characters (--name)');
    if (input.expiresInDays !== undefined && !(Number.isInteger(input.expiresInDays) && input.expiresInDays > 0)) {
      throw new VigieError('invalid-input', '--expires-in-days expects a positive whole number of days');
    }
    const token = PREFIX + randomBytes(32).toString('base64url');
    const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
    const record = await this.uow.run(async ({ tokens, trail }) => {
      const inserted = await tokens.insert({ name, role, tokenHash: hashToken(token), expiresAt });
      await trail.record({ action: 'api-token.created', target: { type: 'api-token', id: inserted.id }, after: { role, expiresAt }, personal: { name } });
      return inserted;
    });
    return { token, record };
  }

  /** The caller behind a token, or null when it is unknown, revoked or expired (never which). */
  async verify(token: string, now = new Date()): Promise<Staff | null> {
    if (!token.startsWith(PREFIX) || token.length > 200) return null;
    const record = await this.store.findByHash(hashToken(token));
    if (!record || record.revokedAt || (record.expiresAt && record.expiresAt <= now)) return null;
    return { type: 'token', id: record.id, name: record.name, roles: [record.role], method: 'token' };
  }

  list(): Promise<ApiTokenRecord[]> {
    return this.store.list();
  }

  revoke(id: string): Promise<boolean> {
    return this.uow.run(async ({ tokens, trail }) => {
      const revoked = await tokens.revoke(id);
      if (revoked) await trail.record({ action: 'api-token.revoked', target: { type: 'api-token', id }, after: { revokedAt: new Date() } });
      return revoked;
    });
  }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
