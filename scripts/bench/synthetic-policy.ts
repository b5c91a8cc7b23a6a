/**
 * The policy of the benchmark's synthetic company: its resources, the access rules a real written policy gives
 * (by department, title, type and site; one temporary grant per line for named people) and the settings.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A temporary grant: one named person reads (or writes) one share until a date, as a ticket allowed it. */
export interface PersonalGrant {
  login: string;
  resourceId: string;
  levels: string[];
  until: string;
}

/** An external person of the inventory (externals/): a consultant of a partner firm, sponsored by an employee. */
export interface ExternalPerson {
  login: string;
  company: string;
  sponsor: string;
  endDate: string;
}

const header = (kind: string) => `apiVersion: vigie.dev/v1\nkind: ${kind}\n`;

export async function writeSyntheticPolicy(dir: string, resources: string[], personalGrants: PersonalGrant[], externals: ExternalPerson[] = []): Promise<void> {
  await mkdir(join(dir, 'resources'), { recursive: true });
  await mkdir(join(dir, 'externals'), { recursive: true });
  await mkdir(join(dir, 'access-rules'), { recursive: true });
  await mkdir(join(dir, 'settings'), { recursive: true });
  await writeFile(join(dir, 'resources', 'resources.yaml'), `${header('ResourceList')}resources:\n${resources.join('\n')}\n`);
  await writeFile(join(dir, 'access-rules', 'rules.yaml'), `${header('AccessRuleList')}rules:\n${CLASS_RULES}`);
  // Per-person rules, as temporary grants are written until the policy format has its own: one `when: { login }`.
  const personal = personalGrants.map(
    (g) =>
      `  - description: Temporary ${g.levels.join(' and ')} on ${g.resourceId} for ${g.login} until ${g.until}\n` +
      `    when: { login: ${g.login} }\n    can: [${g.levels.join(', ')}]\n    on: share\n    where: { id: ${g.resourceId} }`,
  );
  await writeFile(
    join(dir, 'access-rules', 'temporary-grants.yaml'),
    `${header('AccessRuleList')}rules:${personal.length ? `\n${personal.join('\n')}` : ' []'}\n`,
  );
  const listed = externals.map(
    (x) => `  - login: ${x.login}\n    type: consultant\n    company: ${x.company}\n    sponsor: ${x.sponsor}\n    endDate: ${x.endDate}`,
  );
  await writeFile(join(dir, 'externals', 'externals.yaml'), `${header('ExternalPersonList')}externals:${listed.length ? `\n${listed.join('\n')}` : ' []'}\n`);
  await writeFile(
    join(dir, 'settings', 'settings.yaml'),
    `${header('Settings')}rules:\n  H-INACTIVE-USER: { thresholdDays: 180 }\nprivilegedGroups: [GG_Admins_Infra]\nserviceAccounts: [svc-backup, svc-print]\neveryoneGroups: []\n`,
  );
}

const CLASS_RULES = `  - description: Each department reads and writes its own shares
    birthright: true
    can: [read, write]
    on: share
    where: { tags: '\${identity.department}' }
  - description: Heads of department administer their department's shares
    when: { title: Role09 }
    can: [admin]
    on: share
    where: { tags: '\${identity.department}' }
  - description: Some shares are read by the neighbouring department
    can: [read]
    on: share
    where: { tags: 'read-\${identity.department}' }
  - description: Anyone works on project shares
    can: [read, write]
    on: share
    where: { tags: projet }
  - description: Public shares are read by everyone
    can: [read]
    on: share
    where: { tags: public }
  - description: Head-office staff read the common shares
    birthright: true
    when: { location: Site00 }
    can: [read]
    on: share
    where: { tags: common }
  - description: Everyone prints at their own site
    birthright: true
    can: [write]
    on: printer
    where: { location: '\${identity.location}' }
  - description: IT support administers the workstations
    when: { department: Dept00, title: { $in: [Role01, Role02] } }
    can: [local-admin]
    on: all
  - description: Interns never change critical resources
    when: { employeeType: intern }
    cannot: [write, admin, local-admin]
    on: all
    where: { criticality: critical }
  - description: Contractors never administer anything
    when: { employeeType: contractor }
    cannot: [admin, local-admin]
    on: all
`;
