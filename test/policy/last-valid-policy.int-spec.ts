import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Vigie, createVigie } from '#vigie/application';
import { type VigieConfig, loadConfig } from '#vigie/config';
import { type ClosableSqlClient, openSqlClient, PgPolicyStore } from '#vigie/persistence';
import { computePolicyVersion, loadPolicy, PolicyValidationError } from '#vigie/policy';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { trailKeyEnv } from '../support/trail.js';

/** One process of a replica: Vigie composed on the configuration, closed after. */
async function withVigie<T>(config: VigieConfig, fn: (vigie: Vigie) => Promise<T>): Promise<T> {
  const vigie = createVigie(config);
  try {
    return await fn(vigie);
  } finally {
    await vigie.close();
  }
}
const keys = trailKeyEnv();

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

describe('the last valid policy, kept in PostgreSQL for every replica', () => {
  let db: TestDatabase;
  let scratch: string;
  let valid: string;
  let broken: string;

  const configFor = (dir: string, policy: Record<string, unknown> = {}) =>
    loadConfig({
      env: { ...keys, DATABASE_URL: db.url },
      file: '/dev/null',
      overrides: {
        log: { level: 'silent' },
        scheduler: { enabled: false },
        directories: [{ name: 'corp', kind: 'ldif', file: fixture('ldif/ok/openldap-company.ldif') }],
        policy: { dir, ...policy },
      },
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    scratch = await mkdtemp(join(tmpdir(), 'vigie-last-valid-'));
    valid = join(scratch, 'replica-a', 'policies');
    broken = join(scratch, 'replica-b', 'policies');
    await cp(fixture('policies/ok/company'), valid, { recursive: true });
    await cp(fixture('policies/ok/company'), broken, { recursive: true });
    // A bad merge on replica b: a misspelt field and a YAML syntax error.
    await writeFile(
      join(broken, 'resources', 'shares.yaml'),
      (await readFile(join(valid, 'resources', 'shares.yaml'), 'utf8')).replace('criticality: critical', 'criticallity: critical'),
    );
    await writeFile(join(broken, 'settings', 'settings.yaml'), 'apiVersion: vigie.dev/v1\nkind: Settings\nrules: {\n');
  });

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
    await db?.drop();
  });

  it('stores each valid version the service loads, and audits with it', async () => {
    const result = await withVigie(configFor(valid), async (vigie) => {
      await vigie.run('sync-directories', {});
      return vigie.run('run-audit', {});
    });
    const version = (await loadPolicy(valid)).version;
    expect(result.report.policyVersion).toBe(version);
    expect(result.report.findings.length).toBeGreaterThan(0);
    const stored = await withVigie(configFor(valid), async (vigie) => (await vigie.dependencies.policyStore()).lastValid());
    expect(stored).toMatchObject({ version, source: valid });
    expect(computePolicyVersion(stored!.files)).toBe(version);
  });

  it('another replica whose directory is invalid keeps auditing with that version, and the error is recorded', async () => {
    const version = (await loadPolicy(valid)).version;
    const before = await withVigie(configFor(valid), async (vigie) => (await vigie.dependencies.findings()).latestRun());
    const result = await withVigie(configFor(broken), (vigie) => vigie.run('run-audit', {}));
    expect(result.report.policyVersion).toBe(version);
    expect(result.counts.total).toBe(before!.counts.total);

    const failure = await withVigie(configFor(broken), async (vigie) => (await vigie.dependencies.policyStore()).lastFailure());
    expect(failure).toMatchObject({ source: broken, fallbackVersion: version });
    expect(failure!.errors.map(({ file, line, message }) => `${file}:${line} ${message.split(';')[0]}`)).toEqual([
      expect.stringMatching(/^resources\/shares\.yaml:\d+ unknown field "criticallity"$/),
      expect.stringMatching(/^settings\/settings\.yaml:4 /),
    ]);
  });

  it('with keepLastValid off, an invalid directory fails the audit and the previous findings stay current', async () => {
    const before = await withVigie(configFor(valid), async (vigie) => (await vigie.dependencies.findings()).latestRun());
    const failed = await withVigie(configFor(broken, { keepLastValid: false }), (vigie) => vigie.run('run-audit', {})).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(PolicyValidationError);
    expect((failed as Error).message).toMatch(/criticallity/);
    const after = await withVigie(configFor(valid), async (vigie) => (await vigie.dependencies.findings()).latestRun());
    expect(after!.id).toBe(before!.id);
  });

  describe(PgPolicyStore.name, () => {
    let sql: ClosableSqlClient;
    let other: ClosableSqlClient;
    beforeAll(async () => {
      [sql, other] = await Promise.all([openSqlClient({ url: db.url, dataDir: '' }), openSqlClient({ url: db.url, dataDir: '' })]);
    });
    afterAll(async () => {
      await Promise.all([sql?.close(), other?.close()]);
    });

    it('gives back the exact bytes, byte order mark and CRLF included', async () => {
      const files = [
        { path: 'resources/a.yaml', bytes: new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('kind: ResourceList\r\nname: "Société"\r\n')]) },
        { path: 'settings/settings.yaml', bytes: new TextEncoder().encode('kind: Settings\n') },
      ];
      const version = computePolicyVersion(files);
      const at = new Date(Date.now() + 60_000);
      await new PgPolicyStore(sql).saveValid({ version, source: '/srv/policies', files }, at);
      const stored = await new PgPolicyStore(other).lastValid();
      expect(stored).toMatchObject({ version, source: '/srv/policies', lastValidAt: at });
      expect(stored!.files).toEqual(files);
      expect(computePolicyVersion(stored!.files)).toBe(version);
    });

    it('keeps one row per version when replicas store it at the same time, and moves lastValidAt forward', async () => {
      const files = [{ path: 'resources/b.yaml', bytes: new TextEncoder().encode('kind: ResourceList\n') }];
      const version = computePolicyVersion(files);
      const first = new Date(Date.now() + 120_000);
      const second = new Date(first.getTime() + 1000);
      await Promise.all([
        new PgPolicyStore(sql).saveValid({ version, source: '/a/policies', files }, first),
        new PgPolicyStore(other).saveValid({ version, source: '/b/policies', files }, second),
      ]);
      const rows = await sql.query(`SELECT first_stored_at, last_valid_at, source FROM policy_version WHERE version = $1`, [version]);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ last_valid_at: second, source: '/b/policies' });
      expect((await new PgPolicyStore(sql).lastValid())!.version).toBe(version);
    });
  });
});
