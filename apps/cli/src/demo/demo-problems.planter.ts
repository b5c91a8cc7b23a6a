import type { TechnicalAccount } from './demo-accounts.factory.js';
import { DAY_MS, type DemoPerson } from './demo-people.factory.js';
import type { PlantedProblem } from './planted-problem.js';
import type { SeededRandom } from './seeded-random.js';

const DONT_EXPIRE_PASSWORD = 0x10000;
const PASSWD_NOTREQD = 0x20;
const ACCOUNTDISABLE = 0x2;

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
  const permanent = (department?: string) => (p: DemoPerson) =>
    p.employeeType === 'permanent' && (department === undefined || p.department === department);

  for (let i = 0; i < 3; i++) {
    const p = pick(permanent());
    p.userAccountControl |= DONT_EXPIRE_PASSWORD;
    planted.push({ rule: 'H-PWD-NEVER-EXPIRES', login: p.login, note: `${p.cn} (${p.department}): userAccountControl 66048, password never expires` });
  }

  const admin = targets.admins[0]!;
  admin.userAccountControl |= DONT_EXPIRE_PASSWORD;
  planted.push({ rule: 'H-PRIV-NEVER-EXPIRES', login: admin.login, group: 'Domain Admins', note: `${admin.login}, member of Domain Admins: userAccountControl 66048` });

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
  leaver.userAccountControl |= ACCOUNTDISABLE;
  leaver.ou = 'Comptes désactivés';
  leaver.lastLogonAgo = leftAgo + rng.between(0.5, 3) * DAY_MS;
  leaver.accountExpiresIn = -leftAgo;
  leaver.description = `Départ le ${frenchDate(new Date(now.getTime() - leftAgo))}`;
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

  return planted;
}

function frenchDate(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}
