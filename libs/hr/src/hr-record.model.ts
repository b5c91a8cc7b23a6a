/** One person as the HR system knows them: the source of truth for joiners, movers and leavers. */
export interface HrRecord {
  employeeId: string;
  login: string | null;
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

/** The roster, indexed the way accounts are matched to people: employee id first, then login. */
export class HrRoster {
  private readonly byEmployeeId = new Map<string, HrRecord>();
  private readonly byLogin = new Map<string, HrRecord>();

  constructor(readonly records: HrRecord[]) {
    for (const r of records) {
      this.byEmployeeId.set(r.employeeId.toLowerCase(), r);
      if (r.login) this.byLogin.set(r.login.toLowerCase(), r);
    }
  }

  find(account: { employeeId: string | null; login: string | null }): HrRecord | undefined {
    return (
      (account.employeeId ? this.byEmployeeId.get(account.employeeId.toLowerCase()) : undefined) ??
      (account.login ? this.byLogin.get(account.login.toLowerCase()) : undefined)
    );
  }
}
