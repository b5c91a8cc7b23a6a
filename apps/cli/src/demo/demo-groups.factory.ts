import type { TechnicalAccount } from './demo-accounts.factory.js';
import { DEPARTMENTS, DOMAIN_SID } from './demo-company.data.js';
import { builtinContainerDn, childDn, ouDn, usersContainerDn } from './demo-dn.js';
import type { DemoPerson } from './demo-people.factory.js';
import type { PlantedProblem } from './planted-problem.js';
import type { SeededRandom } from './seeded-random.js';

export type GroupScope = 'global' | 'domain-local' | 'builtin';

export interface DemoGroup {
  name: string;
  dn: string;
  /** Well-known SID; company groups get a RID from the generator. */
  sid?: string;
  scope: GroupScope;
  description: string;
  /** Member DNs, in the order AD would list them. */
  members: string[];
  adminCount: boolean;
  /** Built-in groups AD marks isCriticalSystemObject. */
  system: boolean;
}

export interface GroupInputs {
  people: DemoPerson[];
  technical: TechnicalAccount[];
  dnOf: (account: DemoPerson | TechnicalAccount) => string;
}

const DL_GRANTS: ReadonlyArray<[name: string, description: string, members: string[]]> = [
  ['DL_Finance_RW', 'Partage \\\\fs01\\Finance : lecture et écriture', ['GG_Finance']],
  ['DL_Finance_R', 'Partage \\\\fs01\\Finance : lecture seule', ['GG_Direction']],
  ['DL_RH_RW', 'Partage \\\\fs01\\RH : lecture et écriture', ['GG_RH', 'GG_RH_Projets']],
  ['DL_Direction_RW', 'Partage \\\\fs01\\Direction : lecture et écriture', ['GG_Direction']],
  ['DL_Commercial_RW', 'Partage \\\\fs01\\Commercial : lecture et écriture', ['GG_Commercial']],
  ['DL_Production_RW', 'Partage \\\\fs01\\Production : lecture et écriture', ['GG_Production', 'GG_Projet_A']],
  ['DL_Informatique_Admin', 'Administrateurs locaux des postes de travail', ['GG_Informatique']],
  ['DL_Imprimantes', 'Impression sur les files de \\\\prn01', DEPARTMENTS.map((d) => `GG_${d.name}`)],
  ['DL_Marketing_RW', 'Partage \\\\fs01\\Marketing : lecture et écriture', ['GG_Marketing']],
];

/**
 * The built-in AD groups the audit looks at, and the company's groups laid out AGDLP: people in
 * global groups (GG_), global groups in domain-local groups (DL_) that the resources grant.
 * Also returns the planted group cycle, which carries no finding but must not break anything.
 */
export function createDemoGroups(inputs: GroupInputs, rng: SeededRandom): { groups: DemoGroup[]; planted: PlantedProblem[] } {
  const groups = new Map<string, DemoGroup>();
  const add = (group: Omit<DemoGroup, 'members' | 'adminCount' | 'system'> & Partial<DemoGroup>) =>
    groups.set(group.name, { members: [], adminCount: false, system: false, ...group });
  const builtin = (name: string, sid: string, description: string, parentDn: string, scope: GroupScope, adminCount = false) =>
    add({ name, dn: childDn(name, parentDn), sid, scope, description, adminCount, system: true });

  builtin('Administrators', 'S-1-5-32-544', 'Administrators have complete and unrestricted access to the computer/domain', builtinContainerDn, 'builtin', true);
  builtin('Account Operators', 'S-1-5-32-548', 'Members can administer domain user and group accounts', builtinContainerDn, 'builtin', true);
  builtin('Domain Admins', `${DOMAIN_SID}-512`, 'Designated administrators of the domain', usersContainerDn, 'global', true);
  // Membership of Domain Users and Domain Computers comes from primaryGroupID: AD lists no member.
  builtin('Domain Users', `${DOMAIN_SID}-513`, 'All domain users', usersContainerDn, 'global');
  builtin('Domain Computers', `${DOMAIN_SID}-515`, 'All workstations and servers joined to the domain', usersContainerDn, 'global');
  builtin(
    'Protected Users',
    `${DOMAIN_SID}-525`,
    'Members of this group are afforded additional protections against authentication security threats',
    usersContainerDn,
    'global',
  );

  const company = (name: string, scope: GroupScope, description: string) => add({ name, dn: childDn(name, ouDn('Groupes')), scope, description });
  for (const department of DEPARTMENTS) company(`GG_${department.name}`, 'global', `Personnel ${department.ouDescription.toLowerCase()}`);
  company('GG_Managers', 'global', 'Managers (responsables hiérarchiques)');
  company('GG_RH_Projets', 'global', 'Projets RH (SIRH, entretiens annuels)');
  company('GG_Projet_A', 'global', "Projet de ligne d'assemblage A");
  company('GG_Projet_B', 'global', "Projet de ligne d'assemblage B");
  for (const [name, description] of DL_GRANTS) company(name, 'domain-local', description);

  const member = (groupName: string, dn: string) => {
    const group = groups.get(groupName);
    if (!group) throw new Error(`demo: unknown group ${groupName}`);
    if (!group.members.includes(dn)) group.members.push(dn);
  };

  const { people, technical, dnOf } = inputs;
  for (const account of technical) for (const groupName of account.groups) member(groupName, dnOf(account));
  member('Administrators', groups.get('Domain Admins')!.dn);
  for (const person of people) {
    if (!person.withoutDepartmentGroup) member(`GG_${person.department}`, dnOf(person));
    if (person.managesOthers) member('GG_Managers', dnOf(person));
    for (const groupName of person.extraGroups) member(groupName, dnOf(person));
  }

  // A few RH people work on HR projects; the planted Marketing intern joined them.
  const ordinary = (department: string) =>
    people.filter((p) => p.department === department && !p.key && p.extraGroups.length === 0 && p.userAccountControl === 512);
  const hr = ordinary('RH');
  for (let i = 0; i < 3; i++) member('GG_RH_Projets', dnOf(rng.take(hr)));
  const workshop = ordinary('Production');
  for (let i = 0; i < 3; i++) member('GG_Projet_A', dnOf(rng.take(workshop)));
  for (let i = 0; i < 2; i++) member('GG_Projet_B', dnOf(rng.take(workshop)));
  member('GG_Projet_A', groups.get('GG_Projet_B')!.dn);
  member('GG_Projet_B', groups.get('GG_Projet_A')!.dn);

  for (const [name, , members] of DL_GRANTS) for (const groupName of members) member(name, groups.get(groupName)!.dn);
  // Members the planter put straight into a domain-local group (AGDLP broken on purpose) come after the nesting.
  for (const [name] of DL_GRANTS) sortGroupsFirst(groups.get(name)!, groups);

  const planted: PlantedProblem[] = [
    {
      rule: 'R-REGISTER',
      subject: 'GG_RH_Projets',
      group: 'GG_RH_Projets',
      resourceId: 'share-rh',
      note: 'GG_RH_Projets is nested in DL_RH_RW, but the record of processing RT-002 (health data) declares only GG_RH as recipient',
    },
    {
      rule: 'G-EXCESS-VS-ROLE',
      group: 'GG_Projet_A',
      resourceId: 'share-production',
      note: 'nested cycle GG_Projet_A ∈ GG_Projet_B ∈ GG_Projet_A (GG_Projet_A ∈ DL_Production_RW): effective access must terminate; its members are Production staff, so no finding',
      expectFinding: false,
    },
  ];
  return { groups: [...groups.values()], planted };
}

function sortGroupsFirst(group: DemoGroup, groups: Map<string, DemoGroup>): void {
  const groupDns = new Set([...groups.values()].map((g) => g.dn));
  group.members.sort((a, b) => Number(!groupDns.has(a)) - Number(!groupDns.has(b)));
}
