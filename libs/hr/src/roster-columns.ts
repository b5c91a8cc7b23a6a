/** The roster's fields, as HrRecord names them. */
export const ROSTER_COLUMNS = [
  'employeeId',
  'login',
  'mail',
  'firstName',
  'lastName',
  'department',
  'title',
  'employeeType',
  'hireDate',
  'endDate',
  'moveDate',
  'previousDepartment',
  'previousTitle',
] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];

/** How a roster export names its columns, when it does not use Vigie's names or the usual aliases. */
export interface RosterFormat {
  /** Vigie's field → the header of the export's column (`mail: Adresse électronique`). */
  columns?: Partial<Record<RosterColumn, string>>;
  /** Columns of the export Vigie does not read (salary, phone...), refused otherwise so that a misspelt column is no silent gap. */
  ignoreColumns?: string[];
}

// The names HR systems and directory exports commonly give these fields (LDAP inetOrgPerson, SCIM, French HR
// software): a roster with givenName/familyName/email reads as it is.
const ALIASES: Record<RosterColumn, readonly string[]> = {
  employeeId: ['employeeNumber', 'matricule', 'personnelNumber'],
  login: ['uid', 'sAMAccountName', 'userName', 'identifiant'],
  mail: ['email', 'e-mail', 'emailAddress', 'courriel'],
  firstName: ['givenName', 'prenom', 'prénom'],
  lastName: ['familyName', 'surname', 'sn', 'nom'],
  department: ['departement', 'département', 'service'],
  title: ['jobTitle', 'poste', 'fonction'],
  employeeType: ['contractType', 'typeContrat'],
  hireDate: ['startDate', 'dateEntree', 'dateEntrée'],
  endDate: ['leaveDate', 'terminationDate', 'dateSortie'],
  moveDate: ['transferDate'],
  previousDepartment: [],
  previousTitle: [],
};

const fold = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, '');

export interface HeaderReading {
  /** For each column of the export, the field it fills, or null for an ignored column. */
  fields: Array<RosterColumn | null>;
  /** Columns no field and no ignoreColumns entry accounts for. */
  unknown: string[];
  /** Fields two columns fill. */
  twice: RosterColumn[];
}

/** Maps an export's header to the roster's fields: the configured name first, else Vigie's name or an alias (case, spaces, _ and - aside). */
export function readHeader(names: readonly string[], format: RosterFormat = {}): HeaderReading {
  const byName = new Map<string, RosterColumn>();
  for (const column of ROSTER_COLUMNS) for (const alias of [column, ...ALIASES[column]]) byName.set(fold(alias), column);
  // A configured name wins over an alias: `columns: { employeeId: uid }` makes uid the employee id, not the login.
  const configured = new Map(Object.entries(format.columns ?? {}).map(([field, header]) => [fold(header!), field as RosterColumn]));
  const ignored = new Set((format.ignoreColumns ?? []).map(fold));
  const fields: Array<RosterColumn | null> = [];
  const unknown: string[] = [];
  const seen = new Set<RosterColumn>();
  const twice: RosterColumn[] = [];
  for (const name of names) {
    const field = configured.get(fold(name)) ?? (ignored.has(fold(name)) ? undefined : byName.get(fold(name)));
    if (field === undefined && !ignored.has(fold(name))) unknown.push(name);
    if (field && seen.has(field)) twice.push(field);
    if (field) seen.add(field);
    fields.push(field ?? null);
  }
  return { fields, unknown, twice };
}

/** The header names the roster accepts, for error messages. */
export function expectedColumnsText(): string {
  return ROSTER_COLUMNS.map((column) => (ALIASES[column].length ? `${column} (or ${ALIASES[column].join(', ')})` : column)).join(', ');
}
