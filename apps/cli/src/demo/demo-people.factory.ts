import { COMMA_NAMED_LEAD, DEPARTMENTS, DOMAIN, type DepartmentSpec, type EmployeeType, GIVEN_NAMES, type KeyPerson, SURNAMES } from './demo-company.data.js';
import type { SeededRandom } from './seeded-random.js';

export const DAY_MS = 86_400_000;

/**
 * One employee and their account, before it becomes an LDIF entry. Times are offsets from `now`
 * in milliseconds, so that the same seed gives the same people whatever day the demo runs.
 */
export interface DemoPerson {
  employeeId: string;
  givenName: string;
  sn: string;
  /** Usually "Given Surname"; "Surname, Given" for the accounts of the old naming convention. */
  cn: string;
  login: string;
  mail: string;
  department: string;
  title: string;
  employeeType: EmployeeType;
  location: string;
  manager: DemoPerson | null;
  managesOthers: boolean;
  /** CEO, department heads and team leads: never picked to carry a planted problem. */
  key: boolean;
  /** Also owns an administration account (adm-<login>): kept clean too. */
  hasAdminAccount?: boolean;
  createdAgo: number;
  /** null: never logged on, so AD has no lastLogonTimestamp. */
  lastLogonAgo: number | null;
  /** null: pwdLastSet 0, "must change password at next logon". */
  pwdLastSetAgo: number | null;
  /** Offset after now (negative: in the past); null: never expires. */
  accountExpiresIn: number | null;
  userAccountControl: number;
  description?: string;
  /** OU the account lives in; its department's OU unless moved (the leaver). */
  ou: string;
  /** Groups beyond its department's global group, by sAMAccountName. */
  extraGroups: string[];
  /** A joiner whose account exists but whom IT has not yet put in the department's group. */
  withoutDepartmentGroup?: boolean;
  /** adminCount=1, left by AdminSDHolder on a former administrator. */
  adminCount?: boolean;
  /** SIDs of the account in a migrated domain (ADMT). */
  sidHistory?: string[];
}

export const UAC_NORMAL = 512;

/** The ~300 employees, departments in order, each head first, then team leads, then their teams. */
export function createDemoPeople(rng: SeededRandom): DemoPerson[] {
  const names = new NameRegistry(rng);
  const people: DemoPerson[] = [];
  let nextId = 1001;
  const employeeId = () => `E${nextId++}`;

  // Employee ids of the CEO and heads are fixed (E1001..E1007): the policy names them as owners.
  const heads = DEPARTMENTS.map((department) => {
    const head = newPerson(rng, names.fixed(department.head), employeeId(), department, department.head.title, 'permanent', department.head.location);
    head.key = true;
    return head;
  });
  const ceo = heads[0]!;
  for (const head of heads.slice(1)) head.manager = ceo;

  DEPARTMENTS.forEach((department, index) => {
    const head = heads[index]!;
    people.push(head);
    const leadCount = Math.floor((department.size - 1) / 14);
    const leads: DemoPerson[] = [];
    for (let i = 0; i < leadCount; i++) {
      const fixed = department.name === 'Production' && i === 0 ? names.fixed(COMMA_NAMED_LEAD, true) : names.random();
      const lead = newPerson(rng, fixed, employeeId(), department, department.leadTitle, 'permanent', rng.pick(department.locations));
      lead.key = true;
      lead.manager = head;
      leads.push(lead);
      people.push(lead);
    }
    const memberCount = department.size - 1 - leadCount;
    const members: DemoPerson[] = [];
    for (let i = 0; i < memberCount; i++) {
      const type: EmployeeType = rng.chance(department.contractorShare) ? 'contractor' : 'permanent';
      // One more account of the old "Surname, Given" convention, in Production, for a second escaped comma.
      const name = department.name === 'Production' && i === 0 ? names.random(true) : names.random();
      const member = newPerson(rng, name, employeeId(), department, rng.pick(department.titles), type, rng.pick(department.locations));
      member.manager = leads.length ? leads[i % leads.length]! : head;
      members.push(member);
      people.push(member);
    }
    hireInterns(rng, department, members);
  });

  for (const person of people) if (person.manager) person.manager.managesOthers = true;
  return people;
}

interface PersonName {
  givenName: string;
  sn: string;
  cn: string;
  login: string;
  mail: string;
}

function newPerson(
  rng: SeededRandom,
  name: PersonName,
  employeeId: string,
  department: DepartmentSpec,
  title: string,
  employeeType: EmployeeType,
  location: string,
): DemoPerson {
  const createdAgo = employeeType === 'contractor' ? rng.between(40, 400) * DAY_MS : rng.between(45, 2900) * DAY_MS;
  return {
    ...name,
    employeeId,
    department: department.name,
    title,
    employeeType,
    location,
    manager: null,
    managesOthers: false,
    key: false,
    createdAgo,
    // lastLogonTimestamp lags up to 14 days behind real logons: "recent" means within 30 days.
    lastLogonAgo: rng.between(0.05, 29) * DAY_MS,
    // Passwords expire after 90 days here, so everyone changed theirs within the last 85.
    pwdLastSetAgo: Math.min(rng.between(1, 85) * DAY_MS, createdAgo - DAY_MS),
    accountExpiresIn: employeeType === 'contractor' ? rng.between(30, 365) * DAY_MS : null,
    userAccountControl: UAC_NORMAL,
    ou: department.name,
    extraGroups: [],
  };
}

/** Interns arrive for a few months, with an account that expires at the end of the internship. */
function hireInterns(rng: SeededRandom, department: DepartmentSpec, members: DemoPerson[]): void {
  const candidates = members.filter((member) => member.employeeType === 'permanent');
  for (let i = 0; i < department.interns; i++) {
    const intern = rng.take(candidates);
    intern.employeeType = 'intern';
    intern.title = `Stagiaire ${department.name.toLowerCase()}`;
    intern.createdAgo = rng.between(35, 150) * DAY_MS;
    intern.lastLogonAgo = rng.between(0.05, 20) * DAY_MS;
    intern.pwdLastSetAgo = Math.min(intern.pwdLastSetAgo ?? 0, intern.createdAgo - DAY_MS);
    intern.accountExpiresIn = rng.between(20, 150) * DAY_MS;
  }
}

/** Hands out full names that are unique in the company, and logins that are unique in the domain. */
class NameRegistry {
  private readonly fullNames = new Set<string>();
  private readonly logins = new Set<string>(['administrator', 'guest', 'krbtgt']);
  private readonly mails = new Set<string>();

  constructor(private readonly rng: SeededRandom) {}

  fixed(person: KeyPerson, surnameFirst = false): PersonName {
    return this.register(person.givenName, person.sn, surnameFirst);
  }

  random(surnameFirst = false): PersonName {
    for (;;) {
      const givenName = this.rng.pick(GIVEN_NAMES);
      const sn = this.rng.pick(SURNAMES);
      if (!this.fullNames.has(`${givenName} ${sn}`)) return this.register(givenName, sn, surnameFirst);
    }
  }

  private register(givenName: string, sn: string, surnameFirst: boolean): PersonName {
    this.fullNames.add(`${givenName} ${sn}`);
    // First initial + surname, as most French IT departments do; homonyms get 2, 3...
    const base = `${ascii(givenName)[0]}${ascii(sn)}`.slice(0, 18);
    let login = base;
    for (let n = 2; this.logins.has(login); n++) login = `${base}${n}`;
    this.logins.add(login);
    let local = `${ascii(givenName)}.${ascii(sn)}`;
    for (let n = 2; this.mails.has(local); n++) local = `${ascii(givenName)}.${ascii(sn)}${n}`;
    this.mails.add(local);
    return {
      givenName,
      sn,
      cn: surnameFirst ? `${sn}, ${givenName}` : `${givenName} ${sn}`,
      login,
      mail: `${local}@${DOMAIN}`,
    };
  }
}

/** Lower-case ASCII letters only: "Lefèvre" → "lefevre", "N'Diaye" → "ndiaye", "Da Silva" → "dasilva". */
export function ascii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}
