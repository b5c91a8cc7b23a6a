import { normalizeDn } from '#vigie/directory';
import { AccountSearch, type AccountKind, type AccountSearchPage, type AccountSearchQuery } from '#vigie/identity';
import type { SqlClient } from '../sql-client.js';
import { decodeKeyset, encodeKeyset } from './keyset-cursor.js';
import { SqlParams } from './sql-params.js';

/** `LIKE` reads `%`, `_` and `\` as wildcards or escapes: a search for them finds them as typed. */
function likePrefix(text: string): string {
  return `${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Accounts ordered by (directory, normalized DN), the table's key, so the next page starts where the last stopped.
 * The prefix conditions use the text_pattern_ops indexes of the DeskLookupIndexes migration (one bitmap each, OR-ed).
 */
export class PgAccountSearch extends AccountSearch {
  constructor(private readonly db: SqlClient) {
    super();
  }

  async search(query: AccountSearchQuery): Promise<AccountSearchPage> {
    const p = new SqlParams();
    const where: string[] = [];
    if (query.directory) where.push(`directory = ${p.add(query.directory)}`);
    if (query.only) where.push(`directory = ${p.add(query.only.directory)} AND dn_norm = ${p.add(normalizeDn(query.only.dn))}`);
    if (query.q) {
      const prefix = p.add(likePrefix(query.q));
      where.push(`(lower(login) LIKE ${prefix} OR lower(display_name) LIKE ${prefix} OR lower(employee_id) LIKE ${prefix} OR lower(mail) LIKE ${prefix})`);
    }
    if (query.cursor) {
      const [directory, dnNorm] = decodeKeyset(query.cursor, ['string', 'string']);
      where.push(`(directory, dn_norm) > (${p.add(directory)}, ${p.add(dnNorm)})`);
    }
    const rows: Array<{
      directory: string;
      dn: string;
      dn_norm: string;
      kind: string;
      login: string | null;
      display_name: string | null;
      employee_id: string | null;
      enabled: boolean;
    }> = await this.db.query(
      `SELECT directory, dn, dn_norm, kind, login, display_name, employee_id, enabled FROM account
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY directory, dn_norm LIMIT ${p.add(query.limit + 1)}`,
      p.values,
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => ({
        directory: r.directory,
        dn: r.dn,
        kind: r.kind as AccountKind,
        login: r.login,
        displayName: r.display_name,
        employeeId: r.employee_id,
        enabled: r.enabled,
      })),
      nextCursor: rows.length > query.limit && last ? encodeKeyset([last.directory, last.dn_norm]) : null,
    };
  }
}
