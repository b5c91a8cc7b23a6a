/** One person as the HR system knows them: the source of truth for joiners, movers and leavers. */
export interface HrRecord {
  /** Null when the export has none: the record is then matched to accounts by login or mail. */
  employeeId: string | null;
  login: string | null;
  mail: string | null;
  firstName: string | null;
  lastName: string | null;
  department: string | null;
  title: string | null;
  employeeType: string | null;
  hireDate: Date | null;
  /** Last working day; after it the person is a leaver. */
  endDate: Date | null;
  /** Date of the last change of department or title, with the previous values. */
  moveDate: Date | null;
  previousDepartment: string | null;
  previousTitle: string | null;
}

/** What names a person in a record and on an account; reports say it with the first one known. */
export function personLabel(record: Pick<HrRecord, 'employeeId' | 'mail' | 'login'>): string {
  return record.employeeId ?? record.mail ?? record.login ?? '(unnamed)';
}

/**
 * The roster, indexed the way accounts are matched to people: employee id first, then login, then mail (many
 * exports carry no employee id, and many directories no employeeID; both usually carry the mail address).
 */
export class HrRoster {
  private readonly byEmployeeId = new Map<string, HrRecord>();
  private readonly byLogin = new Map<string, HrRecord>();
  private readonly byMail = new Map<string, HrRecord>();

  /**
   * @param complete whether the roster names everyone the company employs (an export does): a partial one (the people
   *   HR events told of, with no export beside them) cannot say an account belongs to no one, so G-ORPHAN stays silent.
   */
  constructor(
    readonly records: HrRecord[],
    readonly complete: boolean = true,
  ) {
    for (const r of records) {
      if (r.employeeId) this.byEmployeeId.set(r.employeeId.toLowerCase(), r);
      if (r.login) this.byLogin.set(r.login.toLowerCase(), r);
      if (r.mail) this.byMail.set(r.mail.toLowerCase(), r);
    }
  }

  find(account: { employeeId: string | null; login: string | null; mail?: string | null }): HrRecord | undefined {
    return (
      (account.employeeId ? this.byEmployeeId.get(account.employeeId.toLowerCase()) : undefined) ??
      (account.login ? this.byLogin.get(account.login.toLowerCase()) : undefined) ??
      (account.mail ? this.byMail.get(account.mail.toLowerCase()) : undefined)
    );
  }
}
