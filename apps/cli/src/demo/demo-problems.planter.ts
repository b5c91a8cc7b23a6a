import type { DemoComputer } from './ad-entry.builder.js';
import type { TechnicalAccount } from './demo-accounts.factory.js';
import { DAY_MS, type DemoPerson } from './demo-people.factory.js';
import type { PlantedProblem } from './planted-problem.js';
import type { SeededRandom } from './seeded-random.js';

const DONT_EXPIRE_PASSWORD = 0x10000;
const PASSWD_NOTREQD = 0x20;
const ACCOUNTDISABLE = 0x2;
/** The domain of Dupuis Mécanique, acquired in 2024 and migrated into Acme's. */
const ACQUIRED_DOMAIN_SID = 'S-1-5-21-3623811015-3361044348-30300820';

export interface PlantingTargets {
  people: DemoPerson[];
  admins: TechnicalAccount[];
  services: TechnicalAccount[];
}

/**
 * Plants the problems the demo audit must find, each on its own account so that one account never
 * carries two problems and everybody else stays clean. Mutates the accounts it picks.
 */
export function plantProblems(targets: PlantingTargets, now: Date, rng: SeededRandom): PlantedProblem[] {
  const planted: PlantedProblem[] = [];
  const free = targets.people.filter((p) => !p.key && !p.hasAdminAccount);
  const pick = (where: (p: DemoPerson) => boolean): DemoPerson => {
    const candidates = free.filter(where);
    const chosen = rng.pick(candidates);
    free.splice(free.indexOf(chosen), 1);
    return chosen;
  };
  const permanent = (department?: string) => (p: DemoPerson) => p.employeeType === 'permanent' && (department === undefined || p.department === department);

  for (let i = 0; i < 3; i++) {
    const p = pick(permanent());
    p.userAccountControl |= DONT_EXPIRE_PASSWORD;
    planted.push({ rule: 'H-PWD-NEVER-EXPIRES', login: p.login, note: `${p.cn} (${p.department}): userAccountControl 66048, password never expires` });
  }

  const admin = targets.admins[0]!;
  admin.userAccountControl |= DONT_EXPIRE_PASSWORD;
  planted.push({
    rule: 'H-PRIV-NEVER-EXPIRES',
    login: admin.login,
    group: 'Domain Admins',
    note: `${admin.login}, member of Domain Admins: userAccountControl 66048`,
  });

  const noPassword = pick(permanent());
  noPassword.userAccountControl |= PASSWD_NOTREQD;
  planted.push({ rule: 'H-PWD-NOT-REQUIRED', login: noPassword.login, note: `${noPassword.cn}: userAccountControl 544, the password may be empty` });

  for (const days of [205, 262, 331, 428]) {
    const p = pick(permanent());
    p.lastLogonAgo = rng.between(days, days + 0.9) * DAY_MS;
    p.pwdLastSetAgo = p.lastLogonAgo + rng.between(5, 80) * DAY_MS;
    p.createdAgo = p.lastLogonAgo + rng.between(150, 1500) * DAY_MS;
    const severity = days > 365 ? ', past 365 days so high' : '';
    planted.push({ rule: 'H-INACTIVE-USER', login: p.login, note: `${p.cn}: enabled, last logon ${days} days ago${severity}` });
  }
  const neverUsed = pick(permanent());
  neverUsed.createdAgo = rng.between(300.05, 300.9) * DAY_MS;
  neverUsed.lastLogonAgo = null;
  neverUsed.pwdLastSetAgo = null;
  planted.push({ rule: 'H-INACTIVE-USER', login: neverUsed.login, note: `${neverUsed.cn}: created 300 days ago and never logged on (no lastLogonTimestamp)` });

  const printService = targets.services.find((s) => s.login === 'svc_print')!;
  const passwordYear = new Date(now.getTime() - (printService.pwdLastSetAgo ?? 0)).getUTCFullYear();
  printService.description = `Compte imprimante - mdp: Printemps${passwordYear}!`;
  planted.push({ rule: 'H-PWD-IN-DESCRIPTION', login: printService.login, note: 'the description of svc_print holds its password ("mdp: ...")' });

  const sales = pick(permanent('Commercial'));
  sales.extraGroups.push('DL_Finance_RW');
  planted.push({
    rule: 'R-REGISTER',
    login: sales.login,
    resourceId: 'share-finance',
    note: `${sales.cn} sits directly in DL_Finance_RW, outside the recipients of the record of processing RT-001`,
  });
  planted.push({
    rule: 'G-EXCESS-VS-ROLE',
    login: sales.login,
    group: 'DL_Finance_RW',
    resourceId: 'share-finance',
    note: `${sales.cn} (Commercial) is a direct member of DL_Finance_RW: write on \\\\fs01\\Finance`,
  });
  const intern = pick((p) => p.employeeType === 'intern' && p.department === 'Marketing');
  intern.extraGroups.push('GG_RH_Projets');
  planted.push({
    rule: 'G-EXCESS-VS-ROLE',
    login: intern.login,
    group: 'GG_RH_Projets',
    resourceId: 'share-rh',
    note: `${intern.cn} (Marketing intern) is in GG_RH_Projets, nested in DL_RH_RW: write on \\\\fs01\\RH (health data)`,
  });
  planted.push({
    rule: 'R-SPECIAL-CATEGORY',
    resourceId: 'share-rh',
    note: `through GG_RH_Projets, ${intern.cn} reaches health data without being a recipient of RT-002 (GG_RH)`,
  });
  const worker = pick(permanent('Production'));
  worker.extraGroups.push('GG_Finance');
  planted.push({
    rule: 'G-EXCESS-VS-ROLE',
    login: worker.login,
    group: 'GG_Finance',
    resourceId: 'share-finance',
    note: `${worker.cn} (Production) is in GG_Finance, the wrong department's group: write on \\\\fs01\\Finance`,
  });

  const leaver = pick(permanent('Finance'));
  const leftAgo = rng.between(55, 65) * DAY_MS;
  markAsLeft(leaver, leftAgo, now, rng);
  planted.push({
    rule: 'G-LEAVER',
    login: leaver.login,
    group: 'GG_Finance',
    resourceId: 'share-finance',
    note: `${leaver.cn} left ${Math.round(leftAgo / DAY_MS)} days ago: disabled (514), moved to OU=Comptes désactivés, still in GG_Finance; needs the HR feed to be reported`,
    expectFinding: false,
  });

  // Separation of duties (policies/sod): an accountant covering for payroll kept the HR group, so she can both change
  // pay data and pay it out. The same membership is also access her department is not allowed.
  const cover = pick(permanent('Finance'));
  cover.extraGroups.push('GG_RH');
  planted.push({
    rule: 'G-SOD',
    login: cover.login,
    group: 'GG_RH',
    note: `${cover.cn} (Finance) is also in GG_RH: write on \\\\fs01\\RH (payroll) and on \\\\fs01\\Finance (payments), SoD rule payroll-and-payments`,
  });
  planted.push({
    rule: 'G-EXCESS-VS-ROLE',
    login: cover.login,
    group: 'GG_RH',
    resourceId: 'share-rh',
    note: `${cover.cn} (Finance) is in GG_RH, nested in DL_RH_RW: write on \\\\fs01\\RH (health data)`,
  });

  const joiner = pick(permanent('Commercial'));
  joiner.createdAgo = rng.between(3, 6) * DAY_MS;
  joiner.lastLogonAgo = rng.between(0.05, 1) * DAY_MS;
  joiner.pwdLastSetAgo = joiner.createdAgo - rng.between(0.01, 0.5) * DAY_MS;
  joiner.withoutDepartmentGroup = true;
  planted.push({
    // One finding per person and birthright rule, about the person: it names share-commercial in its evidence.
    rule: 'G-MISSING-BIRTHRIGHT',
    login: joiner.login,
    note: `${joiner.cn} joined Commercial ${Math.round(joiner.createdAgo / DAY_MS)} days ago; the account exists but is not in GG_Commercial yet: no access to \\\\fs01\\Commercial`,
  });

  // AGDLP: the salesman was put straight into the domain-local group, not through a role group.
  planted.push({
    rule: 'G-AGDLP',
    login: sales.login,
    group: 'DL_Finance_RW',
    resourceId: 'share-finance',
    note: `${sales.cn} is a direct member of the domain-local group DL_Finance_RW instead of a global role group`,
  });

  // A SQL Server installed under an administrator's account left its SPN there: kerberoastable, and a Domain Admin.
  const sqlAdmin = targets.admins[1]!;
  sqlAdmin.servicePrincipalNames = ['MSSQLSvc/sql01.acme.local:1433', 'MSSQLSvc/sql01.acme.local'];
  sqlAdmin.pwdLastSetAgo = rng.between(120, 200) * DAY_MS;
  planted.push({
    rule: 'H-KERBEROAST-ADMIN',
    login: sqlAdmin.login,
    group: 'Domain Admins',
    note: `${sqlAdmin.login}, member of Domain Admins, carries the SPN MSSQLSvc/sql01 and a password of ${Math.round(sqlAdmin.pwdLastSetAgo / DAY_MS)} days`,
  });

  // Account Operators during the file-server migration, removed since: AdminSDHolder's adminCount=1 stayed.
  const formerOperator = pick(permanent());
  formerOperator.adminCount = true;
  planted.push({
    rule: 'H-ADMINCOUNT-MISMATCH',
    login: formerOperator.login,
    note: `${formerOperator.cn}: adminCount=1 left from a former membership of Account Operators, in no protected group now`,
  });

  // Came with the acquisition of Dupuis Mécanique: migrated with ADMT, its old domain's SID kept in sIDHistory.
  const migrated = pick(permanent('Production'));
  migrated.sidHistory = [`${ACQUIRED_DOMAIN_SID}-${rng.int(1105, 1900)}`];
  planted.push({
    rule: 'H-SIDHISTORY',
    login: migrated.login,
    note: `${migrated.cn} was migrated from the DUPUIS domain: sIDHistory ${migrated.sidHistory[0]}`,
  });

  // Left five months ago, disabled and out of every group as G-LEAVER asks, but never deleted.
  const oldLeaver = pick((p) => permanent()(p) && !p.managesOthers);
  const oldLeftAgo = rng.between(150, 170) * DAY_MS;
  markAsLeft(oldLeaver, oldLeftAgo, now, rng);
  oldLeaver.withoutDepartmentGroup = true;
  planted.push({
    rule: 'R-LEAVER-RETENTION',
    login: oldLeaver.login,
    note: `${oldLeaver.cn} left ${Math.round(oldLeftAgo / DAY_MS)} days ago: disabled, in no group, still in the directory past the 90-day retention; needs the HR feed to be reported`,
    expectFinding: false,
  });

  // Access no peer has: the rule compares with the same department and title, else the same manager's team.
  for (const [person, resourceId] of [
    [sales, 'share-finance'],
    [intern, 'share-rh'],
    [worker, 'share-finance'],
    [cover, 'share-rh'],
  ] as const) {
    const peers = peerGroupSize(targets.people, person);
    if (peers >= 10)
      planted.push({ rule: 'G-PEER-OUTLIER', login: person.login, resourceId, note: `none of ${person.cn}'s ${peers - 1} peers can reach ${resourceId}` });
  }
  return planted;
}

/**
 * Plants the computer problems: a workshop PC kept on Windows 7 to drive a machine tool (the legacy LAPS still manages
 * its password), and the print server installed by the printer vendor outside the LAPS policy.
 */
export function plantComputerProblems(computers: DemoComputer[], rng: SeededRandom): PlantedProblem[] {
  const workshop = rng.pick(computers.filter((c) => c.name.startsWith('PC-')));
  workshop.operatingSystem = 'Windows 7 Professional';
  workshop.operatingSystemVersion = '6.1 (7601)';
  workshop.laps = 'legacy';
  const printServer = computers.find((c) => c.name === 'PRN01')!;
  printServer.laps = null;
  return [
    {
      rule: 'H-OBSOLETE-OS',
      login: `${workshop.name}$`,
      note: `${workshop.name} still runs Windows 7 Professional (end of support 2020-01-14) to drive a machine tool`,
    },
    {
      rule: 'H-LAPS',
      login: `${printServer.name}$`,
      note: `${printServer.name}, installed by the printer vendor, has no LAPS expiry: its local administrator password is not managed`,
    },
  ];
}

/** The size of the peer group G-PEER-OUTLIER uses (enabled people; same department and title, else manager). */
function peerGroupSize(people: DemoPerson[], person: DemoPerson): number {
  const enabled = people.filter((p) => !(p.userAccountControl & ACCOUNTDISABLE));
  const sameTitle = enabled.filter((p) => p.department === person.department && p.title === person.title).length;
  if (sameTitle >= 10) return sameTitle;
  return person.manager ? enabled.filter((p) => p.manager === person.manager && p.department === person.department).length : 0;
}

/** What IT does on the last day: disable, move to the OU of leavers, expire, and note the date. */
function markAsLeft(p: DemoPerson, leftAgo: number, now: Date, rng: SeededRandom): void {
  p.userAccountControl |= ACCOUNTDISABLE;
  p.ou = 'Comptes désactivés';
  p.lastLogonAgo = leftAgo + rng.between(0.5, 3) * DAY_MS;
  p.accountExpiresIn = -leftAgo;
  p.description = `Départ le ${frenchDate(new Date(now.getTime() - leftAgo))}`;
}

function frenchDate(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}
