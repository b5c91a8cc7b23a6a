import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * A company directory for the sync benchmark, written as LDIF for slapadd: `users` people
 * (inetOrgPerson + posixAccount, the attributes a real OpenLDAP carries), about 5 % as many
 * groups (groupOfNames), each person in 5 of them, memberOf filled as the memberof overlay would.
 * Deterministic: the same size always gives the same directory.
 */
export interface BenchDirectory {
  suffix: string;
  users: number;
  groups: number;
  memberships: number;
}

export const BENCH_SUFFIX = 'dc=bench,dc=test';
const MEMBERSHIPS_PER_USER = 5;

export function groupCount(users: number): number {
  return Math.max(MEMBERSHIPS_PER_USER, Math.round(users * 0.05));
}

/** The groups of user i: 5 distinct groups spread evenly. */
function groupsOf(i: number, groups: number): number[] {
  const out = new Set<number>();
  for (let k = 0; out.size < MEMBERSHIPS_PER_USER; k++) out.add((i * 7 + k * 131 + k * k) % groups);
  return [...out];
}

const userDn = (i: number) => `uid=user${i},ou=people,${BENCH_SUFFIX}`;

// A directory in use for years: entries created and last changed at many different times before
// the benchmark runs (slapadd keeps these operational attributes), so that the last change before
// a sync is one entry among 100k, as in real life, not all of them in the second of the load.
const EPOCH = Date.UTC(2023, 0, 1);
function stamps(i: number): { created: string; modified: string } {
  const created = EPOCH + ((i * 7919) % 800_000) * 60_000;
  const modified = created + ((i * 31) % 100_000) * 60_000;
  const text = (ms: number) =>
    new Date(ms)
      .toISOString()
      .replace(/[-:T]/g, '')
      .replace(/\.\d+Z$/, 'Z');
  return { created: text(created), modified: text(modified) };
}
const groupDn = (g: number) => `cn=group${g},ou=groups,${BENCH_SUFFIX}`;

export async function writeBenchLdif(file: string, users: number): Promise<BenchDirectory> {
  const groups = groupCount(users);
  const members: number[][] = Array.from({ length: groups }, () => []);
  const userGroups: number[][] = [];
  for (let i = 0; i < users; i++) {
    const gs = groupsOf(i, groups);
    userGroups.push(gs);
    for (const g of gs) members[g]!.push(i);
  }
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`dn: ${BENCH_SUFFIX}\nobjectClass: top\nobjectClass: dcObject\nobjectClass: organization\ndc: bench\no: Bench\n\n`);
  await write(`dn: ou=people,${BENCH_SUFFIX}\nobjectClass: organizationalUnit\nou: people\n\n`);
  await write(`dn: ou=groups,${BENCH_SUFFIX}\nobjectClass: organizationalUnit\nou: groups\n\n`);
  for (let i = 0; i < users; i++) {
    const lines = [
      `dn: ${userDn(i)}`,
      'objectClass: inetOrgPerson',
      'objectClass: posixAccount',
      `uid: user${i}`,
      `cn: User Number ${i}`,
      `sn: Number${i}`,
      'givenName: User',
      `displayName: User Number ${i}`,
      `mail: user${i}@bench.test`,
      `employeeNumber: E${String(i).padStart(7, '0')}`,
      `departmentNumber: Department ${i % 40}`,
      `title: Title ${i % 25}`,
      'employeeType: permanent',
      `telephoneNumber: +33 1 00 ${String(i % 100).padStart(2, '0')} ${String(i % 97).padStart(2, '0')} 00`,
      `uidNumber: ${10000 + i}`,
      'gidNumber: 10000',
      `homeDirectory: /home/user${i}`,
      'loginShell: /bin/bash',
      `createTimestamp: ${stamps(i).created}`,
      `modifyTimestamp: ${stamps(i).modified}`,
      ...userGroups[i]!.map((g) => `memberOf: ${groupDn(g)}`),
    ];
    await write(`${lines.join('\n')}\n\n`);
  }
  for (let g = 0; g < groups; g++) {
    const lines = [
      `dn: ${groupDn(g)}`,
      'objectClass: groupOfNames',
      `cn: group${g}`,
      `description: Group number ${g}`,
      `createTimestamp: ${stamps(g + 1).created}`,
      `modifyTimestamp: ${stamps(g + 1).modified}`,
      ...members[g]!.map((i) => `member: ${userDn(i)}`),
    ];
    await write(`${lines.join('\n')}\n\n`);
  }
  out.end();
  await once(out, 'finish');
  return { suffix: BENCH_SUFFIX, users, groups, memberships: users * MEMBERSHIPS_PER_USER };
}

/** LDIF change records that modify `count` people spread over the directory (title and phone). */
export function changeRecords(users: number, count: number, round: number): string {
  const step = Math.max(1, Math.floor(users / count));
  const records: string[] = [];
  for (let n = 0, i = round % step; n < count && i < users; n++, i += step) {
    records.push(
      `dn: ${userDn(i)}\nchangetype: modify\nreplace: title\ntitle: Changed ${round}\n-\nreplace: telephoneNumber\ntelephoneNumber: +33 9 ${round} ${n}\n`,
    );
  }
  return records.join('\n');
}
