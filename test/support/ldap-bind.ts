import { readFileSync } from 'node:fs';
import { Client } from 'ldapts';

/**
 * Whether a simple bind as dn with password succeeds on the server at url (LDAPS with caFile): the proof a test gives
 * that a password was set or an account disabled, asked of the server itself. Resolves to the LDAP result code of a
 * refusal (49 invalid credentials, ...), 0 on success.
 */
export async function bindResult(url: string, caFile: string, dn: string, password: string): Promise<number> {
  const client = new Client({ url, timeout: 10_000, connectTimeout: 10_000, tlsOptions: { ca: readFileSync(caFile), rejectUnauthorized: true } });
  try {
    await client.bind(dn, password);
    return 0;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'number') return code;
    throw error;
  } finally {
    await client.unbind().catch(() => undefined);
  }
}
