import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AdEntryBuilder, type DemoComputer } from './ad-entry.builder.js';
import { createAdminAccounts, createBuiltinAccounts, createServiceAccounts, type TechnicalAccount } from './demo-accounts.factory.js';
import { BASE_DN, COMPANY, DEPARTMENTS, DOMAIN_SID } from './demo-company.data.js';
import { builtinContainerDn, childDn, ouDn, usersContainerDn } from './demo-dn.js';
import { createDemoGroups } from './demo-groups.factory.js';
import { createDemoPeople, DAY_MS, type DemoPerson } from './demo-people.factory.js';
import { plantComputerProblems, plantProblems } from './demo-problems.planter.js';
import { formatLdif, type LdifRecord } from './ldif-record.writer.js';
import type { PlantedProblem } from './planted-problem.js';
import { SeededRandom } from './seeded-random.js';

export type { PlantedProblem } from './planted-problem.js';

/** The seed of `npm start`'s demo; policies/ names the owners, which do not depend on it. */
export const DEMO_SEED = 20_260_101;

export interface DemoDirectory {
  /** An ldifde-style export of the whole domain. */
  ldif: string;
  planted: PlantedProblem[];
}

const DOMAIN_AGE = 2920 * DAY_MS;
const TECHNICAL_OUS: ReadonlyArray<[ou: string, description: string]> = [
  ['Groupes', 'Groupes de sécurité (AGDLP)'],
  ['Admins', "Comptes d'administration (tier 0)"],
  ['Services', 'Comptes de service'],
  ['Ordinateurs', 'Postes de travail'],
  ['Serveurs', 'Serveurs membres'],
  ['Comptes désactivés', 'Comptes des personnes parties, en attente de suppression'],
];

/**
 * Acme Industrie's Active Directory as a consultant would export it from a DC with ldifde: about
 * 300 employees, AGDLP groups, admin and service accounts, a few computers, and a set of planted
 * problems the audit must find. Deterministic: the same seed and `now` give the same text, and
 * every date is relative to `now` so the demo tells the same story whatever day it runs.
 */
export function generateDemoDirectory(options: { now: Date; seed?: number }): DemoDirectory {
  const { now, seed = DEMO_SEED } = options;
  const rng = new SeededRandom(seed);

  const people = createDemoPeople(rng);
  const builtins = createBuiltinAccounts(rng);
  const admins = createAdminAccounts(people, rng);
  const services = createServiceAccounts(rng);
  const planted = plantProblems({ people, admins, services }, now, rng);

  const dnOf = (account: DemoPerson | TechnicalAccount) =>
    'parentDn' in account ? childDn(account.cn, account.parentDn) : childDn(account.cn, ouDn(account.ou));
  const technical = [...builtins, ...admins, ...services];
  const { groups, planted: groupTraps } = createDemoGroups({ people, technical, dnOf }, rng);

  // RIDs grow with creation time in a real domain: groups came first, then accounts as hired.
  let nextRid = 1103;
  const groupSid = new Map(groups.map((g) => [g.name, g.sid ?? `${DOMAIN_SID}-${nextRid++}`]));
  const accounts = [...people, ...admins, ...services].sort((a, b) => b.createdAgo - a.createdAgo);
  const rids = new Map<DemoPerson | TechnicalAccount, number>(builtins.map((b) => [b, b.rid!]));
  for (const account of accounts) rids.set(account, nextRid++);
  const computers = createComputers(rng, () => nextRid++);
  planted.push(...plantComputerProblems(computers, rng));

  const entries = new AdEntryBuilder(now, rng);
  const records: LdifRecord[] = [
    entries.domainRoot(DOMAIN_AGE),
    entries.container(usersContainerDn, 'Users', 'Default container for upgraded user accounts', DOMAIN_AGE),
    entries.container(builtinContainerDn, 'Builtin', 'Built-in security principals', DOMAIN_AGE, 'S-1-5-32'),
    ...DEPARTMENTS.map((d) => entries.organizationalUnit(ouDn(d.name), d.name, d.ouDescription, DOMAIN_AGE - rng.between(1, 2) * DAY_MS)),
    ...TECHNICAL_OUS.map(([ou, description]) => entries.organizationalUnit(ouDn(ou), ou, description, DOMAIN_AGE - rng.between(2, 40) * DAY_MS)),
    ...builtins.map((account) => entries.technicalAccount(account, dnOf(account), rids.get(account)!)),
    ...people.map((p) => entries.person(p, dnOf(p), rids.get(p)!, p.manager ? dnOf(p.manager) : undefined)),
    ...[...admins, ...services].map((account) => entries.technicalAccount(account, dnOf(account), rids.get(account)!)),
    ...computers.map((computer) => entries.computer(computer)),
    ...groups.map((group) => entries.group(group, groupSid.get(group.name)!, group.sid ? DOMAIN_AGE : DOMAIN_AGE - rng.between(3, 30) * DAY_MS)),
  ];
  const header = `${COMPANY} (${BASE_DN}): fictional company, demo of Vigie.\nSeed ${seed}, as of ${now.toISOString()}.`;
  return { ldif: formatLdif(records, header), planted: [...planted, ...groupTraps] };
}

/** Writes the demo directory with the default seed, creating the parent folders. */
export async function writeDemoDirectory(path: string, now: Date): Promise<PlantedProblem[]> {
  const { ldif, planted } = generateDemoDirectory({ now });
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, ldif, 'utf8');
  return planted;
}

function createComputers(rng: SeededRandom, nextRid: () => number): DemoComputer[] {
  const machine = (name: string, ou: string, operatingSystem: string, version: string): DemoComputer => ({
    name,
    dn: childDn(name, ouDn(ou)),
    rid: nextRid(),
    operatingSystem,
    operatingSystemVersion: version,
    createdAgo: rng.between(100, 1200) * DAY_MS,
    lastLogonAgo: rng.between(0.1, 9) * DAY_MS,
    // Machines change their password every 30 days on their own.
    pwdLastSetAgo: rng.between(1, 28) * DAY_MS,
    laps: 'windows',
  });
  const workstations = Array.from({ length: 10 }, (_, i) =>
    machine(`PC-${String(i + 1).padStart(3, '0')}`, 'Ordinateurs', rng.chance(0.7) ? 'Windows 11 Entreprise' : 'Windows 11 Professionnel', '10.0 (22631)'),
  );
  return [
    ...workstations,
    machine('FS01', 'Serveurs', 'Windows Server 2022 Standard', '10.0 (20348)'),
    machine('PRN01', 'Serveurs', 'Windows Server 2022 Standard', '10.0 (20348)'),
  ];
}
