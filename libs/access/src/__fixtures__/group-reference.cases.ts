import { fileURLToPath } from 'node:url';
import { LdifEntryReader } from '#vigie/directory';
import { collectSnapshot, type DirectorySnapshot } from '#vigie/identity';
import type { VersionedFile } from '#vigie/policy';
import type { GroupReferenceStatus } from '../group-reference.js';

/**
 * The table every reader of group references must agree on: the resolver itself, the audit, `vigie policy validate`,
 * `vigie policy simulate` and effective access (the API, on whole snapshots and on the database's slices). Each case
 * is a reference as a policy writes it, in one of two directories, and what it designates there.
 */
export type TableDirectory = 'corp-ad' | 'corp-ldap';

export interface GroupReferenceCase {
  directory: TableDirectory;
  ref: string;
  answer: GroupReferenceStatus;
  /** The names of the principals it designates, sorted; none when unknown. */
  principals: string[];
  about: string;
}

const ad = (ref: string, answer: GroupReferenceStatus, principals: string[], about: string): GroupReferenceCase => ({
  directory: 'corp-ad',
  ref,
  answer,
  principals,
  about,
});
const ldap = (ref: string, answer: GroupReferenceStatus, principals: string[], about: string): GroupReferenceCase => ({
  directory: 'corp-ldap',
  ref,
  answer,
  principals,
  about,
});

export const GROUP_REFERENCE_CASES: readonly GroupReferenceCase[] = [
  ad('GG_Finance', 'group', ['GG_Finance'], 'a plain name'),
  ad('gg_finance', 'group', ['GG_Finance'], 'a name in another case'),
  ad('cn=DL_Finance_RW, ou=Groups ,  DC=CORP,dc=test', 'group', ['DL_Finance_RW'], 'a DN in another case and spacing'),
  ad('S-1-5-21-100-200-300-1201', 'group', ['DL_Finance_RW'], "a group's SID"),
  ad('GG Compta, Paris', 'group', ['GG_Compta_Paris'], 'the CN of a group whose sAMAccountName differs'),
  ad('CN=GG Compta\\2C Paris,OU=Groups,DC=corp,DC=test', 'group', ['GG_Compta_Paris'], 'a DN with a hex-escaped comma'),
  ad('Everyone', 'everyone-like', ['Everyone'], 'Everyone, which has no directory object'),
  ad('S-1-1-0', 'everyone-like', ['Everyone'], "Everyone's SID"),
  ad('Tout le monde', 'everyone-like', ['Everyone'], "Everyone's French name"),
  ad('Authenticated Users', 'everyone-like', ['Authenticated Users'], 'Authenticated Users, a foreign security principal here'),
  ad('s-1-5-11', 'everyone-like', ['Authenticated Users'], "Authenticated Users' SID, lower case"),
  ad('Domain Users', 'everyone-like', ['Domain Users'], "Domain Users, every account's primary group"),
  ad('DL_Printers', 'group', ['DL_Printers'], 'a group Domain Users is in: open through nesting, not everyone-like itself'),
  ad('Anonymous Logon', 'unknown', [], 'a well-known principal no object stands for'),
  ad('CN=Jean Dupont,OU=People,DC=corp,DC=test', 'unknown', [], 'an account, not a group'),
  ad('GG_Nowhere', 'unknown', [], 'a name no group has'),
  ad('S-1-5-21-100-200-300-9999', 'unknown', [], 'a SID no group has'),
  ad('CN=GG_Finance,,OU=Groups,DC=corp,DC=test', 'unknown', [], 'a DN that does not parse'),
  ldap('all-staff', 'everyone-like', ['all-staff'], "one of the policy's everyoneGroups"),
  ldap('CN=All-Staff,OU=groups,DC=acme,DC=test', 'everyone-like', ['all-staff'], 'the same everyone group by DN'),
  ldap('intranet-readers', 'group', ['intranet-readers'], 'a group the everyone group is in'),
  ldap('finance', 'group', ['finance'], 'a plain name on OpenLDAP'),
  ldap('Everyone', 'everyone-like', ['Everyone'], 'Everyone on OpenLDAP, which every account still reaches'),
  ldap('S-1-5-11', 'everyone-like', ['Authenticated Users'], 'Authenticated Users on OpenLDAP'),
  ldap('Domain Users', 'unknown', [], 'Domain Users on OpenLDAP, which has none'),
];

/** The policy's everyoneGroups in each directory of the table. */
export const EVERYONE_GROUPS: Readonly<Record<TableDirectory, string[]>> = { 'corp-ad': [], 'corp-ldap': ['all-staff'] };

export const tableLdif = (directory: TableDirectory) =>
  fileURLToPath(new URL(`./group-references-${directory === 'corp-ad' ? 'ad' : 'openldap'}.ldif`, import.meta.url));

/** The snapshot of a table directory, built from its LDIF as a sync builds it. */
export async function tableSnapshot(directory: TableDirectory): Promise<DirectorySnapshot> {
  const { data } = await collectSnapshot(directory, new LdifEntryReader().read({ kind: 'ldif', name: directory, file: tableLdif(directory) }));
  return { directory, syncRunId: null, syncedAt: null, ...data };
}

/** The resource that grants a case's reference (read), in the policy the callers are given: one per case. */
export const resourceOf = (testCase: GroupReferenceCase) => `res-${GROUP_REFERENCE_CASES.indexOf(testCase)}`;

/** The policy files, as an author writes them, granting each case of a directory its own resource. */
export function tablePolicyFiles(directory: TableDirectory): VersionedFile[] {
  const cases = GROUP_REFERENCE_CASES.filter((c) => c.directory === directory);
  const resources = cases.map(
    (c) =>
      `  - id: ${resourceOf(c)}\n    type: share\n    name: '\\\\fs01\\${resourceOf(c)}'\n    owner: E1\n    criticality: low\n    grants:\n      read: [${yamlString(c.ref)}]\n`,
  );
  const everyone = EVERYONE_GROUPS[directory].map(yamlString).join(', ');
  const text = (s: string) => new TextEncoder().encode(s);
  return [
    { path: 'resources/table.yaml', bytes: text(`apiVersion: vigie.dev/v1\nkind: ResourceList\nresources:\n${resources.join('')}`) },
    { path: 'settings/settings.yaml', bytes: text(`apiVersion: vigie.dev/v1\nkind: Settings\neveryoneGroups: [${everyone}]\n`) },
  ];
}

const yamlString = (value: string) => `'${value.replace(/'/g, "''")}'`;
