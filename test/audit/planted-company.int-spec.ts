/**
 * The planted company of test/fixtures/planted, loaded into a real slapd and into a real Samba AD DC, synchronised by
 * `vigie sync` into a real PostgreSQL and audited by `vigie audit` with the company's policy and HR roster. Every
 * finding of the plant list (planted-problems.yaml) must come out exactly once, with its rule, subject and resource,
 * and an explanation that names the way in (nested groups, primary group...); the clean accounts must raise nothing.
 * Named findings that would be false positives must not come out either. The expectations are the plant list
 * itself: nothing here is a count read off a previous run.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PgSnapshotStore, openSqlClient } from '#vigie/persistence';
import { loadAdFixtureAsWritten } from '../support/ad-fixtures.js';
import { runCli } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { type SambaInstance, startSambaDc } from '../support/samba.js';
import { type SlapdInstance, startSlapd } from '../support/slapd.js';
import { trailKeyEnv } from '../support/trail.js';

type Kind = 'openldap' | 'samba';
type PerKind<T> = T | Partial<Record<Kind, T>>;

interface PlantedFinding {
  rule: string;
  subject: PerKind<string>;
  resource: string | null;
  severity: string;
  explain: PerKind<string[]>;
  evidence?: PerKind<Record<string, unknown>>;
}

interface PlantList {
  problems: Array<{ what: string; in: Kind[]; findings: PlantedFinding[] }>;
  clean: Array<{ login: string; in: Kind[]; why: string }>;
  /** About an account (`subject`), or about a resource of the policy (`resource` alone). */
  notRaised: Array<{ rule: string; subject?: string; resource?: string; in: Kind[]; why: string }>;
  /** Findings the data justify that are no planted problem; absent subject and resource, every finding of the rule. */
  justified: Array<{ rule: string; subject?: string; resource?: string; in: Kind[]; why: string }>;
}

interface Finding {
  rule: string;
  severity: string;
  subject: { type: string; directory: string | null; login: string | null; name?: string };
  resource: { id: string } | null;
  message: string;
  evidence: Record<string, unknown>;
  explain: string[];
}

const planted = (name: string) => new URL(`../fixtures/planted/${name}`, import.meta.url).pathname;
const PLANT = parse(readFileSync(planted('planted-problems.yaml'), 'utf8')) as PlantList;
const DIRECTORY: Record<Kind, string> = { openldap: 'corp-ldap', samba: 'corp-ad' };
const START_MS = 240_000;
const KINDS: readonly string[] = ['openldap', 'samba'];

/** A value given per directory kind is a mapping whose keys are all kinds; any other value holds for both. */
function forKind<T>(value: PerKind<T>, kind: Kind): T {
  const isPerKind = typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).every((key) => KINDS.includes(key));
  return isPerKind ? (value as Partial<Record<Kind, T>>)[kind]! : (value as T);
}

/** The ids of the resources the planted policy declares, read from its files. */
function declaredResources(): Set<string> {
  const dir = planted('policies/resources');
  return new Set(
    readdirSync(dir)
      .filter((file) => file.endsWith('.yaml'))
      .flatMap((file) => (parse(readFileSync(join(dir, file), 'utf8')) as { resources: Array<{ id: string }> }).resources.map((r) => r.id)),
  );
}

/** What the audit of one directory must report, straight from the plant list. */
function expectedFindings(kind: Kind) {
  return PLANT.problems
    .filter((p) => p.in.includes(kind))
    .flatMap((p) =>
      p.findings.map((f) => {
        const onDirectory = forKind(f.subject, kind) === '$directory';
        const subject = forKind(f.subject, kind).replace('$directory', DIRECTORY[kind]);
        const evidence = f.evidence && forKind(f.evidence, kind);
        return { what: p.what, rule: f.rule, subject, onDirectory, resource: f.resource, severity: f.severity, explain: forKind(f.explain, kind), evidence };
      }),
    );
}

/** Whether the evidence holds these fields, as toMatchObject compares them. */
function holds(evidence: Record<string, unknown>, expected: Record<string, unknown>): boolean {
  try {
    expect(evidence).toMatchObject(expected);
    return true;
  } catch {
    return false;
  }
}

const subjectOf = (f: Finding) => f.subject.login ?? f.subject.name ?? null;

/**
 * Whether a finding is about the account: its subject, or one of the accounts a finding on a resource or a
 * directory lists (R-SPECIAL-CATEGORY's outsiders, the second account of a G-SOD conflict), or the start of a path.
 */
function namesAccount(f: Finding, login: string): boolean {
  return f.subject.login === login || JSON.stringify(f.evidence).includes(JSON.stringify(login)) || f.explain.some((line) => line.startsWith(`${login} ∈ `));
}

interface Audited {
  findings: Finding[];
  /** The logins of the enabled accounts the sync stored. */
  enabled: Set<string>;
  /** The password policy (ppolicy) the sync gave each account, by login. */
  passwordPolicies: Map<string, string | null>;
}

/** `vigie sync` then `vigie audit --format json` with the planted policy and roster: the report, and who was synced. */
async function syncAndAudit(env: Record<string, string>): Promise<Audited> {
  const sync = await runCli(['sync'], env);
  expect(sync).toMatchObject({ code: 0, stderr: '' });
  const sql = await openSqlClient({ url: env.DATABASE_URL, dataDir: '' });
  let enabled: Set<string>;
  let passwordPolicies: Map<string, string | null>;
  try {
    const [snapshot] = await new PgSnapshotStore(sql).load([env.VIGIE_LDAP_NAME]);
    enabled = new Set(snapshot.accounts.filter((a) => a.enabled && a.login).map((a) => a.login!));
    passwordPolicies = new Map(snapshot.accounts.filter((a) => a.login).map((a) => [a.login!, a.passwordPolicyDn]));
  } finally {
    await sql.close();
  }
  const audit = await runCli(['audit', '--format', 'json', '--policies', planted('policies'), '--hr', planted('hr-roster.csv')], env);
  if (audit.code !== 0) throw new Error(`vigie audit exited ${audit.code}: ${audit.stderr}`);
  // Every group the policy names exists in both directories.
  expect(audit.stderr).not.toMatch(/found in no directory/);
  return { findings: (JSON.parse(audit.stdout) as { findings: Finding[] }).findings, enabled, passwordPolicies };
}

function checkPlantList(kind: Kind, audited: () => Audited): void {
  const report = () => audited().findings;
  it.each(expectedFindings(kind).map((e) => [`${e.rule} on ${e.subject}${e.resource ? ` / ${e.resource}` : ''}`, e] as const))('finds %s once', (_, e) => {
    // A directory is the subject of several findings of one rule (G-NO-OWNER's objects and OUs): the evidence tells them apart.
    const found = report().filter(
      (f) =>
        f.rule === e.rule &&
        subjectOf(f) === e.subject &&
        (f.resource?.id ?? null) === e.resource &&
        (!e.onDirectory || !e.evidence || holds(f.evidence, e.evidence)),
    );
    expect(found).toHaveLength(1);
    const [finding] = found;
    expect(finding.severity).toBe(e.severity);
    expect(finding.message).not.toBe('');
    expect(finding.explain.length).toBeGreaterThan(0);
    // The expected lines, in order: a path reads from the account to the group the resource names.
    let from = 0;
    for (const line of e.explain) {
      const at = finding.explain.findIndex((l, i) => i >= from && l.includes(line));
      if (at < 0)
        throw new Error(
          `the explanation of ${e.rule} on ${e.subject} lacks "${line}"${from ? ' after the lines before it' : ''}:\n  ${finding.explain.join('\n  ')}`,
        );
      from = at + 1;
    }
    if (e.evidence) expect(finding.evidence).toMatchObject(e.evidence);
    if (finding.subject.type === 'account' || finding.subject.type === 'computer' || finding.subject.type === 'group')
      expect(finding.subject.directory).toBe(DIRECTORY[kind]);
  });

  it.each(
    PLANT.notRaised.filter((n) => n.in.includes(kind)).map((n) => [`${n.rule} on ${[n.subject, n.resource].filter(Boolean).join(' / ')}`, n.why, n] as const),
  )('raises no %s: %s', (_, __, n) => {
    expect(report().filter((f) => f.rule === n.rule && (!n.subject || subjectOf(f) === n.subject) && (!n.resource || f.resource?.id === n.resource))).toEqual(
      [],
    );
    // What a finding must not be about exists: an enabled account, or a resource of the policy.
    if (n.subject) expect(audited().enabled.has(n.subject)).toBe(true);
    else expect(declaredResources()).toContain(n.resource);
  });

  it('reports on the directory, for G-NO-OWNER, only the objects and OUs the plant list names: no workstation one by one', () => {
    const planted = expectedFindings(kind).filter((e) => e.rule === 'G-NO-OWNER' && e.onDirectory);
    const found = report().filter((f) => f.rule === 'G-NO-OWNER' && f.subject.type !== 'resource');
    expect(found.map((f) => f.message)).toHaveLength(planted.length);
    expect(found.every((f) => f.subject.type === 'directory')).toBe(true);
  });

  // Signal over noise: the officer reads every finding, so each one must be a planted problem or named, with why, in
  // the plant list's `justified`; anything else is noise, or a plant missing from the list.
  it('reports nothing the plant list does not name', () => {
    const expected = expectedFindings(kind);
    const justified = PLANT.justified.filter((j) => j.in.includes(kind));
    const unplanted = report().filter(
      (f) =>
        !justified.some((j) => j.rule === f.rule && (!j.subject || j.subject === subjectOf(f)) && (!j.resource || j.resource === f.resource?.id)) &&
        !expected.some(
          (e) =>
            e.rule === f.rule &&
            e.subject === subjectOf(f) &&
            (f.resource?.id ?? null) === e.resource &&
            (!e.onDirectory || !e.evidence || holds(f.evidence, e.evidence)),
        ),
    );
    expect(unplanted.map((f) => `${f.rule} on ${subjectOf(f)}${f.resource ? ` / ${f.resource.id}` : ''}: ${f.message}`)).toEqual([]);
  });

  it.each(PLANT.clean.filter((c) => c.in.includes(kind)).map((c) => [c.login, c.why] as const))('raises nothing on the clean account %s (%s)', (login) => {
    const about = report().filter((f) => namesAccount(f, login));
    expect(about.map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
    // A clean account missing from the sync would raise nothing too.
    expect(audited().enabled.has(login)).toBe(true);
  });
}

describe('the planted company on OpenLDAP: sync, audit, each planted problem found once', () => {
  let slapd: SlapdInstance;
  let db: TestDatabase;
  let audited: Audited = { findings: [], enabled: new Set(), passwordPolicies: new Map() };

  beforeAll(async () => {
    // The default password policy lives in cn=config (olcPPolicyDefault): Vigie's bind DN may read it there.
    [slapd, db] = await Promise.all([
      startSlapd({
        ldif: readFileSync(planted('openldap.ldif'), 'utf8'),
        ppolicyDefault: 'cn=default,ou=policies,dc=acme,dc=test',
        configReadableBy: 'cn=admin,dc=acme,dc=test',
      }),
      createTestDatabase(),
    ]);
    audited = await syncAndAudit({
      DATABASE_URL: db.url,
      VIGIE_LDAP_NAME: DIRECTORY.openldap,
      VIGIE_LDAP_URL: slapd.url,
      VIGIE_LDAP_BASE_DN: slapd.suffix,
      VIGIE_LDAP_BIND_DN: slapd.rootDn,
      VIGIE_LDAP_BIND_PASSWORD: slapd.rootPassword,
      ...trailKeyEnv(),
    });
  }, START_MS);

  afterAll(async () => {
    await Promise.all([slapd?.stop(), db?.drop()]);
  });

  checkPlantList('openldap', () => audited);

  it('gives accounts without pwdPolicySubentry the default password policy read from cn=config, and disables the administrative lock', () => {
    expect(audited.passwordPolicies.get('lmercier')).toBe('cn=default,ou=policies,dc=acme,dc=test');
    expect(audited.passwordPolicies.get('apasquier')).toBe('cn=sans-expiration,ou=policies,dc=acme,dc=test');
    // nrobin's pwdAccountLockedTime is 000001010000Z.
    expect(audited.passwordPolicies.has('nrobin')).toBe(true);
    expect(audited.enabled.has('nrobin')).toBe(false);
  });
});

describe('the planted company on Samba AD: sync, audit, each planted problem found once', () => {
  let dc: SambaInstance;
  let db: TestDatabase;
  let audited: Audited = { findings: [], enabled: new Set(), passwordPolicies: new Map() };

  beforeAll(async () => {
    // A private DC: the plants go through the domain's own Guest, Domain Admins, Schema Admins and Backup Operators.
    [dc, db] = await Promise.all([startSambaDc(), createTestDatabase()]);
    await loadAdFixtureAsWritten(dc, planted('samba.ldif'));
    await dc.modifyLdif(readFileSync(planted('samba-changes.ldif'), 'utf8'));
    await setPrimaryGroup(dc, 'CN=jroussel,OU=People,OU=Vigie Fixtures,DC=acme,DC=test', 'CN=GG_Finance,OU=Groups,OU=Vigie Fixtures,DC=acme,DC=test');
    audited = await syncAndAudit({
      DATABASE_URL: db.url,
      VIGIE_LDAP_NAME: DIRECTORY.samba,
      VIGIE_LDAP_KIND: 'ad',
      VIGIE_LDAP_URL: dc.url,
      VIGIE_LDAP_BASE_DN: dc.baseDn,
      VIGIE_LDAP_BIND_DN: dc.adminDn,
      VIGIE_LDAP_BIND_PASSWORD: dc.adminPassword,
      ...trailKeyEnv(),
    });
  }, START_MS);

  afterAll(async () => {
    await Promise.all([dc?.stop(), db?.drop()]);
  });

  checkPlantList('samba', () => audited);
});

/**
 * primaryGroupID names a group by the RID the DC gave it, known only once it exists; AD also wants the account in
 * the group first (the fixture puts it there), and then drops it from the group's member list.
 */
async function setPrimaryGroup(dc: SambaInstance, accountDn: string, groupDn: string): Promise<void> {
  const out = await dc.ldapTool('ldapsearch', ['-LLL', '-o', 'ldif-wrap=no', '-s', 'base', '-b', groupDn, 'objectSid']);
  const sid = Buffer.from(/^objectSid:: (.*)$/m.exec(out)![1], 'base64');
  const rid = sid.readUInt32LE(sid.length - 4);
  await dc.modifyLdif(`dn: ${accountDn}\nchangetype: modify\nreplace: primaryGroupID\nprimaryGroupID: ${rid}\n-\n`);
}
