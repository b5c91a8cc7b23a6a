import { readFileSync } from 'node:fs';
import type { Vigie } from '#vigie/application';
import {
  DefaultDirectoryReader,
  DirectoryAuthError,
  DirectoryUnreachableError,
  LdifSyntaxError,
  type LdapDirectorySource,
  normalizeDn,
} from '#vigie/directory';
import type { SnapshotStore, SyncRunStore, SyncService } from '#vigie/identity';
import type { SqlClient } from '#vigie/persistence';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { type SlapdInstance, startSlapd } from '../support/slapd.js';
import { testVigie } from '../support/vigie.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

describe('sync from a real OpenLDAP into a real PostgreSQL, then audit', () => {
  let slapd: SlapdInstance;
  let db: TestDatabase;
  let vigie: Vigie;
  let sql: SqlClient;
  let sync: SyncService;
  let snapshots: SnapshotStore;
  let runs: SyncRunStore;
  let source: LdapDirectorySource;

  beforeAll(async () => {
    [slapd, db] = await Promise.all([startSlapd({ ldif: readFileSync(fixture('ldif/ok/openldap-company.ldif'), 'utf8') }), createTestDatabase()]);
    vigie = testVigie({ url: db.url, overrides: { policy: { dir: fixture('policies/ok/company'), keepLastValid: false } } });
    [sql, snapshots, runs, sync] = await Promise.all([
      vigie.dependencies.database(),
      vigie.dependencies.snapshots(),
      vigie.dependencies.syncRuns(),
      vigie.dependencies.syncService(),
    ]);
    source = { kind: 'ldap', name: 'corp-ldap', url: slapd.url, baseDn: slapd.suffix, bindDn: slapd.rootDn, bindPassword: slapd.rootPassword, pageSize: 2 };
  });

  afterAll(async () => {
    await vigie?.close();
    await Promise.all([slapd?.stop(), db?.drop()]);
  });

  it('stores accounts, groups and every kind of membership (member, uniqueMember, memberUid, nesting)', async () => {
    const result = await sync.sync(source);
    expect(result.stats).toMatchObject({ accounts: 4, groups: 7 });
    // memberUid "ghost" names nobody: counted, not stored.
    expect(result.stats.unresolvedMembers).toBe(1);

    const [snap] = await snapshots.load(['corp-ldap']);
    const logins = snap.accounts.map((a) => a.login).sort();
    expect(logins).toEqual(['adurand', 'bmartin', 'hlefevre', 'pmartin']);
    const helene = snap.accounts.find((a) => a.login === 'hlefevre')!;
    expect(helene.displayName).toBe('Hélène Lefèvre');
    expect(helene.department).toBe('RH');

    const has = (group: string, member: string) => snap.memberships.some((m) => m.groupDnNorm === normalizeDn(group) && m.memberDnNorm === normalizeDn(member));
    expect(has('cn=finance-team,ou=groups,dc=acme,dc=test', 'cn=Martin\\, Paul,ou=people,dc=acme,dc=test')).toBe(true);
    expect(has('cn=staff,ou=groups,dc=acme,dc=test', 'uid=hlefevre,ou=people,dc=acme,dc=test')).toBe(true);
    expect(has('cn=hr-readers,ou=groups,dc=acme,dc=test', 'uid=hlefevre,ou=people,dc=acme,dc=test')).toBe(true);
    expect(has('cn=project-x,ou=groups,dc=acme,dc=test', 'cn=project-y,ou=groups,dc=acme,dc=test')).toBe(true);
    expect((await runs.latest('corp-ldap'))?.status).toBe('succeeded');
    const trail: Array<{ action: string; target_id: string; details: { after: Record<string, unknown> } }> = await sql.query(
      `SELECT action, target_id, details FROM trail_entry WHERE chain = 'operation' ORDER BY seq`,
    );
    expect(trail.map((e) => e.action)).toEqual(['sync.started', 'sync.succeeded']);
    expect(trail[1]).toMatchObject({ target_id: 'corp-ldap', details: { after: { accounts: 4, groups: 7, runId: result.runId } } });
  });

  it('reads each entry once when a groupFilter also matches an account (groups are read first, then the rest)', async () => {
    // pmartin matches both searches of a whole read: it must come back once, an account (the mapper's rule).
    const both: LdapDirectorySource = {
      ...source,
      name: 'corp-both',
      groupFilter: '(|(objectClass=groupOfNames)(objectClass=groupOfUniqueNames)(objectClass=posixGroup)(uid=pmartin))',
    };
    const entries = [];
    for await (const entry of new DefaultDirectoryReader().read(both)) entries.push(entry);
    expect(entries.filter((e) => e.attributes.uid?.includes('pmartin'))).toHaveLength(1);
    expect(new Set(entries.map((e) => normalizeDn(e.dn))).size).toBe(entries.length);
    // The same entries as one search of the whole filter (what the identifiers-only read makes).
    const ids = [];
    for await (const entry of new DefaultDirectoryReader().read(both, { identifiersOnly: true })) ids.push(normalizeDn(entry.dn));
    expect(entries.map((e) => normalizeDn(e.dn)).sort()).toEqual(ids.sort());
  });

  it('audits the snapshot against a policy and explains each excess through nested groups, cycles included', async () => {
    const { report } = await vigie.run('run-audit', {});
    const excess = report.findings.filter((f) => f.rule === 'G-EXCESS-VS-ROLE');
    // bmartin (Commercial) reaches finance-share-rw through project-y ∈ project-x (a cycle) ∈ finance-share-rw.
    expect(excess.map((f) => f.subject.login)).toEqual(['bmartin']);
    expect(excess[0]).toMatchObject({ severity: 'high', resource: { id: 'share-finance', type: 'share' } });
    expect(excess[0].explain).toEqual([
      'bmartin ∈ project-y (direct)',
      'project-y ∈ project-x (nested)',
      'project-x ∈ finance-share-rw (nested)',
      'finance-share-rw grants write on share-finance',
    ]);
    expect(report.policyVersion).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a wrong bind password with a clear error, records the failed run and keeps the previous snapshot', async () => {
    const before = await snapshots.load(['corp-ldap']);
    const err = await sync.sync({ ...source, bindPassword: 'wrong' }).catch((e) => e);
    expect(err).toBeInstanceOf(DirectoryAuthError);
    expect(err.message).toMatch(/invalid credentials/i);
    expect(err.message).not.toContain('wrong');
    const run = await runs.latest('corp-ldap');
    expect(run).toMatchObject({ status: 'failed' });
    expect(run?.error).toMatch(/invalid credentials/i);
    expect(await snapshots.load(['corp-ldap'])).toEqual(before);
  });

  it('reports an unreachable directory and keeps the previous snapshot', async () => {
    const before = await snapshots.load(['corp-ldap']);
    const err = await sync.sync({ ...source, url: 'ldap://127.0.0.1:1', timeoutMs: 2000 }).catch((e) => e);
    expect(err).toBeInstanceOf(DirectoryUnreachableError);
    expect(err.message).toMatch(/127\.0\.0\.1:1/);
    expect(await snapshots.load(['corp-ldap'])).toEqual(before);
  });

  it('rejects a malformed LDIF export with its line and keeps the previous snapshot of that directory', async () => {
    const ldif = { kind: 'ldif' as const, name: 'corp-ldap', file: fixture('ldif/not-ok/missing-colon.ldif') };
    const before = await snapshots.load(['corp-ldap']);
    const err = await sync.sync(ldif).catch((e) => e);
    expect(err).toBeInstanceOf(LdifSyntaxError);
    expect(err.message).toMatch(/missing-colon\.ldif:6: no colon/);
    expect(await snapshots.load(['corp-ldap'])).toEqual(before);
  });
});
