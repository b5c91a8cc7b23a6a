/**
 * AD test data for the Samba DC (samba.ts): the LDIF fixtures of test/fixtures/ldif/ok/ad-*.ldif loaded into a
 * test OU, and generated users and groups for bulk loads.
 */
import { readFileSync } from 'node:fs';
import { attributes, ldifLine, normalizeDn, parseLdif, parseLine } from './ldif.js';
import { unicodePwdBase64, type SambaInstance, type TestOu } from './samba.js';

/** Where the fixture files put their objects; loadAdFixture moves them into a test OU. */
export const FIXTURE_BASE = 'OU=Vigie Fixtures,DC=acme,DC=test';
const FIXTURE_DOMAIN = 'DC=acme,DC=test';
/** The password loadAdFixture gives the accounts whose userAccountControl needs one. */
export const FIXTURE_PASSWORD = 'Fixture-Pw-2024!';
const PASSWD_NOTREQD = 0x20;
const FSP_DN = /^CN=(S-1-[0-9-]+),CN=ForeignSecurityPrincipals,/i;

export function adFixturePath(name: string): string {
  return new URL(`../fixtures/ldif/ok/${name.endsWith('.ldif') ? name : `${name}.ldif`}`, import.meta.url).pathname;
}

export interface LoadedFixture {
  readonly ou: TestOu;
  /** Where an object of the fixture file ended up: `CN=Alice Martin,OU=Staff,OU=Vigie Fixtures,...` → under ou.dn. */
  dn(fixtureDn: string): string;
  /** The sAMAccountName an account of the fixture got: `amartin` → `<tag>-amartin`. */
  login(fixtureLogin: string): string;
}

/** Where fixture objects go: a test OU, with its tag for the names that must be unique in the domain ('' for none). */
export interface FixtureTarget {
  ouDn: string;
  tag: string;
  baseDn: string;
  realm: string;
}

export function rebaseFixtureDn(dn: string, target: Pick<FixtureTarget, 'ouDn' | 'baseDn'>): string {
  const lower = dn.toLowerCase();
  if (lower.endsWith(FIXTURE_BASE.toLowerCase())) return dn.slice(0, dn.length - FIXTURE_BASE.length) + target.ouDn;
  if (lower.endsWith(FIXTURE_DOMAIN.toLowerCase())) return dn.slice(0, dn.length - FIXTURE_DOMAIN.length) + target.baseDn;
  return dn;
}

/**
 * A fixture file's LDIF as the DC must receive it: entries under target.ouDn (the file's root OU dropped: the
 * test OU stands for it), sAMAccountName and userPrincipalName prefixed with the tag, a password for every
 * account whose userAccountControl needs one (so the LDIF must go over LDAPS), foreign principals named by
 * `<SID=...>`, and the members that name an entry further down the file added by a change record at the end.
 */
export function prepareAdFixtureLdif(text: string, target: FixtureTarget): string {
  const records = parseLdif(text).filter((r) => normalizeDn(r.dn) !== normalizeDn(FIXTURE_BASE));
  const pending = new Set(records.map((r) => normalizeDn(r.dn)));
  const out: string[] = [];
  const later: string[] = [];
  for (const record of records) {
    const dn = rebaseFixtureDn(record.dn, target);
    pending.delete(normalizeDn(record.dn));
    const lines: string[] = [];
    for (const line of record.lines) {
      const attr = parseLine(line);
      if (!attr) {
        lines.push(line);
        continue;
      }
      const type = attr.type.toLowerCase();
      let value = attr.value;
      if (type === 'samaccountname') value = target.tag ? `${target.tag}-${value}` : value;
      else if (type === 'userprincipalname') value = `${target.tag ? `${target.tag}-` : ''}${value.split('@')[0]}@${target.realm.toLowerCase()}`;
      else if (type === 'member' && pending.has(normalizeDn(value))) {
        later.push(`${ldifLine('dn', dn)}\nchangetype: modify\nadd: member\n${ldifLine('member', rebaseFixtureDn(value, target))}\n-`);
        continue;
      } else if (type === 'member' && FSP_DN.test(value)) value = `<SID=${FSP_DN.exec(value)![1]}>`;
      else value = rebaseFixtureDn(value, target);
      lines.push(value === attr.value ? line : ldifLine(attr.type, value));
    }
    if (needsPassword(record)) lines.push(`unicodePwd:: ${unicodePwdBase64(FIXTURE_PASSWORD)}`);
    out.push([ldifLine('dn', dn), ...lines].join('\n'));
  }
  return [...out, ...later].join('\n\n') + '\n';
}

function needsPassword(record: ReturnType<typeof parseLdif>[number]): boolean {
  const attrs = attributes(record);
  const isAccount = attrs.some((a) => a.type.toLowerCase() === 'objectclass' && ['user', 'computer'].includes(a.value.toLowerCase()));
  const uac = attrs.find((a) => a.type.toLowerCase() === 'useraccountcontrol');
  return isAccount && uac !== undefined && (Number(uac.value) & PASSWD_NOTREQD) === 0;
}

/** Loads fixture files (ad-company, then ad-resources...) into a test OU, over LDAPS. */
export async function loadAdFixture(ou: TestOu, ...names: string[]): Promise<LoadedFixture> {
  const target: FixtureTarget = { ouDn: ou.dn, tag: ou.tag, baseDn: ou.dc.baseDn, realm: ou.dc.realm };
  for (const name of names) {
    const ldif = prepareAdFixtureLdif(readFileSync(adFixturePath(name), 'utf8'), target);
    await ou.dc.addLdif(ldif, { tls: true });
  }
  return {
    ou,
    dn: (fixtureDn) => rebaseFixtureDn(fixtureDn, target),
    login: (fixtureLogin) => `${ou.tag}-${fixtureLogin}`,
  };
}

/**
 * Loads a fixture file into a private DC of realm ACME.TEST as it is written: the objects keep the fixture's DNs
 * and names (no test OU, no tag), for tests that own the whole domain and plant through its built-in groups and
 * accounts. Content records only; apply change records with dc.modifyLdif afterwards.
 */
export async function loadAdFixtureAsWritten(dc: SambaInstance, path: string): Promise<void> {
  if (normalizeDn(dc.baseDn) !== normalizeDn(FIXTURE_DOMAIN)) {
    throw new Error(`loadAdFixtureAsWritten needs a DC of the fixtures' domain (${FIXTURE_DOMAIN}), not ${dc.baseDn}: start it with the default realm`);
  }
  await dc.addLdif(`dn: ${FIXTURE_BASE}\nobjectClass: organizationalUnit\n`);
  const target: FixtureTarget = { ouDn: FIXTURE_BASE, tag: '', baseDn: dc.baseDn, realm: dc.realm };
  await dc.addLdif(prepareAdFixtureLdif(readFileSync(path, 'utf8'), target), { tls: true });
}

// ---------------------------------------------------------------------------------------------------------------
// Generated data.

export interface GeneratedUsersOptions {
  /** CN and sAMAccountName prefix: `<prefix>00042`. Keep prefix + 5 digits within AD's 20 characters. */
  prefix?: string;
  /** First index; default 0. */
  start?: number;
  /** Extra attributes of user i (`department`, `title`...), as text values. */
  attributes?: (i: number) => Record<string, string>;
}

/** The DN generated user i gets under parentDn. */
export function generatedUserDn(parentDn: string, i: number, prefix = 'user'): string {
  return `CN=${prefix}${String(i).padStart(5, '0')},${parentDn}`;
}

/**
 * `count` users under parentDn as LDIF for addLdif: created without password, so the DC makes them 546
 * (disabled, password not required), which is what a bulk import over plain LDAP gives on AD too.
 */
export function adUsersLdif(parentDn: string, count: number, options: GeneratedUsersOptions = {}): string {
  const prefix = options.prefix ?? 'user';
  const start = options.start ?? 0;
  const parts: string[] = [];
  for (let i = start; i < start + count; i++) {
    const name = `${prefix}${String(i).padStart(5, '0')}`;
    const lines = [
      ldifLine('dn', generatedUserDn(parentDn, i, prefix)),
      'objectClass: user',
      `sAMAccountName: ${name}`,
      `givenName: User`,
      `sn: ${name}`,
      `displayName: User ${name}`,
    ];
    for (const [type, value] of Object.entries(options.attributes?.(i) ?? {})) lines.push(ldifLine(type, value));
    parts.push(lines.join('\n'));
  }
  return parts.join('\n\n') + '\n';
}

/** groupType values of the six kinds of AD group (MS-ADTS 2.2.12; security groups are negative). */
export const GROUP_TYPES = {
  globalSecurity: -2147483646,
  domainLocalSecurity: -2147483644,
  universalSecurity: -2147483640,
  globalDistribution: 2,
  domainLocalDistribution: 4,
  universalDistribution: 8,
} as const;

/** One group as LDIF for addLdif; members must exist already (a group may list thousands in one add). */
export function adGroupLdif(dn: string, options: { sAMAccountName: string; groupType?: number; members?: string[]; description?: string }): string {
  const lines = [
    ldifLine('dn', dn),
    'objectClass: group',
    ldifLine('sAMAccountName', options.sAMAccountName),
    `groupType: ${options.groupType ?? GROUP_TYPES.globalSecurity}`,
  ];
  if (options.description) lines.push(ldifLine('description', options.description));
  for (const member of options.members ?? []) lines.push(ldifLine('member', member));
  return lines.join('\n') + '\n';
}

/** Adds generated LDIF in one ldapmodify run; returns entries per second for the record. */
export async function bulkLoad(dc: SambaInstance, ldif: string): Promise<{ entries: number; ms: number; perSecond: number }> {
  const entries = (ldif.match(/^dn::? /gm) ?? []).length;
  const started = Date.now();
  await dc.addLdif(ldif);
  const ms = Date.now() - started;
  return { entries, ms, perSecond: Math.round((entries * 1000) / Math.max(ms, 1)) };
}
