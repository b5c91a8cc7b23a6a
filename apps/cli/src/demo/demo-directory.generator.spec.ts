import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type DirectoryEntry,
  filetimeToDate,
  firstBuffer,
  firstString,
  generalizedTimeToDate,
  guidToString,
  normalizeDn,
  parseLdif,
  rdnValue,
  sidToString,
  stringValues,
} from '#vigie/directory';
import { generateDemoDirectory, type PlantedProblem, writeDemoDirectory } from './demo-directory.generator.js';

const now = new Date('2026-11-15T08:00:00Z');
const DAY = 86_400_000;
const DEPARTMENTS = ['Direction', 'Finance', 'RH', 'Commercial', 'Production', 'Informatique', 'Marketing'];

const sut = generateDemoDirectory({ now, seed: 42 });
const entries = parseLdif(sut.ldif, 'demo.ldif');
const uac = (e: DirectoryEntry) => Number(firstString(e, 'userAccountControl'));
const daysAgo = (date: Date | null) => (date ? (now.getTime() - date.getTime()) / DAY : null);
const lastLogonDays = (e: DirectoryEntry) => daysAgo(filetimeToDate(firstString(e, 'lastLogonTimestamp') ?? '0'));
const isClass = (e: DirectoryEntry, c: string) => stringValues(e, 'objectClass').includes(c);
const users = entries.filter((e) => isClass(e, 'user') && !isClass(e, 'computer'));
const people = users.filter((e) => firstString(e, 'mail'));
const groups = new Map(entries.filter((e) => isClass(e, 'group')).map((e) => [firstString(e, 'sAMAccountName')!, e]));
const byLogin = new Map(users.map((e) => [firstString(e, 'sAMAccountName')!, e]));
const membersOf = (group: string) => new Set(stringValues(groups.get(group)!, 'member').map(normalizeDn));
const isMember = (e: DirectoryEntry, group: string) => membersOf(group).has(normalizeDn(e.dn));
const computers = new Map(entries.filter((e) => isClass(e, 'computer')).map((e) => [firstString(e, 'sAMAccountName')!, e]));
const account = (p: PlantedProblem) => {
  const entry = byLogin.get(p.login!) ?? computers.get(p.login!);
  if (!entry) throw new Error(`planted login ${p.login} is not in the LDIF`);
  return entry;
};

describe('generateDemoDirectory', () => {
  it('gives the same text for the same seed and date, another company for another seed', () => {
    expect(generateDemoDirectory({ now, seed: 42 }).ldif).toBe(sut.ldif);
    expect(generateDemoDirectory({ now, seed: 43 }).ldif).not.toBe(sut.ldif);
  });

  it('keeps the same people when only the date changes, with every date moved along', () => {
    const later = new Date(now.getTime() + 100 * DAY);
    const moved = parseLdif(generateDemoDirectory({ now: later, seed: 42 }).ldif);
    const logins = (list: DirectoryEntry[]) => list.map((e) => firstString(e, 'sAMAccountName')).filter(Boolean);
    expect(logins(moved)).toEqual(logins(entries));
    const [before, after] = [entries, moved].map((list) => list.find((e) => firstString(e, 'sAMAccountName') === firstString(people[10]!, 'sAMAccountName'))!);
    const created = (e: DirectoryEntry) => generalizedTimeToDate(firstString(e, 'whenCreated')!)!.getTime();
    expect(created(after!) - created(before!)).toBe(100 * DAY);
  });

  it('describes about 300 employees of the seven departments, with unique logins', () => {
    expect(people).toHaveLength(300);
    expect(new Set(people.map((e) => firstString(e, 'department')))).toEqual(new Set(DEPARTMENTS));
    const logins = users.map((e) => firstString(e, 'sAMAccountName')!.toLowerCase());
    expect(new Set(logins).size).toBe(logins.length);
    for (const login of logins) expect(login).toMatch(/^[a-z][a-z0-9_-]*$/);
    const ids = people.map((e) => firstString(e, 'employeeID'));
    expect(new Set(ids).size).toBe(300);
    expect(ids).toContain('E1001');
    for (const e of people) {
      expect(['permanent', 'contractor', 'intern']).toContain(firstString(e, 'employeeType'));
      expect(['Lyon', 'Paris', 'Grenoble']).toContain(firstString(e, 'l'));
      expect(firstString(e, 'userPrincipalName')).toBe(`${firstString(e, 'sAMAccountName')}@acme.test`);
    }
  });

  it('writes a parseable ldifde-style export: binary SIDs and GUIDs, FILETIME and GeneralizedTime dates', () => {
    expect(entries.length).toBeGreaterThan(350);
    const dns = new Set(entries.map((e) => normalizeDn(e.dn)));
    for (const e of [...users, ...groups.values()]) {
      expect(sidToString(firstBuffer(e, 'objectSid')!)).toMatch(/^S-1-5-(21-1111111111-2222222222-3333333333|32)-\d+$/);
      expect(guidToString(firstBuffer(e, 'objectGUID')!)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(firstString(e, 'whenCreated')).toMatch(/^\d{14}\.0Z$/);
    }
    for (const e of people) {
      expect(firstString(e, 'primaryGroupID')).toBe('513');
      const manager = firstString(e, 'manager');
      if (manager) expect(dns.has(normalizeDn(manager))).toBe(true);
    }
    for (const group of groups.values()) for (const member of stringValues(group, 'member')) expect(dns.has(normalizeDn(member))).toBe(true);
    const sids = [...users, ...groups.values()].map((e) => sidToString(firstBuffer(e, 'objectSid')!));
    expect(new Set(sids).size).toBe(sids.length);
  });

  it('lays out the built-in groups as AD does, Domain Users with no member', () => {
    const sid = (name: string) => sidToString(firstBuffer(groups.get(name)!, 'objectSid')!);
    expect(sid('Administrators')).toBe('S-1-5-32-544');
    expect(sid('Account Operators')).toBe('S-1-5-32-548');
    expect(sid('Domain Admins')).toMatch(/-512$/);
    expect(sid('Domain Users')).toMatch(/-513$/);
    expect(stringValues(groups.get('Domain Users')!, 'member')).toEqual([]);
    expect(groups.get('Administrators')!.dn).toBe('CN=Administrators,CN=Builtin,DC=acme,DC=test');
    expect(firstString(groups.get('GG_Finance')!, 'groupType')).toBe('-2147483646');
    expect(firstString(groups.get('DL_Finance_RW')!, 'groupType')).toBe('-2147483644');
    expect(membersOf('DL_Finance_RW').has(normalizeDn(groups.get('GG_Finance')!.dn))).toBe(true);
  });

  it('writes accented values in base64 only, and keeps the escaped comma of "Martin, Paul"', () => {
    // eslint-disable-next-line no-control-regex -- tab and newline are what the check allows beside printable ASCII
    expect(sut.ldif).toMatch(/^[\x09\x0a\x20-\x7e]*$/); // nothing but printable ASCII
    const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
    const unfolded = sut.ldif.replace(/\n /g, '');
    expect(unfolded).toContain(`\ndn:: ${b64('CN=Hélène Lefèvre,OU=RH,DC=acme,DC=test')}\n`);
    expect(unfolded).toContain(`\ncn:: ${b64('Hélène Lefèvre')}\n`);
    expect(unfolded).toContain(`\ndn:: ${b64('OU=Comptes désactivés,DC=acme,DC=test')}\n`);
    expect(unfolded).toContain('\ndn: CN=Martin\\, Paul,OU=Production,DC=acme,DC=test\n');
    const paul = byLogin.get('pmartin')!;
    expect(rdnValue(paul.dn)).toBe('Martin, Paul');
    expect(people.filter((e) => firstString(e, 'manager') === paul.dn).length).toBeGreaterThan(3);
    expect(sut.ldif.split('\n').every((line) => line.length <= 76)).toBe(true);
  });

  it('plants every problem it reports', () => {
    const rules = sut.planted.map((p) => p.rule);
    expect(rules.filter((r) => r === 'H-PWD-NEVER-EXPIRES')).toHaveLength(3);
    expect(rules.filter((r) => r === 'H-INACTIVE-USER')).toHaveLength(5);
    expect(sut.planted.filter((p) => p.rule === 'G-EXCESS-VS-ROLE' && p.expectFinding !== false)).toHaveLength(4);
    expect(rules.filter((r) => r === 'G-SOD')).toHaveLength(1);
    for (const p of sut.planted) {
      const e = p.login ? account(p) : undefined;
      switch (p.rule) {
        case 'H-PWD-NEVER-EXPIRES':
          expect(uac(e!)).toBe(66048);
          break;
        case 'H-PRIV-NEVER-EXPIRES':
          expect(uac(e!)).toBe(66048);
          expect(isMember(e!, 'Domain Admins')).toBe(true);
          break;
        case 'H-PWD-NOT-REQUIRED':
          expect(uac(e!)).toBe(544);
          break;
        case 'H-INACTIVE-USER': {
          expect(uac(e!)).toBe(512);
          const days = lastLogonDays(e!) ?? daysAgo(generalizedTimeToDate(firstString(e!, 'whenCreated')!));
          expect(days).toBeGreaterThanOrEqual(200);
          expect(days).toBeLessThanOrEqual(500);
          break;
        }
        case 'H-PWD-IN-DESCRIPTION':
          expect(firstString(e!, 'description')).toMatch(/\bmdp: \S+/);
          break;
        case 'G-SOD':
          expect(firstString(e!, 'department')).toBe('Finance');
          expect(isMember(e!, 'GG_Finance') && isMember(e!, p.group!)).toBe(true);
          break;
        case 'G-EXCESS-VS-ROLE':
          if (e) expect(isMember(e, p.group!)).toBe(true);
          else expect(p.expectFinding).toBe(false);
          break;
        case 'G-LEAVER':
          expect(uac(e!)).toBe(514);
          expect(isMember(e!, 'GG_Finance')).toBe(true);
          break;
        case 'G-MISSING-BIRTHRIGHT':
          expect(firstString(e!, 'department')).toBe('Commercial');
          expect(isMember(e!, 'GG_Commercial')).toBe(false);
          expect(daysAgo(generalizedTimeToDate(firstString(e!, 'whenCreated')!))).toBeLessThan(7);
          break;
        case 'G-PEER-OUTLIER':
          // The same accounts as the planted excess: access their peers do not have.
          expect(sut.planted.some((x) => x.rule === 'G-EXCESS-VS-ROLE' && x.login === p.login && x.resourceId === p.resourceId)).toBe(true);
          break;
        case 'R-REGISTER':
          if (e) expect(isMember(e, 'DL_Finance_RW')).toBe(true);
          else expect(membersOf('DL_RH_RW').has(normalizeDn(groups.get(p.subject!)!.dn))).toBe(true);
          break;
        case 'R-SPECIAL-CATEGORY':
          expect(p.resourceId).toBe('share-rh');
          break;
        case 'G-AGDLP':
          expect(isMember(e!, p.group!)).toBe(true);
          expect(firstString(groups.get(p.group!)!, 'groupType')).toBe('-2147483644'); // domain-local
          break;
        case 'H-KERBEROAST-ADMIN':
          expect(stringValues(e!, 'servicePrincipalName').length).toBeGreaterThan(0);
          expect(isMember(e!, 'Domain Admins')).toBe(true);
          expect(daysAgo(filetimeToDate(firstString(e!, 'pwdLastSet')!))).toBeGreaterThan(40);
          break;
        case 'H-ADMINCOUNT-MISMATCH':
          expect(firstString(e!, 'adminCount')).toBe('1');
          expect([...groups.keys()].filter((g) => isMember(e!, g))).toEqual([
            `GG_${firstString(e!, 'department')}`,
            ...(isMember(e!, 'GG_Managers') ? ['GG_Managers'] : []),
          ]);
          break;
        case 'H-SIDHISTORY':
          expect(sidToString(firstBuffer(e!, 'sIDHistory')!)).toMatch(/^S-1-5-21-3623811015-3361044348-30300820-\d+$/);
          break;
        case 'H-OBSOLETE-OS':
          expect(firstString(e!, 'operatingSystem')).toBe('Windows 7 Professional');
          expect(firstString(e!, 'ms-Mcs-AdmPwdExpirationTime')).toBeDefined();
          break;
        case 'H-LAPS':
          expect([firstString(e!, 'msLAPS-PasswordExpirationTime'), firstString(e!, 'ms-Mcs-AdmPwdExpirationTime')]).toEqual([undefined, undefined]);
          break;
        case 'R-LEAVER-RETENTION':
          expect(uac(e!)).toBe(514);
          expect([...groups.keys()].filter((g) => isMember(e!, g))).toEqual([]);
          expect(p.expectFinding).toBe(false);
          break;
        default:
          throw new Error(`unexpected planted rule ${p.rule}`);
      }
    }
    const inactive = sut.planted.filter((p) => p.rule === 'H-INACTIVE-USER').map((p) => account(p));
    expect(inactive.filter((e) => !firstString(e, 'lastLogonTimestamp'))).toHaveLength(1);
    expect(inactive.filter((e) => (lastLogonDays(e) ?? 0) > 365)).toHaveLength(1);
    const intern = account(sut.planted.find((p) => p.group === 'GG_RH_Projets')!);
    expect([firstString(intern, 'department'), firstString(intern, 'employeeType')]).toEqual(['Marketing', 'intern']);
    expect(membersOf('DL_RH_RW').has(normalizeDn(groups.get('GG_RH_Projets')!.dn))).toBe(true);
    expect(membersOf('GG_Projet_A').has(normalizeDn(groups.get('GG_Projet_B')!.dn))).toBe(true);
    expect(membersOf('GG_Projet_B').has(normalizeDn(groups.get('GG_Projet_A')!.dn))).toBe(true);
  });

  it('keeps everybody else clean: 512, recent logons, no description, only their own groups', () => {
    const planted = new Set(sut.planted.map((p) => p.login));
    const ordinary = people.filter((e) => !planted.has(firstString(e, 'sAMAccountName')));
    expect(ordinary.length).toBe(300 - 18); // planted problems on 18 employees' accounts (and on 3 technical ones)
    const allowed = (department: string) =>
      new Set([
        `GG_${department}`,
        'GG_Managers',
        ...(department === 'RH' ? ['GG_RH_Projets'] : []),
        ...(department === 'Production' ? ['GG_Projet_A', 'GG_Projet_B'] : []),
      ]);
    for (const e of ordinary) {
      const login = firstString(e, 'sAMAccountName');
      expect({ login, uac: uac(e) }).toEqual({ login, uac: 512 });
      expect(lastLogonDays(e)).toBeLessThan(30);
      expect(daysAgo(filetimeToDate(firstString(e, 'pwdLastSet')!))).toBeLessThan(90);
      expect(firstString(e, 'description')).toBeUndefined();
      expect([firstString(e, 'adminCount'), firstString(e, 'sIDHistory')]).toEqual([undefined, undefined]);
      const expires = filetimeToDate(firstString(e, 'accountExpires')!);
      if (expires) expect(expires.getTime()).toBeGreaterThan(now.getTime());
      const direct = [...groups.keys()].filter((g) => isMember(e, g));
      const department = firstString(e, 'department')!;
      expect({ login, direct }).toEqual({ login, direct: expect.arrayContaining([`GG_${department}`]) });
      for (const group of direct) expect({ login, group, allowed: allowed(department).has(group) }).toEqual({ login, group, allowed: true });
    }
    for (const e of users.filter((u) => !firstString(u, 'mail') && !planted.has(firstString(u, 'sAMAccountName')))) {
      if (uac(e) & 2) continue; // Guest and krbtgt are disabled, as in every domain
      expect(uac(e) & 0x10020).toBe(0);
      expect(lastLogonDays(e)).toBeLessThan(30);
      expect(firstString(e, 'description') ?? '').not.toMatch(/\b(pass|pwd|mdp|mot de passe)\b/i);
    }
  });

  it('writes the file with the default seed, creating the folders', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vigie-demo-'));
    try {
      const file = join(dir, 'deep', 'er', 'acme.ldif');
      const planted = await writeDemoDirectory(file, now);
      const expected = generateDemoDirectory({ now });
      expect(await readFile(file, 'utf8')).toBe(expected.ldif);
      expect(planted).toEqual(expected.planted);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
