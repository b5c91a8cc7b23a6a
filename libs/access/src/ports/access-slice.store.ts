import type { AccountRecord, DirectorySnapshot } from '#vigie/identity';

/**
 * Reads the parts of a synchronised directory that one effective-access question needs, so that asking about one
 * person or one share never loads a hundred thousand accounts. Each slice is a superset of what the calculator can
 * walk from its starting points: running EffectiveAccessCalculator on it answers as it would on the whole snapshot.
 */
export abstract class AccessSliceStore {
  /** The directories that have a synchronised snapshot, sorted. */
  abstract directories(): Promise<string[]>;

  /**
   * Accounts named by `text`: by normalized DN when `dnNorm` is given, else by login (case-insensitive) or employee
   * id; in every directory, or in the one named.
   */
  abstract findAccounts(query: { dnNorm: string | null; text: string }, directory?: string): Promise<AccountRecord[]>;

  /**
   * These accounts with every group and principal above them: their groups at any depth, their primary groups, the
   * principals every account is implicitly in (Everyone, Authenticated Users, the everyone groups named), and the
   * memberships between all of these. `groupRefs` (names, DNs, SIDs) adds those groups with everything above them,
   * whether the accounts reach them or not: what a request would make them reach.
   */
  abstract above(
    directory: string,
    accounts: readonly AccountRecord[],
    everyoneRefs: readonly string[],
    groupRefs?: readonly string[],
  ): Promise<DirectorySnapshot>;

  /**
   * The groups these references name (names, DNs, SIDs) with everything below them: members at any depth, the
   * accounts whose primary group is among them, and every account of the directory when an implicit principal is.
   */
  abstract below(directory: string, groupRefs: readonly string[], everyoneRefs: readonly string[]): Promise<DirectorySnapshot>;
}
