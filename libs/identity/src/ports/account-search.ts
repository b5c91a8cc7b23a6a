import type { AccountKind } from '../snapshot.model.js';

/** An account as a search lists it: enough to tell people apart and open their page. */
export interface AccountSummary {
  directory: string;
  dn: string;
  kind: AccountKind;
  login: string | null;
  displayName: string | null;
  employeeId: string | null;
  enabled: boolean;
}

export interface AccountSearchQuery {
  /** The start of a login, display name, employee id or mail, any case; every account when absent. */
  q?: string;
  directory?: string;
  /** This one account only (directory and DN, compared normalized): what an employee may find, themselves. */
  only?: { directory: string; dn: string };
  limit: number;
  /** nextCursor of the previous page. */
  cursor?: string;
}

export interface AccountSearchPage {
  items: AccountSummary[];
  nextCursor: string | null;
}

/**
 * The synchronised accounts of every directory, by the start of what people type (login, name, employee id, mail),
 * in a stable order, a page at a time: a keyset, so that a page of a 100,000-account directory reads its rows only.
 */
export abstract class AccountSearch {
  abstract search(query: AccountSearchQuery): Promise<AccountSearchPage>;
}
