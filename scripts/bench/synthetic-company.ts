/**
 * A large synthetic company for the audit benchmark: an AD-flavoured LDIF export, an HR roster and a policy
 * directory, shaped the way real companies are (issue 13): AGDLP (people in global groups by department, site, role,
 * project and application; global groups nested in the domain-local groups that resources grant; primary group
 * Domain Users; deep project hierarchies with cycles; a few shares opened to Domain Users); about as many computers
 * as people; shares, printers and workstations; temporary grants to named people (one access rule each);
 * external people with an end date; a head-office group of several thousand members; and a small share of accounts
 * carrying the problems the rules look for (leavers, movers, orphans...). Deterministic for a seed.
 */
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dateToFiletime, sidFromString } from '#vigie/directory';
import { formatLdifRecord, type LdifRecord } from '../../apps/cli/src/demo/ldif-record.writer.js';
import { SeededRandom } from '../../apps/cli/src/demo/seeded-random.js';
import { type ExternalPerson, type PersonalGrant, writeSyntheticPolicy } from './synthetic-policy.js';

export interface SyntheticSize {
  users: number;
  groups: number;
  memberships: number;
  resources: number;
  /** Computer accounts (default: as many as people). */
  computers?: number;
  /** Temporary grants to named people, one access rule each (default: 2 % of the people). */
  personalRules?: number;
  /** External people with an end date, besides the staff (default: 3 % of the people). */
  externals?: number;
  /** Members of the head-office group, the people of the first site (default: all of them, a tenth of the people). */
  bigGroup?: number;
}

export interface SyntheticCompany {
  ldifFile: string;
  policyDir: string;
  hrFile: string;
  counts: {
    users: number;
    groups: number;
    memberships: number;
    resources: number;
    computers: number;
    personalRules: number;
    externals: number;
    bigGroup: number;
    hrRecords: number;
  };
  /** Logins and resource ids the explanation benchmark asks about (pairs that do have access). */
  samples: Array<{ login: string; resourceId: string }>;
}

const BASE = 'DC=bench,DC=test';
const DOMAIN_SID = 'S-1-5-21-900000001-900000002-900000003';
const DAY = 86_400_000;
const DEPARTMENTS = 40;
const TITLES = 10;
const SITES = 10;
const UAC_NORMAL = 512;

interface Group {
  name: string;
  dn: string;
  sid: string;
  members: string[];
  description?: string;
}

interface User {
  login: string;
  dn: string;
  department: number;
  title: number;
  site: number;
  type: 'permanent' | 'contractor' | 'intern';
}

/** Writes the company into `dir` (directory.ldif, hr.csv and policies/) and returns where and how big. */
export async function writeSyntheticCompany(dir: string, size: SyntheticSize, now: Date, seed = 4242): Promise<SyntheticCompany> {
  const rng = new SeededRandom(seed);
  const computerCount = size.computers ?? size.users;
  const personalRuleCount = size.personalRules ?? Math.round(size.users * 0.02);
  const externalCount = size.externals ?? Math.round(size.users * 0.03);
  const bigGroupSize = Math.min(size.users, size.bigGroup ?? size.users);
  let rid = 1100;
  const groups: Group[] = [];
  const group = (name: string, ou: string, sid?: string, description?: string): Group => {
    const g = { name, dn: `CN=${name},OU=${ou},${BASE}`, sid: sid ?? `${DOMAIN_SID}-${rid++}`, members: [], description };
    groups.push(g);
    return g;
  };
  const builtin = (name: string, sid: string) => {
    const g = group(name, 'Groups', sid);
    g.dn = `CN=${name},CN=${sid.startsWith('S-1-5-32') ? 'Builtin' : 'Users'},${BASE}`;
    return g;
  };
  const administrators = builtin('Administrators', 'S-1-5-32-544');
  const domainAdmins = builtin('Domain Admins', `${DOMAIN_SID}-512`);
  builtin('Domain Users', `${DOMAIN_SID}-513`);
  builtin('Domain Computers', `${DOMAIN_SID}-515`);
  builtin('Schema Admins', `${DOMAIN_SID}-518`);
  builtin('Account Operators', 'S-1-5-32-548');
  builtin('Backup Operators', 'S-1-5-32-551');
  const protectedUsers = builtin('Protected Users', `${DOMAIN_SID}-525`);
  administrators.members.push(domainAdmins.dn);

  const dept = Array.from({ length: DEPARTMENTS }, (_, d) => group(`GG_Dept${pad(d, 2)}`, 'Groups'));
  const role = Array.from({ length: DEPARTMENTS * TITLES }, (_, i) => group(`GG_Dept${pad(Math.floor(i / TITLES), 2)}_Role${pad(i % TITLES, 2)}`, 'Groups'));
  const site = Array.from({ length: SITES }, (_, s) => group(`GG_Site${pad(s, 2)}`, 'Groups'));
  const admins = group('GG_Admins_Infra', 'Groups');
  const headquarters = group('GG_Siege_Staff', 'Groups', undefined, 'Everyone working at the head office');
  const externalsGroup = group('GG_Externals', 'Groups');
  const commsEditors = group('GG_Comms_Editors', 'Groups');
  domainAdmins.members.push(admins.dn);
  const itSupport = [role[0 * TITLES + 1], role[0 * TITLES + 2]];

  // Resources: department shares (read/write and read-only DLs), project shares, common shares for the head office,
  // printers per site, single workstations (servers and shared machines) and groups of workstations.
  const resources: string[] = [];
  const perDept = Math.max(1, Math.floor((size.resources * 0.55) / DEPARTMENTS));
  const projectShares = Math.floor(size.resources * 0.08);
  const commonShares = Math.min(20, Math.floor(size.resources * 0.01));
  const printers = Math.floor(size.resources * 0.15);
  const workstations = Math.floor(size.resources * 0.1);
  const workstationGroups = Math.max(1, size.resources - perDept * DEPARTMENTS - projectShares - commonShares - printers - workstations);
  const shareGroups = new Map<string, { rw: Group; r: Group | null; department: number }>();
  const deptShares: string[][] = Array.from({ length: DEPARTMENTS }, () => []);
  const share = (id: string, tags: string[], rw: Group, r: Group | null, personal: string | null, criticality: string, owner: string | null) => {
    resources.push(
      [
        `  - id: ${id}`,
        '    type: share',
        `    name: '\\\\fs${pad(resources.length % 20, 2)}\\${id}'`,
        owner ? `    owner: ${owner}` : null,
        `    criticality: ${criticality}`,
        tags.length ? `    tags: [${tags.join(', ')}]` : null,
        personal ? `    personalData:\n      categories: [${personal}]\n      record: RT-${id}` : null,
        '    grants:',
        `      write: [${rw.name}]`,
        r ? `      read: [${r.name}]` : null,
      ]
        .filter(Boolean)
        .join('\n'),
    );
  };
  for (let d = 0; d < DEPARTMENTS; d++) {
    for (let i = 0; i < perDept; i++) {
      const id = `share-d${pad(d, 2)}-${pad(i, 3)}`;
      const rw = group(`DL_${id}_RW`, 'Resources');
      const r = group(`DL_${id}_R`, 'Resources');
      shareGroups.set(id, { rw, r, department: d });
      deptShares[d].push(id);
      rw.members.push(dept[d].dn);
      // A few roles of a neighbouring department read it (allowed by a cross-department read rule).
      if (i % 3 === 0) r.members.push(role[((d + 1) % DEPARTMENTS) * TITLES + (i % TITLES)].dn);
      const personal = i % 7 === 0 ? (i % 21 === 0 ? 'hr, health' : 'hr') : null;
      const open = d < 3 && i === 1;
      if (open) r.members.push(`CN=Domain Users,CN=Users,${BASE}`);
      const tags = [`Dept${pad(d, 2)}`, ...(i % 3 === 0 ? [`read-Dept${pad((d + 1) % DEPARTMENTS, 2)}`] : []), ...(open ? ['public'] : [])];
      share(id, tags, rw, r, personal, personal ? 'critical' : i % 5 === 0 ? 'high' : 'medium', i % 50 === 49 ? null : `E${100000 + d * 100 + (i % 90)}`);
    }
  }

  // Projects: each department runs a programme (root group) with projects and teams below it (a 4-ary tree), a few
  // of them nested back into their parent (cycles, as real directories have). A department's project shares are
  // granted to its programme (everyone on a project) or to one project (a quarter of them).
  const perDeptProjects = Math.max(2, Math.floor((size.groups * 0.2) / DEPARTMENTS));
  const projectTrees: Group[][] = [];
  for (let d = 0; d < DEPARTMENTS; d++) {
    const tree: Group[] = [];
    for (let j = 0; j < perDeptProjects; j++) {
      const g = group(`GG_Proj_D${pad(d, 2)}_${pad(j, 3)}`, 'Projects');
      if (j > 0) tree[Math.floor((j - 1) / 4)].members.push(g.dn);
      tree.push(g);
    }
    if (d % 4 === 0 && tree.length > 5) tree[5].members.push(tree[1].dn); // tree[5] sits in tree[1], and now the reverse
    projectTrees.push(tree);
  }
  for (let i = 0; i < projectShares; i++) {
    const d = i % DEPARTMENTS;
    const id = `share-proj-${pad(i, 3)}`;
    const rw = group(`DL_${id}_RW`, 'Resources');
    rw.members.push(projectTrees[d][Math.floor(i / DEPARTMENTS) % 2 === 0 ? 0 : 1].dn);
    share(id, ['projet'], rw, null, null, 'medium', `E${100000 + i}`);
  }
  for (let i = 0; i < commonShares; i++) {
    const id = `share-common-${pad(i, 2)}`;
    const rw = group(`DL_${id}_RW`, 'Resources');
    const r = group(`DL_${id}_R`, 'Resources');
    rw.members.push(commsEditors.dn);
    r.members.push(headquarters.dn);
    share(id, ['common'], rw, r, null, 'medium', `E${100000 + i}`);
  }
  for (let i = 0; i < printers; i++) {
    const s = i % SITES;
    const id = `printer-${pad(i, 3)}`;
    const g = group(`DL_PRN_${pad(i, 3)}`, 'Resources');
    g.members.push(site[s].dn);
    resources.push(
      `  - id: ${id}\n    type: printer\n    name: '\\\\prn${pad(s, 2)}\\Q${pad(i, 3)}'\n    owner: E${100000 + i}\n    criticality: low\n    location: Site${pad(s, 2)}\n    grants:\n      write: [${g.name}]`,
    );
  }
  for (let i = 0; i < workstations; i++) {
    const id = `workstation-${pad(i, 4)}`;
    const g = group(`DL_WS_${pad(i, 4)}_Admin`, 'Resources');
    g.members.push(itSupport[i % 2].dn);
    resources.push(
      `  - id: ${id}\n    type: workstation\n    name: 'SRV${pad(i, 4)}'\n    owner: E100000\n    criticality: ${i % 10 === 0 ? 'critical' : 'high'}\n    grants:\n      local-admin: [${g.name}]`,
    );
  }
  for (let i = 0; i < workstationGroups; i++) {
    const id = `workstations-${pad(i, 3)}`;
    const g = group(`DL_WSG_${pad(i, 3)}_Admin`, 'Resources');
    g.members.push(itSupport[i % 2].dn);
    resources.push(
      `  - id: ${id}\n    type: workstation-group\n    name: 'PC${pad(i % SITES, 2)}-${pad(i, 3)}-*'\n    owner: E100000\n    criticality: high\n    grants:\n      local-admin: [${g.name}]`,
    );
  }
  // Application groups fill the rest up to the group count.
  const apps: Group[] = [];
  while (groups.length < size.groups) apps.push(group(`APP_${pad(apps.length, 4)}`, 'Applications'));

  // Temporary grants: a named person reads or writes a share of another department, by one access rule and a
  // direct membership of the share's group. One in ten memberships outlived its rule (the ticket closed, the group
  // kept), one in twenty rules was never put in place.
  const personalGrants: PersonalGrant[] = [];
  const personalMembers = new Map<number, Array<{ group: Group }>>();
  for (let k = 0; k < personalRuleCount + Math.floor(personalRuleCount / 10); k++) {
    const u = rng.int(0, size.users - 1);
    const d = rng.int(0, DEPARTMENTS - 1);
    const id = rng.pick(deptShares[d]);
    const write = rng.chance(0.3);
    const groupsOfShare = shareGroups.get(id)!;
    const ruled = k < personalRuleCount;
    if (ruled) personalGrants.push({ login: login(u), resourceId: id, levels: write ? ['read', 'write'] : ['read'], until: day(ago(now, -rng.int(5, 120))) });
    if (!ruled || !rng.chance(0.05)) {
      const list = personalMembers.get(u) ?? [];
      list.push({ group: write ? groupsOfShare.rw : groupsOfShare.r! });
      personalMembers.set(u, list);
    }
  }

  // People. Each is in its department, role, site, one or two projects and a few applications; the membership
  // count is tuned so that the total comes close to the requested one.
  const users: User[] = [];
  const groupEdges = groups.reduce((n, g) => n + g.members.length, 0);
  const perUserBase = 3; // department, role, site
  const extra = Math.max(0, (size.memberships - groupEdges) / size.users - perUserBase);
  const ldif = createWriteStream(join(dir, 'directory.ldif'));
  const hr: string[] = ['employeeId,login,firstName,lastName,department,title,employeeType,hireDate,endDate,moveDate,previousDepartment,previousTitle'];
  const write = (record: LdifRecord) => (ldif.write(`${formatLdifRecord(record)}\n`) ? undefined : new Promise<void>((r) => ldif.once('drain', () => r())));
  await write({
    dn: BASE,
    attributes: [
      ['objectClass', ['top', 'domain', 'domainDNS']],
      ['dc', 'bench'],
      ['objectSid', sidFromString(DOMAIN_SID)],
    ],
  });
  const samples: SyntheticCompany['samples'] = [];
  let memberships = groupEdges;
  for (let u = 0; u < size.users; u++) {
    const d = rng.int(0, DEPARTMENTS - 1);
    const t = rng.int(0, TITLES - 1);
    const s = rng.int(0, SITES - 1);
    const dn = `CN=User ${pad(u, 6)},OU=Dept${pad(d, 2)},OU=People,${BASE}`;
    const type = rng.chance(0.005) ? 'intern' : rng.chance(0.08) ? 'contractor' : 'permanent';
    const user: User = { login: login(u), dn, department: d, title: t, site: s, type };
    users.push(user);
    // 0.2 % miss their department group (a joiner not finished), 0.05 % sit in another department's group.
    const inDepartment = !rng.chance(0.002);
    if (inDepartment) {
      dept[d].members.push(dn);
      memberships++;
    }
    if (rng.chance(0.0005)) {
      dept[(d + 7) % DEPARTMENTS].members.push(dn);
      memberships++;
    }
    role[d * TITLES + t].members.push(dn);
    site[s].members.push(dn);
    memberships += 2;
    if (s === 0 && headquarters.members.length < bigGroupSize) {
      headquarters.members.push(dn);
      memberships++;
    }
    for (const { group: g } of personalMembers.get(u) ?? []) {
      g.members.push(dn);
      memberships++;
    }
    let n = Math.floor(extra) + (rng.chance(extra - Math.floor(extra)) ? 1 : 0);
    if (n > 0) {
      const tree = projectTrees[d];
      tree[rng.int(Math.min(1, tree.length - 1), tree.length - 1)].members.push(dn);
      n--;
      memberships++;
    }
    for (; n > 0 && apps.length; n--) {
      apps[rng.int(0, apps.length - 1)].members.push(dn);
      memberships++;
    }
    if (u % 997 === 0 && inDepartment) samples.push({ login: user.login, resourceId: `share-d${pad(d, 2)}-${pad(u % perDept, 3)}` });
    let uac = UAC_NORMAL;
    if (rng.chance(0.01)) uac |= 0x10000; // password never expires
    if (rng.chance(0.001)) uac |= 0x400000; // no Kerberos pre-authentication
    if (rng.chance(0.0005)) uac |= 0x80; // reversible encryption
    if (rng.chance(0.0005)) uac |= 0x20; // password not required
    const disabled = rng.chance(0.03);
    if (disabled) uac |= 0x2;
    const created = rng.between(40, 3000);
    const lastLogon = rng.chance(0.04) ? rng.between(200, 700) : rng.between(0.1, 25);
    const expires = type === 'permanent' ? null : rng.chance(0.05) ? -rng.between(1, 60) : rng.between(10, 300);
    // HR: 0.5 % are not in the roster (orphans), 1 % left (most of their accounts disabled), 1 % moved from another
    // department 40 to 200 days ago, half of them still in their old role's group.
    const leaver = rng.chance(0.01);
    if (leaver && rng.chance(0.7)) uac |= 0x2;
    const moved = !leaver && rng.chance(0.01);
    const previous = (d + 1 + rng.int(0, DEPARTMENTS - 2)) % DEPARTMENTS;
    if (moved && rng.chance(0.5)) {
      role[previous * TITLES + t].members.push(dn);
      memberships++;
    }
    if (!rng.chance(0.005)) {
      const hired = ago(now, created);
      hr.push(
        [
          `E${100000 + u}`,
          user.login,
          'First',
          `User${pad(u, 6)}`,
          `Dept${pad(d, 2)}`,
          `Role${pad(t, 2)}`,
          type,
          day(hired),
          leaver ? day(ago(now, rng.int(10, 200))) : expires === null ? '' : day(ago(now, -expires)),
          moved ? day(ago(now, rng.int(40, 200))) : '',
          moved ? `Dept${pad(previous, 2)}` : '',
          moved ? `Role${pad(t, 2)}` : '',
        ].join(','),
      );
    }
    await write({
      dn,
      attributes: [
        ['objectClass', ['top', 'person', 'organizationalPerson', 'user']],
        ['cn', `User ${pad(u, 6)}`],
        ['sAMAccountName', user.login],
        ['displayName', `User ${pad(u, 6)}`],
        ['mail', `${user.login}@bench.test`],
        ['employeeID', `E${100000 + u}`],
        ['department', `Dept${pad(d, 2)}`],
        ['title', `Role${pad(t, 2)}`],
        ['employeeType', type],
        ['l', `Site${pad(s, 2)}`],
        ['manager', u > 40 ? users[Math.floor(u / 40)].dn : undefined],
        ['userAccountControl', String(uac)],
        ['pwdLastSet', dateToFiletime(ago(now, Math.min(created - 1, rng.between(1, 120))))],
        ['lastLogonTimestamp', dateToFiletime(ago(now, Math.min(created, lastLogon)))],
        ['whenCreated', generalized(ago(now, created))],
        ['accountExpires', expires === null ? '9223372036854775807' : dateToFiletime(ago(now, -expires))],
        ['objectSid', sidFromString(`${DOMAIN_SID}-${rid++}`)],
        ['primaryGroupID', '513'],
      ],
    });
  }
  // External people: consultants and temps of outside firms, with a sponsor and a contract end date (5 % passed,
  // the account still enabled), in the roster as contractors; the directory gives them no department.
  const externals: ExternalPerson[] = [];
  for (let x = 0; x < externalCount; x++) {
    const dn = `CN=External ${pad(x, 6)},OU=Externals,${BASE}`;
    const d = rng.int(0, DEPARTMENTS - 1);
    const s = rng.int(0, SITES - 1);
    const ends = rng.chance(0.05) ? -rng.int(1, 90) : rng.int(10, 400);
    const xlogin = `ext-${pad(x, 6)}`;
    externalsGroup.members.push(dn);
    site[s].members.push(dn);
    const project = projectTrees[d][rng.int(Math.min(1, projectTrees[d].length - 1), projectTrees[d].length - 1)];
    project.members.push(dn);
    memberships += 3;
    const sponsor = rng.int(0, users.length - 1);
    // Listed in the policy's inventory of external people too (externals/), with the sponsor who answers for them.
    externals.push({ login: xlogin, company: `Partner${pad(x % 40, 2)}`, sponsor: `E${100000 + sponsor}`, endDate: day(ago(now, -ends)) });
    hr.push(
      [
        `X${100000 + x}`,
        xlogin,
        'Ext',
        `External${pad(x, 6)}`,
        `Dept${pad(d, 2)}`,
        'Consultant',
        'contractor',
        day(ago(now, 300)),
        day(ago(now, -ends)),
        '',
        '',
        '',
      ].join(','),
    );
    await write({
      dn,
      attributes: [
        ['objectClass', ['top', 'person', 'organizationalPerson', 'user']],
        ['cn', `External ${pad(x, 6)}`],
        ['sAMAccountName', xlogin],
        ['mail', `${xlogin}@partner.test`],
        ['employeeID', `X${100000 + x}`],
        ['title', 'Consultant'],
        ['employeeType', 'contractor'],
        ['l', `Site${pad(s, 2)}`],
        ['manager', users[sponsor].dn],
        ['userAccountControl', String(UAC_NORMAL)],
        ['pwdLastSet', dateToFiletime(ago(now, rng.between(1, 80)))],
        ['lastLogonTimestamp', dateToFiletime(ago(now, rng.between(0.1, 20)))],
        ['whenCreated', generalized(ago(now, 300))],
        ['accountExpires', dateToFiletime(ago(now, -ends))],
        ['objectSid', sidFromString(`${DOMAIN_SID}-${rid++}`)],
        ['primaryGroupID', '513'],
      ],
    });
  }
  // Administration accounts, without mail, in Domain Admins through GG_Admins_Infra, most in Protected Users.
  for (let a = 0; a < 30; a++) {
    const adm = `adm-u${pad(a, 6)}`;
    const dn = `CN=${adm},OU=Admins,${BASE}`;
    admins.members.push(dn);
    if (a % 10 !== 0) protectedUsers.members.push(dn);
    memberships += a % 10 !== 0 ? 2 : 1;
    await write({
      dn,
      attributes: [
        ['objectClass', ['top', 'person', 'organizationalPerson', 'user']],
        ['sAMAccountName', adm],
        ['employeeID', `E${100000 + a}`],
        ['userAccountControl', String(a % 10 === 0 ? UAC_NORMAL : UAC_NORMAL | 0x100000)],
        ['pwdLastSet', dateToFiletime(ago(now, 30))],
        ['lastLogonTimestamp', dateToFiletime(ago(now, 2))],
        ['whenCreated', generalized(ago(now, 900))],
        ['objectSid', sidFromString(`${DOMAIN_SID}-${rid++}`)],
        ['primaryGroupID', '513'],
      ],
    });
  }
  // Computers: one per person or so, in an OU per site; 2 % inactive, 1 % on an obsolete OS, 3 % without LAPS.
  for (let c = 0; c < computerCount; c++) {
    const s = c % SITES;
    const name = `PC${pad(s, 2)}-${pad(c % workstationGroups, 3)}-${pad(c, 6)}`;
    const laps = !rng.chance(0.03);
    await write({
      dn: `CN=${name},OU=Site${pad(s, 2)},OU=Computers,${BASE}`,
      attributes: [
        ['objectClass', ['top', 'person', 'organizationalPerson', 'user', 'computer']],
        ['cn', name],
        ['sAMAccountName', `${name}$`],
        ['userAccountControl', '4096'],
        ['operatingSystem', rng.chance(0.01) ? 'Windows 7 Professional' : rng.chance(0.3) ? 'Windows 10 Enterprise' : 'Windows 11 Enterprise'],
        ['pwdLastSet', dateToFiletime(ago(now, rng.between(1, 30)))],
        ['lastLogonTimestamp', dateToFiletime(ago(now, rng.chance(0.02) ? rng.between(200, 400) : rng.between(0.1, 10)))],
        ['ms-Mcs-AdmPwdExpirationTime', laps ? dateToFiletime(ago(now, -rng.between(1, 30))) : undefined],
        ['whenCreated', generalized(ago(now, 700))],
        ['objectSid', sidFromString(`${DOMAIN_SID}-${rid++}`)],
        ['primaryGroupID', '515'],
      ],
    });
  }
  for (const g of groups) {
    await write({
      dn: g.dn,
      attributes: [
        ['objectClass', ['top', 'group']],
        ['cn', g.name],
        ['sAMAccountName', g.name],
        ['description', g.description],
        ['member', g.members],
        ['objectSid', sidFromString(g.sid)],
        ['groupType', g.name.startsWith('DL_') ? '-2147483644' : '-2147483646'],
      ],
    });
  }
  await new Promise<void>((resolve, reject) => ldif.end((err?: Error | null) => (err ? reject(err) : resolve())));
  const hrFile = join(dir, 'hr.csv');
  await writeFile(hrFile, `${hr.join('\n')}\n`);

  const policyDir = join(dir, 'policies');
  await writeSyntheticPolicy(policyDir, resources, personalGrants, externals);
  return {
    ldifFile: join(dir, 'directory.ldif'),
    policyDir,
    hrFile,
    counts: {
      users: users.length + externalCount + 30,
      groups: groups.length,
      memberships,
      resources: resources.length,
      computers: computerCount,
      personalRules: personalGrants.length,
      externals: externalCount,
      bigGroup: headquarters.members.length,
      hrRecords: hr.length - 1,
    },
    samples,
  };
}

function login(u: number): string {
  return `u${pad(u, 6)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function ago(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY);
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function generalized(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}.0Z`;
}
