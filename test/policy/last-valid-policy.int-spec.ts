import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { selectDirectories } from '#vigie/application';
import { AuditService, FindingStore } from '#vigie/audit';
import { loadConfig } from '#vigie/config';
import { SyncService } from '#vigie/identity';
import { openDataSource, TypeormPolicyStore } from '#vigie/persistence';
import { computePolicyVersion, loadPolicy, PolicyStore, PolicyValidationError } from '#vigie/policy';
import { withCliContext } from '../../apps/cli/src/cli-context.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

describe('the last valid policy, kept in PostgreSQL for every replica', () => {
  let db: TestDatabase;
  let scratch: string;
  let valid: string;
  let broken: string;

  const configFor = (dir: string, policy: Record<string, unknown> = {}) =>
    loadConfig({
      env: { DATABASE_URL: db.url },
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
    await writeFile(join(broken, 'resources', 'shares.yaml'), (await readFile(join(valid, 'resources', 'shares.yaml'), 'utf8')).replace('criticality: critical', 'criticallity: critical'));
    await writeFile(join(broken, 'settings', 'settings.yaml'), 'apiVersion: vigie.dev/v1\nkind: Settings\nrules: {\n');
  });

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
    await db?.drop();
  });

  it('stores each valid version the service loads, and audits with it', async () => {
    const result = await withCliContext(configFor(valid), async (ctx) => {
      const config = configFor(valid);
      await ctx.get(SyncService).sync(selectDirectories(config.directories)[0]);
      return ctx.get(AuditService).run();
    });
    const version = (await loadPolicy(valid)).version;
    expect(result.report.policyVersion).toBe(version);
    expect(result.report.findings.length).toBeGreaterThan(0);
    const stored = await withCliContext(configFor(valid), (ctx) => ctx.get(PolicyStore).lastValid());
    expect(stored).toMatchObject({ version, source: valid });
    expect(computePolicyVersion(stored!.files)).toBe(version);
  });

  it('another replica whose directory is invalid keeps auditing with that version, and the error is recorded', async () => {
    const version = (await loadPolicy(valid)).version;
    const before = await withCliContext(configFor(valid), (ctx) => ctx.get(FindingStore).latestRun());
    const result = await withCliContext(configFor(broken), (ctx) => ctx.get(AuditService).run());
    expect(result.report.policyVersion).toBe(version);
    expect(result.counts.total).toBe(before!.counts.total);

    const failure = await withCliContext(configFor(broken), (ctx) => ctx.get(PolicyStore).lastFailure());
    expect(failure).toMatchObject({ source: broken, fallbackVersion: version });
    expect(failure!.errors.map(({ file, line, message }) => `${file}:${line} ${message.split(';')[0]}`)).toEqual([
      expect.stringMatching(/^resources\/shares\.yaml:\d+ unknown field "criticallity"$/),
      expect.stringMatching(/^settings\/settings\.yaml:4 /),
    ]);
  });

  it('with keepLastValid off, an invalid directory fails the audit and the previous findings stay current', async () => {
    const before = await withCliContext(configFor(valid), (ctx) => ctx.get(FindingStore).latestRun());
    const failed = await withCliContext(configFor(broken, { keepLastValid: false }), (ctx) => ctx.get(AuditService).run()).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(PolicyValidationError);
    expect((failed as Error).message).toMatch(/criticallity/);
    const after = await withCliContext(configFor(valid), (ctx) => ctx.get(FindingStore).latestRun());
    expect(after!.id).toBe(before!.id);
  });

  describe(TypeormPolicyStore.name, () => {
    let ds: DataSource;
    let other: DataSource;
    beforeAll(async () => {
      [ds, other] = await Promise.all([openDataSource({ url: db.url, dataDir: '' }), openDataSource({ url: db.url, dataDir: '' })]);
    });
    afterAll(async () => {
      await Promise.all([ds?.destroy(), other?.destroy()]);
    });

    it('gives back the exact bytes, byte order mark and CRLF included', async () => {
      const files = [
        { path: 'resources/a.yaml', bytes: new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('kind: ResourceList\r\nname: "Société"\r\n')]) },
        { path: 'settings/settings.yaml', bytes: new TextEncoder().encode('kind: Settings\n') },
      ];
      const version = computePolicyVersion(files);
      const at = new Date(Date.now() + 60_000);
      await new TypeormPolicyStore(ds).saveValid({ version, source: '/srv/policies', files }, at);
      const stored = await new TypeormPolicyStore(other).lastValid();
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
        new TypeormPolicyStore(ds).saveValid({ version, source: '/a/policies', files }, first),
        new TypeormPolicyStore(other).saveValid({ version, source: '/b/policies', files }, second),
      ]);
      const rows = await ds.query(`SELECT first_stored_at, last_valid_at, source FROM policy_version WHERE version = $1`, [version]);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ last_valid_at: second, source: '/b/policies' });
      expect((await new TypeormPolicyStore(ds).lastValid())!.version).toBe(version);
    });
  });
});
