import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LastValidPolicySource, type LastValidPolicySourceOptions } from './last-valid-policy.source.js';
import { loadPolicy } from './policy-loader.js';
import { PolicyValidationError } from './policy-validation.error.js';
import { type PolicyLoadFailure, PolicyStore, type StoredPolicy } from './ports/policy.store.js';

const acme = fileURLToPath(new URL('./__fixtures__/ok/acme', import.meta.url));

/** The source is the unit under test; the TypeORM store has its own integration test. */
class MemoryPolicyStore extends PolicyStore {
  readonly versions = new Map<string, StoredPolicy>();
  readonly failures: PolicyLoadFailure[] = [];

  async saveValid(policy: { version: string; source: string; files: StoredPolicy['files'] }, at: Date): Promise<void> {
    const known = this.versions.get(policy.version);
    this.versions.set(policy.version, { ...policy, firstStoredAt: known?.firstStoredAt ?? at, lastValidAt: at });
  }
  async lastValid(): Promise<StoredPolicy | null> {
    return [...this.versions.values()].sort((a, b) => b.lastValidAt.getTime() - a.lastValidAt.getTime())[0] ?? null;
  }
  async recordFailure(failure: PolicyLoadFailure): Promise<void> {
    this.failures.push(failure);
  }
  async lastFailure(): Promise<PolicyLoadFailure | null> {
    return this.failures.at(-1) ?? null;
  }
}

describe(LastValidPolicySource.name, () => {
  let dir: string;
  let store: MemoryPolicyStore;
  let now: Date;
  const sut = (onFallback?: LastValidPolicySourceOptions['onFallback']) => new LastValidPolicySource(dir, store, { clock: () => now, onFallback });
  const breakIt = () =>
    writeFile(join(dir, 'resources', 'shares.yaml'), 'apiVersion: vigie.dev/v1\nkind: ResourceList\nresources:\n  - { id: x, colour: red }\n');

  beforeEach(async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'vigie-last-valid-')), 'policies');
    await cp(acme, dir, { recursive: true });
    store = new MemoryPolicyStore();
    now = new Date('2026-11-15T02:00:00Z');
  });
  afterEach(() => rm(join(dir, '..'), { recursive: true, force: true }));

  it('returns the directory policy and stores it as the last valid version, files and all', async () => {
    const policy = await sut().load();
    expect(policy.version).toBe((await loadPolicy(acme)).version);
    expect(policy.fallback).toBeUndefined();
    const stored = (await store.lastValid())!;
    expect(stored).toMatchObject({ version: policy.version, source: dir, firstStoredAt: now, lastValidAt: now });
    expect(stored.files.map(({ path }) => path)).toEqual(policy.files);
  });

  it('keeps the last valid policy in force when the directory becomes invalid, and records why', async () => {
    const valid = await sut().load();
    await breakIt();
    now = new Date('2026-11-16T02:00:00Z');
    const events: unknown[] = [];
    const policy = await sut((event) => events.push(event)).load();

    expect(policy.version).toBe(valid.version);
    expect(policy.resources).toEqual(valid.resources);
    expect(policy.dir).toBe(`${dir} (last valid version, stored)`);
    expect(policy.fallback).toEqual({
      source: dir,
      reason: expect.stringContaining('resources/shares.yaml:4:'),
      failedAt: now,
      lastValidAt: new Date('2026-11-15T02:00:00Z'),
    });
    expect(store.failures).toEqual([
      expect.objectContaining({
        at: now,
        source: dir,
        fallbackVersion: valid.version,
        errors: expect.arrayContaining([expect.objectContaining({ file: 'resources/shares.yaml', line: 4 })]),
      }),
    ]);
    expect(events).toEqual([expect.objectContaining({ version: valid.version, source: dir })]);
  });

  it('fails with the errors when nothing valid was ever stored, and still records the failure', async () => {
    await breakIt();
    const error = await sut()
      .load()
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(PolicyValidationError);
    expect((error as Error).message).toMatch(
      /^the policy in .* is invalid, and no valid policy was ever stored to fall back on:\n[\s\S]*\n {2}resources\/shares\.yaml:4:/,
    );
    expect(store.failures).toEqual([expect.objectContaining({ fallbackVersion: null })]);
  });

  it('never audits with stored files that do not hash to their version', async () => {
    await sut().load();
    const [stored] = store.versions.values();
    stored.files[0] = { ...stored.files[0], bytes: new TextEncoder().encode('# tampered\n') };
    await breakIt();
    await expect(sut().load()).rejects.toThrow(/is invalid, and the stored version [0-9a-f]{64} is corrupt:\n/);
  });

  it('refuses a stored version that this version of Vigie no longer accepts', async () => {
    const text = (s: string) => new TextEncoder().encode(s);
    const files = [{ path: 'resources/a.yaml', bytes: text('apiVersion: vigie.dev/v1\nkind: ResourceList\nresources: [{ id: a, type: share }]\n') }];
    const { computePolicyVersion } = await import('./policy-version.js');
    await store.saveValid({ version: computePolicyVersion(files), source: '/old', files }, now);
    await breakIt();
    await expect(sut().load()).rejects.toThrow(/and the stored version [0-9a-f]{64} no longer validates either:\n/);
  });

  it('lets other errors through: a store that cannot be reached is not an invalid policy', async () => {
    store.saveValid = () => Promise.reject(new Error('connection refused'));
    await expect(sut().load()).rejects.toThrow('connection refused');
  });
});
