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

/**
 * Every form of one person's identity Vigie's tables hold, in the kinds of the personal-data registry: found from
 * the employee id or login asked for, then from each row that names them (a finding's subject gives the DN, a
 * change of that DN the login...), until nothing new turns up.
 */
export interface IdentityForms {
  employeeIds: string[];
  logins: string[];
  dns: string[];
  names: string[];
  mails: string[];
  /** Directories the person was found in (for their pseudonym when the trail never named them). */
  directories: string[];
}

export interface ErasureOutcome {
  /** Rows changed per table. */
  rows: Record<string, number>;
  trailEntries: number;
  trailPersons: number;
  /** The trail entries whose personal part the erasure blanked, for its signed record (erasureRecordInput). */
  trailErasure: TrailErasure;
}

/** A past erasure, found again by a keyed digest of one of the identifiers it was asked for. */
export interface ErasureRecord {
  pseudonym: string;
  erasedAt: Date;
}

/** Where Vigie holds data about people, for the rights of data subjects (GDPR art. 15 and 17). */
export abstract class PersonalDataStore {
  /** Accounts whose employee id or login (any case) is the value, in every directory. */
  abstract findAccounts(employeeIdOrLogin: string): Promise<AccountRecord[]>;
  /**
   * The same accounts, read in a transaction that keeps every sync from writing accounts until it ends: the erasure's
   * check that the person is no longer in a directory holds until it commits.
   */
  abstract lockAccounts(employeeIdOrLogin: string): Promise<AccountRecord[]>;
  /** Every form of the identity the registry's identifying columns hold, starting from these (any case). */
  abstract identify(seed: IdentityForms): Promise<IdentityForms>;
  /** Rows per table that hold one of the forms: what an erasure would touch. */
  abstract holdings(forms: IdentityForms): Promise<Record<string, number>>;
  /** Findings of every kept audit run whose subject has one of these DNs, logins or employee ids. */
  abstract findingsAbout(forms: IdentityForms): Promise<StoredFinding[]>;
  /**
   * In one transaction: scrubs the personal part of the trail entries naming these pseudonyms and the people's
   * rows, clears the accounts' personal attributes, replaces each identifying value, as a whole word, in every
   * column the registry names, and records the erasure under the digests of the identifiers asked for.
   */
  abstract erase(input: {
    pseudonyms: string[];
    accounts: Array<{ directory: string; dnNorm: string }>;
    replacements: Replacement[];
    record: { pseudonym: string; digests: string[]; forced: boolean };
  }): Promise<ErasureOutcome>;
  /** The erasure recorded under one of these digests, if any (the first one). */
  abstract findErasure(digests: string[]): Promise<ErasureRecord | null>;
}
