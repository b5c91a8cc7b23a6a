import type { AccountRecord } from '#vigie/identity';
import type { TrailErasure } from '#vigie/trail';

/** A finding about the person, from any audit run Vigie keeps. */
export interface StoredFinding {
  auditRunId: string;
  auditRunAsOf: Date | null;
  id: string;
  rule: string;
  severity: string;
  subject: Record<string, unknown>;
  resource: Record<string, unknown> | null;
  message: string;
  evidence: Record<string, unknown>;
  explain: string[];
}

/** One value that identifies the person, and what it becomes once they are erased. */
export interface Replacement {
  value: string;
  by: string;
}

export interface ErasureOutcome {
  /** Rows changed per table. */
  rows: Record<string, number>;
  trailEntries: number;
  trailPersons: number;
  /** The trail entries whose personal part the erasure blanked, for its signed record (erasureRecordInput). */
  trailErasure: TrailErasure;
}

/** Where Vigie holds data about people, for the rights of data subjects (GDPR art. 15 and 17). */
export abstract class PersonalDataStore {
  /** Accounts whose employee id or login (any case) is the value, in every directory. */
  abstract findAccounts(employeeIdOrLogin: string): Promise<AccountRecord[]>;
  /** Findings of every kept audit run whose subject is one of these accounts (by directory and DN) or logins. */
  abstract findingsAbout(accounts: Array<{ directory: string; dn: string }>, logins: string[]): Promise<StoredFinding[]>;
  /**
   * In one transaction: scrubs the personal part of the trail entries naming these pseudonyms and the people's
   * rows, clears the accounts' personal attributes, and replaces each identifying value, as a whole word, in every
   * text and JSON column of every table but the chained trail (which holds none).
   */
  abstract erase(input: { pseudonyms: string[]; accounts: Array<{ directory: string; dnNorm: string }>; replacements: Replacement[] }): Promise<ErasureOutcome>;
}
