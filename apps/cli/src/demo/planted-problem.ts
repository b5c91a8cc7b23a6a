/**
 * A problem planted on purpose in the demo directory, so that a test (and a person trying Vigie)
 * can check that the audit reports it. `rule` is the audit rule id from the catalogue.
 */
export interface PlantedProblem {
  rule: string;
  /** sAMAccountName of the account at fault. */
  login?: string;
  /** The finding's subject when it is not an account: a group's name. Neither login nor subject: the whole directory. */
  subject?: string;
  /** The group through which the problem arises. */
  group?: string;
  /** The policy resource concerned (G- rules). */
  resourceId?: string;
  note: string;
  /**
   * false when the audit must NOT report it from the LDIF alone: a trap the engine must survive
   * (the group cycle) or a problem that needs another source (the HR feed for a leaver).
   */
  expectFinding?: boolean;
}
