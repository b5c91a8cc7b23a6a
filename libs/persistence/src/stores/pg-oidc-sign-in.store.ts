import type { OidcPendingSignIn, OidcSignInStore } from '#vigie/access-control';
import type { SqlClient } from '../sql-client.js';

/** OpenID Connect sign-ins waiting for the provider's callback (table oidc_sign_in). */
export class PgOidcSignInStore implements OidcSignInStore {
  constructor(private readonly db: SqlClient) {}

  async insert(bindingHash: string, pending: OidcPendingSignIn, expiresAt: Date): Promise<void> {
    // Expired ones go on the way: nothing else reads them.
    await this.db.query(`DELETE FROM oidc_sign_in WHERE expires_at < now()`);
    await this.db.query(`INSERT INTO oidc_sign_in (binding_hash, state, nonce, code_verifier, expires_at) VALUES ($1, $2, $3, $4, $5)`, [
      bindingHash,
      pending.state,
      pending.nonce,
      pending.codeVerifier,
      expiresAt,
    ]);
  }

  async take(bindingHash: string, now: Date): Promise<OidcPendingSignIn | null> {
    // DELETE … RETURNING: two callbacks with one binding cannot both get it.
    // An UPDATE or DELETE answers [rows, count] (as TypeORM's query does).
    const [rows] = (await this.db.query(`DELETE FROM oidc_sign_in WHERE binding_hash = $1 RETURNING state, nonce, code_verifier, expires_at`, [
      bindingHash,
    ])) as [Array<{ state: string; nonce: string; code_verifier: string; expires_at: Date | string }>, number];
    const row = rows[0];
    if (!row || new Date(row.expires_at) <= now) return null;
    return { state: row.state, nonce: row.nonce, codeVerifier: row.code_verifier };
  }
}
