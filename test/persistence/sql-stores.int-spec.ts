import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Finding, type FindingDecision, FindingNotFoundError, type FindingState, planLifecycle } from '#vigie/audit';
import { computePolicyVersion, type PolicyLoadFailure } from '#vigie/policy';
import {
  type ClosableSqlClient,
  PgAccessSliceStore,
  PgApiTokenStore,
  PgFindingStore,
  PgOidcSignInStore,
  PgPersonalDataStore,
  PgPolicyStore,
  PgStaffSessionStore,
  PgSyncChangeStore,
  PgTrailStore,
  closeEmbeddedDatabase,
  type SqlClient,
  openSqlClient,
} from '#vigie/persistence';
import { ChainedTrailWriter, TrailContext } from '#vigie/trail';
import { createTestDatabase } from '../support/database.js';
import { fileTrailKeys, syncServiceOn } from '../support/vigie.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Backend {
  sql: ClosableSqlClient;
  close(): Promise<void>;
}

/** The two databases every store runs on, opened as the applications open them (openSqlClient). */
const BACKENDS: Array<[string, () => Promise<Backend>]> = [
  [
    'PostgreSQL',
    async () => {
      const db = await createTestDatabase();
      const sql = await openSqlClient({ url: db.url, dataDir: '' });
      return { sql, close: async () => (await sql.close(), await db.drop()) };
    },
  ],
  [
    'PGlite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'vigie-stores-'));
      const sql = await openSqlClient({ dataDir: join(dir, 'data') });
      return {
        sql,
        close: async () => {
          await sql.close();
          await closeEmbeddedDatabase();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  ],
];

/** Text that a bulk write must carry as it is: quotes, backslashes, separators of arrays and COPY, line ends, non-ASCII. */
const AWKWARD = 'a "quoted" {brace}, comma\\backslash\ttab\nline — Élodie ∈ ƒ';

function aFinding(id: string, login: string, overrides: Partial<Finding> = {}): Finding {
  return {
    id,
    rule: 'H-PWD-NEVER-EXPIRES',
    severity: 'medium',
    subject: { type: 'account', directory: 'corp', dn: `uid=${login},ou=people,dc=acme,dc=test`, login, employeeId: null },
    resource: null,
    message: `Password never expires on ${login}`,
    evidence: { userAccountControl: 66048 },
    explain: [],
    ...overrides,
  };
}

const decision = (by: string, at: Date): FindingDecision => ({ status: 'acknowledged', by, reason: 'known and followed up', acceptedUntil: null, at });

describe.each(BACKENDS)('the stores on %s', (name, open) => {
  let backend: Backend;
  let sql: ClosableSqlClient;
  // The keys of the sync this file composes: one pseudonym per person, whoever writes the trail.
  const keys = fileTrailKeys();

  beforeAll(async () => {
    backend = await open();
    sql = backend.sql;
  });

  afterAll(async () => {
    await backend?.close();
  });

  describe('findings', () => {
    const asOf1 = new Date('2026-11-01T00:00:00.000Z');
    const asOf2 = new Date('2026-11-02T00:00:00.000Z');
    const a = aFinding('f-a', 'adurand', {
      message: AWKWARD,
      evidence: { note: AWKWARD, list: [1, 'x', null], nested: { clé: true } },
      explain: ['adurand ∈ finance-team (direct)', AWKWARD],
      resource: { type: 'share', id: 'share-finance', name: '\\\\fs01\\Finance' },
    });
    const b = aFinding('f-b', 'bmartin', { rule: 'H-ASREP', severity: 'high' });
    const c = aFinding('f-c', 'Cnoel', {
      rule: 'H-KRBTGT',
      severity: 'critical',
      subject: { type: 'account', directory: 'other', dn: 'uid=cnoel,dc=other', login: 'Cnoel', employeeId: 'E9' },
    });
    const d = aFinding('f-d', 'hlefevre');
    let run1: string;
    let run2: string;
    const store = () => new PgFindingStore(sql);
    const ids = async (runId: string, filter: Parameters<PgFindingStore['query']>[1], page = { limit: 10, offset: 0 }) =>
      (await store().query(runId, filter, page)).findings.map((f) => f.id);

    it('stores a run with its findings and their new states, all at once', async () => {
      expect(await store().latestRun()).toBeNull();
      run1 = await store().startRun(asOf1);
      let known: FindingState[] | undefined;
      const plan = await store().completeRun(run1, 'v1', [a, b, c], { total: 3 }, (k) => ((known = k), planLifecycle(k, [a, b, c], asOf1)));
      expect(known).toEqual([]);
      expect(plan.counts).toEqual({ new: 3, reopened: 0, resolved: 0, open: 3 });
      expect(await store().latestRun()).toEqual({
        id: run1,
        status: 'succeeded',
        startedAt: expect.any(Date),
        finishedAt: expect.any(Date),
        asOf: asOf1,
        policyVersion: 'v1',
        counts: {
          total: 3,
          'lifecycle:new': 3,
          'lifecycle:reopened': 0,
          'lifecycle:resolved': 0,
          // What the score's trend reads back (score-counts.ts): the findings that count, by rule and severity.
          'score:kept': 1,
          'score:H-PWD-NEVER-EXPIRES:medium': 1,
          'score:H-ASREP:high': 1,
          'score:H-KRBTGT:critical': 1,
        },
        error: null,
      });
    });

    it('serves them most severe first, each as written, with its state', async () => {
      const page = await store().query(run1, {}, { limit: 10, offset: 0 });
      expect(await store().count(run1, {})).toBe(3);
      expect(page.next).toBeNull();
      expect(page.findings.map((f) => f.id)).toEqual(['f-c', 'f-b', 'f-a']);
      const opened = {
        status: 'open',
        firstSeenAt: asOf1,
        lastSeenAt: asOf1,
        reopenedCount: 0,
        decidedBy: null,
        decidedAt: null,
        reason: null,
        acceptedUntil: null,
      };
      expect(page.findings[2]).toEqual({ ...a, state: opened });
      expect(page.findings[0]).toEqual({ ...c, state: opened });
    });

    it('filters by rule, severity, directory, login (any case) and status, and pages', async () => {
      expect(await ids(run1, { rule: ['H-ASREP', 'H-KRBTGT'] })).toEqual(['f-c', 'f-b']);
      expect(await ids(run1, { severity: ['medium', 'high'] })).toEqual(['f-b', 'f-a']);
      expect(await ids(run1, { directory: 'other' })).toEqual(['f-c']);
      expect(await ids(run1, { login: 'ADURAND' })).toEqual(['f-a']);
      expect(await ids(run1, { status: ['open'] })).toEqual(['f-c', 'f-b', 'f-a']);
      expect(await ids(run1, { status: ['resolved'] })).toEqual([]);
      expect(await ids(run1, { rule: ['H-ASREP'], severity: ['medium'] })).toEqual([]);
      const second = await store().query(run1, {}, { limit: 1, offset: 1 });
      expect(second).toMatchObject({ findings: [{ id: 'f-b' }], next: { severityRank: 1, rule: 'H-ASREP', login: 'bmartin', id: 'f-b' } });
      expect(await store().query(run1, {}, { limit: 1, offset: 0, after: second.next! })).toMatchObject({ findings: [{ id: 'f-a' }], next: null });
      expect(await store().count(run1, { directory: 'other' })).toBe(1);
      expect(await store().count(run1, { status: ['open'], severity: ['medium', 'critical'] })).toBe(2);
    });

    it("applies the next run's lifecycle: still open, resolved, new", async () => {
      run2 = await store().startRun(asOf2);
      let known: FindingState[] = [];
      const plan = await store().completeRun(run2, 'v2', [a, d], {}, (k) => ((known = k), planLifecycle(k, [a, d], asOf2)));
      expect(known.map((s) => [s.id, s.status]).sort()).toEqual([
        ['f-a', 'open'],
        ['f-b', 'open'],
        ['f-c', 'open'],
      ]);
      expect(plan.counts).toEqual({ new: 1, reopened: 0, resolved: 2, open: 2 });
      expect(await store().state('f-a')).toMatchObject({ status: 'open', firstSeenAt: asOf1, lastSeenAt: asOf2, resolvedAt: null });
      expect(await store().state('f-b')).toMatchObject({ status: 'resolved', lastSeenAt: asOf1, resolvedAt: asOf2 });
      expect(await store().state('f-d')).toEqual({
        id: 'f-d',
        rule: 'H-PWD-NEVER-EXPIRES',
        severity: 'medium',
        directory: 'corp',
        login: 'hlefevre',
        status: 'open',
        firstSeenAt: asOf2,
        lastSeenAt: asOf2,
        resolvedAt: null,
        reopenedCount: 0,
        decidedBy: null,
        decidedAt: null,
        reason: null,
        acceptedUntil: null,
      });
      expect((await store().latestRun())!.id).toBe(run2);
      // A run's findings keep their current state.
      expect(await ids(run1, { status: ['resolved'] })).toEqual(['f-c', 'f-b']);
      expect(await ids(run2, {})).toEqual(['f-a', 'f-d']);
    });

    it('records a decision, reads a state with or without its lock, and says when a finding is unknown', async () => {
      const at = new Date('2026-11-03T10:00:00.000Z');
      const until = new Date('2027-01-01T00:00:00.000Z');
      const decided = await store().decide('f-a', { status: 'risk-accepted', by: 'rssi', reason: AWKWARD, acceptedUntil: until, at });
      expect(decided).toMatchObject({
        id: 'f-a',
        status: 'risk-accepted',
        decidedBy: 'rssi',
        decidedAt: at,
        reason: AWKWARD,
        acceptedUntil: until,
        firstSeenAt: asOf1,
      });
      expect(await store().state('f-a')).toEqual(decided);
      expect(await sql.transaction((tx) => new PgFindingStore(tx).lockState('f-a'))).toEqual(decided);
      expect(await ids(run2, { status: ['risk-accepted'] })).toEqual(['f-a']);
      expect(await store().state('f-none')).toBeNull();
      expect(await sql.transaction((tx) => new PgFindingStore(tx).lockState('f-none'))).toBeNull();
      await expect(store().decide('f-none', decision('rssi', at))).rejects.toThrow(FindingNotFoundError);
    });

    it("holds a decision's precondition under lockState until its transaction ends", async () => {
      let locked!: () => void;
      const hasLock = new Promise<void>((resolve) => (locked = resolve));
      const first = sql.transaction(async (tx) => {
        const mine = new PgFindingStore(tx);
        expect((await mine.lockState('f-d'))!.status).toBe('open');
        locked();
        await pause(200);
        return mine.decide('f-d', decision('first', new Date()));
      });
      // (If the first fails before it locks, the test fails with it rather than waiting.)
      await Promise.race([hasLock, first]);
      // A second decision reads what the first wrote, not the state before it.
      const seen = await sql.transaction(async (tx) => (await new PgFindingStore(tx).lockState('f-d'))!);
      expect(seen).toMatchObject({ status: 'acknowledged', decidedBy: 'first' });
      await first;
    });

    it('marks a failed run, which is never the latest', async () => {
      const run3 = await store().startRun(new Date('2026-11-04T00:00:00.000Z'));
      await store().failRun(run3, 'the policy did not load');
      const [row] = await sql.query(`SELECT status, error, finished_at FROM audit_run WHERE id = $1`, [run3]);
      expect(row).toMatchObject({ status: 'failed', error: 'the policy did not load', finished_at: expect.any(Date) });
      expect((await store().latestRun())!.id).toBe(run2);
    });

    it("gives the score the run's findings that count now, and the last successful run of each day", async () => {
      // f-a's risk is accepted until 2027-01-01: it does not count before, and counts again once that date has passed.
      expect(await store().currentTallies(run2, new Date('2026-12-01T00:00:00.000Z'))).toEqual([{ rule: 'H-PWD-NEVER-EXPIRES', severity: 'medium', count: 1 }]);
      expect(await store().currentTallies(run2, new Date('2027-02-01T00:00:00.000Z'))).toEqual([{ rule: 'H-PWD-NEVER-EXPIRES', severity: 'medium', count: 2 }]);
      // Both runs finished today: the day shows the later one, never the failed run.
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
      const days = await store().lastRunOfEachDay(new Date(Date.now() - 86_400_000), 'Europe/Paris');
      expect(days.map((d) => [d.day, d.run.id, d.run.status])).toEqual([[today, run2, 'succeeded']]);
      expect(await store().lastRunOfEachDay(new Date(Date.now() + 60_000), 'Europe/Paris')).toEqual([]);
    });
  });

  describe('API tokens', () => {
    it('inserts, finds by hash, lists and revokes once', async () => {
      const tokens = new PgApiTokenStore(sql);
      const expires = new Date('2027-06-01T00:00:00.000Z');
      const ci = await tokens.insert({ name: 'ci', role: 'auditor', tokenHash: 'a'.repeat(64), expiresAt: expires });
      expect(ci).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'ci',
        role: 'auditor',
        createdAt: expect.any(Date),
        expiresAt: expires,
        revokedAt: null,
      });
      const laptop = await tokens.insert({ name: 'laptop', role: 'admin', tokenHash: 'b'.repeat(64), expiresAt: null });
      expect(await tokens.findByHash('b'.repeat(64))).toEqual(laptop);
      expect(await tokens.findByHash('c'.repeat(64))).toBeNull();
      await expect(tokens.insert({ name: 'again', role: 'admin', tokenHash: 'b'.repeat(64), expiresAt: null })).rejects.toThrow(/duplicate key/);
      expect((await tokens.list()).map((t) => t.name)).toEqual(['ci', 'laptop']);
      expect(await tokens.revoke(ci.id)).toBe(true);
      expect(await tokens.revoke(ci.id)).toBe(false);
      expect(await tokens.revoke('not-a-token-id')).toBe(false);
      expect((await tokens.findByHash('a'.repeat(64)))!.revokedAt).toEqual(expect.any(Date));
      expect((await tokens.list()).map((t) => [t.name, t.revokedAt !== null])).toEqual([
        ['ci', true],
        ['laptop', false],
      ]);
    });
  });

  describe('web sessions', () => {
    it('stores a session by the digest of its cookie, with its roles and person, and ends it once', async () => {
      const sessions = new PgStaffSessionStore(sql);
      const at = new Date('2026-05-04T09:00:00.000Z');
      const later = new Date('2026-05-04T09:05:00.000Z');
      const person = { directory: 'corp-ad', dn: 'CN=Élodie de La Fontaine,OU=Staff,DC=corp,DC=example', login: 'edelafontaine' };
      const opened = await sessions.insert({
        tokenHash: 'd'.repeat(64),
        subject: `directory:corp-ad:${person.dn.toLowerCase()}`,
        method: 'directory',
        displayName: 'Élodie de La Fontaine',
        roles: ['security-officer', 'auditor'],
        person,
        createdAt: at,
        lastSeenAt: at,
        expiresAt: new Date('2026-05-04T19:00:00.000Z'),
        rolesCheckedAt: at,
      });
      expect(opened).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        roles: ['security-officer', 'auditor'],
        person,
        endedAt: null,
        endReason: null,
      });
      expect(await sessions.findByTokenHash('d'.repeat(64))).toEqual(opened);
      expect(await sessions.findByTokenHash('e'.repeat(64))).toBeNull();
      await sessions.touch(opened.id, later);
      await sessions.touch(opened.id, at); // never backwards
      await sessions.refreshRoles(opened.id, ['auditor'], 'Élodie de La Fontaine', later);
      expect(await sessions.findByTokenHash('d'.repeat(64))).toMatchObject({ lastSeenAt: later, rolesCheckedAt: later, roles: ['auditor'] });
      expect(await sessions.end(opened.id, 'signed-out', later)).toBe(true);
      expect(await sessions.end(opened.id, 'idle', later)).toBe(false);
      expect(await sessions.findByTokenHash('d'.repeat(64))).toMatchObject({ endedAt: later, endReason: 'signed-out' });
      expect(await sessions.purgeEndedBefore(at)).toBe(0);
      expect(await sessions.purgeEndedBefore(new Date('2026-05-05T09:05:00.000Z'))).toBe(1);
      expect(await sessions.findByTokenHash('d'.repeat(64))).toBeNull();
    });

    it('gives a pending OIDC sign-in once, and not after it expired', async () => {
      const pending = new PgOidcSignInStore(sql);
      const now = new Date();
      await pending.insert('f'.repeat(64), { state: 's', nonce: 'n', codeVerifier: 'v' }, new Date(now.getTime() + 60_000));
      await pending.insert('0'.repeat(64), { state: 's2', nonce: 'n2', codeVerifier: 'v2' }, new Date(now.getTime() + 60_000));
      const [first, second] = await Promise.all([pending.take('f'.repeat(64), now), pending.take('f'.repeat(64), now)]);
      expect([first, second].filter(Boolean)).toEqual([{ state: 's', nonce: 'n', codeVerifier: 'v' }]);
      expect(await pending.take('0'.repeat(64), new Date(now.getTime() + 61_000))).toBeNull();
    });
  });

  describe('policy versions', () => {
    it("keeps each valid version's exact bytes, its latest time, and the last failed load", async () => {
      const policies = new PgPolicyStore(sql);
      expect(await policies.lastValid()).toBeNull();
      expect(await policies.lastFailure()).toBeNull();
      const files = [{ path: 'policy.yaml', bytes: new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(`name: ${AWKWARD}\r\n`)]) }];
      const version = computePolicyVersion(files);
      const later = new Date('2026-11-05T08:00:00.000Z');
      const earlier = new Date('2026-11-05T07:00:00.000Z');
      await policies.saveValid({ version, source: '/srv/policies', files }, later);
      // A replica that loaded it earlier moves nothing back.
      await policies.saveValid({ version, source: '/old/policies', files }, earlier);
      expect(await policies.lastValid()).toEqual({ version, source: '/srv/policies', files, firstStoredAt: later, lastValidAt: later });

      const failure: PolicyLoadFailure = {
        at: later,
        source: '/srv/policies',
        message: 'policy.yaml:3:5 resources[0].owner: required',
        errors: [{ file: 'policy.yaml', line: 3, column: 5, path: 'resources[0].owner', message: AWKWARD }],
        fallbackVersion: version,
      };
      await policies.recordFailure(failure);
      await policies.recordFailure({ ...failure, at: earlier, fallbackVersion: null });
      expect(await policies.lastFailure()).toEqual(failure);
    });
  });

  describe('what the sync stored: changes, access slices, personal data', () => {
    let dir: string;
    let run2: string;
    const writer = () => new ChainedTrailWriter(new PgTrailStore(sql), keys.pseudonymKey);

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'vigie-stores-ldif-'));
      const file = join(dir, 'corp.ldif');
      const original = readFileSync(fixture('ldif/ok/openldap-company.ldif'), 'utf8');
      const sync = await syncServiceOn(sql);
      writeFileSync(file, original);
      await sync.sync({ kind: 'ldif', name: 'corp', file });
      // Bruno changes title, Hélène joins sales-team, Alice leaves finance-team, Claire arrives.
      const changed = original
        .replace('title: Commercial', 'title: Directeur commercial')
        .replace(
          'member: uid=bmartin,ou=people,dc=acme,dc=test\n\ndn: cn=finance-share-rw',
          'member: uid=bmartin,ou=people,dc=acme,dc=test\nmember: uid=hlefevre,ou=people,dc=acme,dc=test\n\ndn: cn=finance-share-rw',
        )
        .replace('member: uid=adurand,ou=people,dc=acme,dc=test\n', '')
        .concat('\ndn: uid=cnoel,ou=people,dc=acme,dc=test\nobjectClass: inetOrgPerson\nuid: cnoel\ncn: Claire Noel\nsn: Noel\nemployeeNumber: E2005\n');
      writeFileSync(file, changed);
      run2 = (await sync.sync({ kind: 'ldif', name: 'corp', file })).runId;
    });

    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it("gives a run's object changes in order, by action and by type, a page at a time", async () => {
      const changes = new PgSyncChangeStore(sql);
      const all = await changes.objectChanges(run2);
      expect(all.map((c) => `${c.action} ${c.name}`)).toEqual(expect.arrayContaining(['added cnoel', 'modified bmartin']));
      expect(all.map((c) => c.seq)).toEqual([...all.map((c) => c.seq)].sort((x, y) => x - y));
      expect(all.every((c) => c.runId === run2 && c.directory === 'corp')).toBe(true);
      const added = await changes.objectChanges(run2, { actions: ['added'] });
      expect(added).toEqual([
        expect.objectContaining({ action: 'added', objectType: 'user', name: 'cnoel', dn: 'uid=cnoel,ou=people,dc=acme,dc=test', oldDn: null }),
      ]);
      expect(added[0]!.changes).toEqual(expect.arrayContaining([{ attribute: 'employeeId', old: null, new: 'E2005' }]));
      const modified = await changes.objectChanges(run2, { actions: ['modified', 'moved'], objectTypes: ['user'] });
      expect(modified.map((c) => [c.name, c.changes])).toEqual([['bmartin', [{ attribute: 'title', old: 'Commercial', new: 'Directeur commercial' }]]]);
      expect(await changes.objectChanges(run2, { objectTypes: ['computer'] })).toEqual([]);
      expect(await changes.objectChanges(run2, {}, { offset: 1, limit: 1 })).toEqual([all[1]]);
    });

    it("gives a run's membership changes by action and by group, and the additions that still stand", async () => {
      const changes = new PgSyncChangeStore(sql);
      const all = await changes.membershipChanges(run2);
      expect(all.map((c) => `${c.action} ${c.memberName} ${c.groupName}`).sort()).toEqual(['added hlefevre sales-team', 'removed adurand finance-team']);
      expect(await changes.membershipChanges(run2, { action: 'added' })).toEqual([
        expect.objectContaining({
          runId: run2,
          directory: 'corp',
          action: 'added',
          groupDn: 'cn=sales-team,ou=groups,dc=acme,dc=test',
          memberDn: 'uid=hlefevre,ou=people,dc=acme,dc=test',
          memberType: 'user',
        }),
      ]);
      expect((await changes.membershipChanges(run2, { groupDn: 'CN=Finance-Team,OU=groups,DC=acme,DC=test' })).map((c) => c.memberName)).toEqual(['adurand']);
      expect(await changes.membershipChanges(run2, {}, { offset: 5 })).toEqual([]);
      const since = await changes.membershipAdditionsSince(new Date(Date.now() - 3600_000));
      expect(since).toContainEqual({
        directory: 'corp',
        via: 'member',
        groupDnNorm: 'cn=sales-team,ou=groups,dc=acme,dc=test',
        primaryGroupId: null,
        memberDnNorm: 'uid=hlefevre,ou=people,dc=acme,dc=test',
        runId: run2,
        seenAt: expect.any(Date),
      });
      expect(since.some((m) => m.groupDnNorm === 'cn=finance-team,ou=groups,dc=acme,dc=test' && m.memberDnNorm.startsWith('uid=adurand'))).toBe(false);
      expect(await changes.membershipAdditionsSince(new Date(Date.now() + 3600_000))).toEqual([]);
    });

    it('reads slices of the snapshot for effective access', async () => {
      const slices = new PgAccessSliceStore(sql);
      expect(await slices.directories()).toEqual(['corp']);
      const [found] = await slices.findAccounts({ dnNorm: null, text: 'ADURAND' });
      expect(found).toMatchObject({ directory: 'corp', login: 'adurand', employeeId: 'E2001', displayName: 'Alice Durand' });
      expect((await slices.findAccounts({ dnNorm: 'uid=hlefevre,ou=people,dc=acme,dc=test', text: 'nobody' }, 'corp')).map((x) => x.login)).toEqual([
        'hlefevre',
      ]);
      const below = await slices.below('corp', ['finance-share-rw'], []);
      expect(below.accounts.map((x) => x.login)).toEqual(['pmartin', 'bmartin']);
      expect(below.groups.map((g) => g.name).sort()).toEqual(['finance-share-rw', 'finance-team', 'project-x', 'project-y']);
      const above = await slices.above('corp', [found!], []);
      expect(above.groups.map((g) => g.name)).toEqual(expect.arrayContaining(['staff']));
      expect(above.groups.map((g) => g.name)).not.toContain('finance-team');
      // A group the account is not in, with everything above it: what a request for it would make the account reach.
      const asked = await slices.above('corp', [found!], [], ['project-y']);
      expect(asked.groups.map((g) => g.name)).toEqual(expect.arrayContaining(['staff', 'project-y', 'project-x']));
      expect(asked.accounts.map((x) => x.login)).toEqual(['adurand']);
    });

    it("finds a person's accounts and findings, and erases them everywhere in one transaction", async () => {
      const data = new PgPersonalDataStore(sql);
      const [bruno] = await data.findAccounts('E2002');
      expect(bruno).toMatchObject({ login: 'bmartin', displayName: 'Bruno Martin', title: 'Directeur commercial' });
      expect(await data.findAccounts('BMARTIN')).toEqual([bruno]);
      // Inside the erasure's transaction, with the account table locked against a sync's writes.
      expect(await sql.transaction((tx) => new PgPersonalDataStore(tx).lockAccounts('bmartin'))).toEqual([bruno]);
      const none = { employeeIds: [], logins: [], dns: [], names: [], mails: [], directories: [] };
      const about = await data.findingsAbout({ ...none, dns: ['UID=BMARTIN,ou=people,dc=acme,dc=test'] });
      expect(about).toEqual([expect.objectContaining({ id: 'f-b', rule: 'H-ASREP', auditRunAsOf: new Date('2026-11-01T00:00:00.000Z'), resource: null })]);
      expect((await data.findingsAbout({ ...none, logins: ['BMartin', 'hlefevre'] })).map((f) => f.id).sort()).toEqual(['f-b', 'f-d']);
      expect(await data.findingsAbout(none)).toEqual([]);
      // From his employee id alone: his account gives his login, DN, name; the rows that name them are what erasure touches.
      const forms = await data.identify({ ...none, employeeIds: ['E2002'] });
      expect(forms).toMatchObject({ employeeIds: ['E2002'], logins: ['bmartin'], names: ['Bruno Martin'], directories: ['corp'] });
      expect(forms.dns.map((d) => d.toLowerCase())).toContain('uid=bmartin,ou=people,dc=acme,dc=test');
      expect(await data.identify({ ...none, employeeIds: ['nobody'], logins: ['nobody'] })).toEqual(none);
      expect(await data.holdings(forms)).toMatchObject({ account: 1, finding: expect.any(Number) });

      await TrailContext.run({ correlationId: 'req-1' }, () =>
        writer().record({
          action: 'finding.acknowledged',
          actor: { type: 'person', id: 'rssi' },
          target: { type: 'finding', id: 'f-b' },
          subjects: [{ login: 'bmartin', directory: 'corp', displayName: 'Bruno Martin' }],
        }),
      );
      const persons = await new PgTrailStore(sql).findPersons('bmartin');
      expect(persons).toHaveLength(1);
      const outcome = await data.erase({
        pseudonyms: persons.map((p) => p.pseudonym),
        accounts: [{ directory: 'corp', dnNorm: bruno!.dnNorm }],
        replacements: [
          { value: 'Bruno Martin', by: 'erased-1' },
          { value: 'bmartin', by: 'erased-1' },
        ],
        record: { pseudonym: persons[0].pseudonym, digests: ['d'.repeat(64)], forced: true },
      });
      // His entries: the sync's for his new title, and the decision.
      expect(outcome).toMatchObject({
        trailEntries: 2,
        trailPersons: 1,
        rows: expect.objectContaining({ account: expect.any(Number), finding: expect.any(Number) }),
      });
      expect(await data.findAccounts('bmartin')).toEqual([]);
      const [account] = await sql.query(`SELECT login, dn, display_name, employee_id FROM account WHERE login = 'erased-1'`);
      expect(account).toEqual({ login: 'erased-1', dn: 'uid=erased-1,ou=people,dc=acme,dc=test', display_name: null, employee_id: null });
      const [state] = await sql.query(`SELECT watermark FROM sync_state WHERE directory = 'corp'`);
      expect(state.watermark).toMatchObject({ kind: 'full-requested' });
      expect(await new PgTrailStore(sql).findPersons('bmartin')).toEqual([]);
      expect(await data.findingsAbout({ ...none, logins: ['bmartin'] })).toEqual([]);
      expect(await data.findErasure(['d'.repeat(64), 'e'.repeat(64)])).toEqual({ pseudonym: persons[0].pseudonym, erasedAt: expect.any(Date) });
      expect(await data.findErasure(['e'.repeat(64)])).toBeNull();
    });
  });

  describe('transactions', () => {
    const token = (name: string) => ({ name, role: 'auditor', tokenHash: name.padEnd(64, '0'), expiresAt: null });
    const named = async (prefix: string) =>
      (await new PgApiTokenStore(sql).list())
        .map((t) => t.name)
        .filter((n) => n.startsWith(prefix))
        .sort();

    it('give their work a client of their own connection, which can be held open beside other work only on a pool', () => {
      expect(sql.concurrentTransactions).toBe(name === 'PostgreSQL');
      return sql.transaction(async (tx) => expect(tx.concurrentTransactions).toBe(name === 'PostgreSQL'));
    });

    it('keep the outer work when a nested one is rolled back, even after a failed statement', async () => {
      await sql.transaction(async (tx) => {
        await new PgApiTokenStore(tx).insert(token('keep-a'));
        await expect(
          tx.transaction(async (nested) => {
            await new PgApiTokenStore(nested).insert(token('keep-b'));
            // A failed statement would abort the whole transaction without the savepoint.
            await new PgApiTokenStore(nested).insert(token('keep-a'));
          }),
        ).rejects.toThrow(/duplicate key/);
        await new PgApiTokenStore(tx).insert(token('keep-c'));
        expect(await new PgApiTokenStore(tx).findByHash(token('keep-b').tokenHash)).toBeNull();
      });
      expect(await named('keep-')).toEqual(['keep-a', 'keep-c']);
    });

    it('drop everything, nested work included, when the outer one is rolled back', async () => {
      await expect(
        sql.transaction(async (tx) => {
          await new PgApiTokenStore(tx).insert(token('drop-a'));
          await tx.transaction((nested) => new PgApiTokenStore(nested).insert(token('drop-b')));
          expect(await new PgApiTokenStore(tx).findByHash(token('drop-b').tokenHash)).toMatchObject({ name: 'drop-b' });
          throw new Error('undo');
        }),
      ).rejects.toThrow('undo');
      expect(await named('drop-')).toEqual([]);
    });

    it("let a store that opens its own transaction run inside the caller's, and go with it", async () => {
      const asOf = new Date('2026-12-01T00:00:00.000Z');
      let runId = '';
      await expect(
        sql.transaction(async (tx) => {
          const store = new PgFindingStore(tx);
          runId = await store.startRun(asOf);
          const found = [aFinding('f-inner', 'adurand')];
          await store.completeRun(runId, 'v-inner', found, {}, (known) => planLifecycle(known, found, asOf));
          expect(await store.state('f-inner')).toMatchObject({ status: 'open' });
          throw new Error('undo');
        }),
      ).rejects.toThrow('undo');
      expect(await new PgFindingStore(sql).state('f-inner')).toBeNull();
      expect(await sql.query(`SELECT id FROM audit_run WHERE id = $1`, [runId])).toEqual([]);
    });

    it("commit a store's rows and the trail's entries together, or neither", async () => {
      const heads = () => new PgTrailStore(sql).heads();
      const before = await heads();
      const work = (fail: boolean) =>
        sql.transaction(async (tx) => {
          await new PgApiTokenStore(tx).insert(token(fail ? 'uow-failed' : 'uow-kept'));
          await new ChainedTrailWriter(new PgTrailStore(tx), keys.pseudonymKey).record({
            action: 'api-token.created',
            target: { type: 'api-token', id: 'uow' },
          });
          if (fail) throw new Error('crash before the commit');
        });
      await expect(work(true)).rejects.toThrow('crash');
      expect(await heads()).toEqual(before);
      expect(await named('uow-')).toEqual([]);
      await work(false);
      expect(await named('uow-')).toEqual(['uow-kept']);
      const seqs = (hs: Array<{ seq: number }>) => hs.reduce((sum, h) => sum + h.seq, 0);
      expect(seqs(await heads())).toBe(seqs(before) + 1);
    });

    it('refuse at once the root client inside its own transaction, a session, and a client kept past the end', async () => {
      const started = Date.now();
      await expect(sql.transaction(() => sql.query('SELECT 1'))).rejects.toThrow(/inside a transaction opened on that same client/);
      await expect(sql.transaction(() => new PgApiTokenStore(sql).list())).rejects.toThrow(/inside a transaction opened on that same client/);
      await expect(sql.transaction((tx) => tx.transaction(() => tx.query('SELECT 1')))).rejects.toThrow(/inside a transaction opened on that same client/);
      await expect(sql.transaction(async (tx) => tx.createQueryRunner())).rejects.toThrow(/session of its own cannot be opened from a transaction/);
      let kept: SqlClient | undefined;
      await sql.transaction(async (tx) => void (kept = tx));
      await expect(kept!.query('SELECT 1')).rejects.toThrow(/this transaction has ended/);
      // Nothing waited for the session, and the client still works.
      expect(Date.now() - started).toBeLessThan(5000);
      expect(await sql.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    });
  });
});

describe.each(BACKENDS)('the findings store on %s, run after run', (_, open) => {
  let backend: Backend;
  const asOf = (day: number) => new Date(Date.UTC(2026, 10, day));

  beforeAll(async () => {
    backend = await open();
  });

  afterAll(async () => {
    await backend?.close();
  });

  it('gives the lifecycle every state it can change, and not the resolved ones that did not come back', async () => {
    const store = new PgFindingStore(backend.sql);
    const [a, b, c] = [aFinding('f-a', 'adurand'), aFinding('f-b', 'bmartin'), aFinding('f-c', 'cnoel')];
    const run = async (day: number, findings: Finding[]) => {
      let known: FindingState[] = [];
      const id = await store.startRun(asOf(day));
      const plan = await store.completeRun(id, 'v1', findings, {}, (k) => ((known = k), planLifecycle(k, findings, asOf(day))));
      return { known: known.map((s) => [s.id, s.status]).sort(), counts: plan.counts };
    };
    await run(1, [a, b, c]);
    expect(await run(2, [a])).toEqual({
      known: [
        ['f-a', 'open'],
        ['f-b', 'open'],
        ['f-c', 'open'],
      ],
      counts: { new: 0, reopened: 0, resolved: 2, open: 1 },
    });
    // f-b comes back (it reopens), f-c does not: its resolved state is no business of this run.
    expect(await run(3, [a, b])).toEqual({
      known: [
        ['f-a', 'open'],
        ['f-b', 'resolved'],
      ],
      counts: { new: 0, reopened: 1, resolved: 0, open: 2 },
    });
    expect(await store.state('f-b')).toMatchObject({ status: 'open', reopenedCount: 1, lastSeenAt: asOf(3) });
    expect(await store.state('f-c')).toMatchObject({ status: 'resolved', resolvedAt: asOf(2), lastSeenAt: asOf(1) });
  });
});
