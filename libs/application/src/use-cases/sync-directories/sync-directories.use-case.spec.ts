import { VigieError } from '#vigie/common';
import { type DirectoryConfig, directoryConfigSchema } from '#vigie/config';
import type { DirectorySource } from '#vigie/directory';
import { type SyncOptions, type SyncProgress, type SyncResult, type SyncService, type SyncStats, emptyStats } from '#vigie/identity';
import { FakeJobLock, fakeOf, parsedBy, refusalsOf } from '../../testing/index.js';
import type { SyncDirectoriesInput } from './sync-directories.input.js';
import { SyncDirectories } from './sync-directories.use-case.js';

const DIRECTORIES: DirectoryConfig[] = [
  { name: 'corp-ad', kind: 'ad', url: 'ldaps://dc01.corp.example', baseDn: 'DC=corp,DC=example' },
  { name: 'branch-ldap', kind: 'ldap', url: 'ldap://ldap.branch.example', baseDn: 'dc=branch,dc=example', reconcileIntervalMinutes: 5 },
  { name: 'hr-export', kind: 'ldif', file: '/exports/hr.ldif' },
].map((d) => directoryConfigSchema.parse(d));

/** Syncs as told per directory: a result with these stats, or a failure; notes each call. */
class ScriptedSync implements Pick<SyncService, 'sync'> {
  readonly calls: Array<{ source: DirectorySource; options: SyncOptions }> = [];
  readonly failures = new Map<string, Error>();
  readonly stats = new Map<string, Partial<SyncStats>>();
  progress: SyncProgress[] = [];

  async sync(source: DirectorySource, options: SyncOptions | ((p: SyncProgress) => void) = {}): Promise<SyncResult> {
    const opts = typeof options === 'function' ? { onProgress: options } : options;
    this.calls.push({ source, options: opts });
    for (const p of this.progress) opts.onProgress?.(p);
    const failure = this.failures.get(source.name);
    if (failure) throw failure;
    return {
      runId: `run-${source.name}`,
      directory: source.name,
      mode: 'incremental',
      fullReason: null,
      stats: { ...emptyStats(), ...this.stats.get(source.name) },
      durationMs: 12,
    };
  }
}

describe(SyncDirectories.name, () => {
  let sync: ScriptedSync;
  let lock: FakeJobLock;
  let sut: SyncDirectories;
  const run = (input: SyncDirectoriesInput = {}) => sut.execute(parsedBy(SyncDirectories.definition.input, input));

  beforeEach(() => {
    sync = new ScriptedSync();
    lock = new FakeJobLock();
    sut = new SyncDirectories({ directories: DIRECTORIES }, fakeOf<SyncService>(sync), lock);
  });

  it('is for system actors only (the command line, the scheduler, the demo): it declares no ability', () => {
    expect(SyncDirectories.definition.name).toBe('sync-directories');
    expect(SyncDirectories.definition.ability).toBeUndefined();
  });

  describe('its input', () => {
    const input = SyncDirectories.definition.input;

    it('syncs every directory in the auto mode by default', () => {
      expect(parsedBy(input, {})).toEqual({ mode: 'auto' });
    });

    it('refuses another mode, an empty directory name, a progress that is no function, and unknown fields', () => {
      expect(refusalsOf(input, { mode: 'incremental' })).toEqual(['mode: expected one of auto, full']);
      expect(refusalsOf(input, { directory: '' })).toEqual([expect.stringMatching(/^directory: /)]);
      expect(refusalsOf(input, { onProgress: 'bar' })).toEqual([expect.stringMatching(/^onProgress: /)]);
      expect(refusalsOf(input, { full: true })).toEqual(['unknown field(s) full']);
    });
  });

  it('syncs each configured directory in turn, each under a lock of its own, with its mode and reconcile interval', async () => {
    await run({ mode: 'full' });
    expect(lock.asked).toEqual(['sync:corp-ad', 'sync:branch-ldap', 'sync:hr-export']);
    expect(sync.calls.map((c) => [c.source.name, c.source.kind, c.options.mode, c.options.reconcileIntervalMs])).toEqual([
      ['corp-ad', 'ad', 'full', 60 * 60_000],
      ['branch-ldap', 'ldap', 'full', 5 * 60_000],
      ['hr-export', 'ldif', 'full', undefined],
    ]);
  });

  it('reports each directory’s result', async () => {
    const { outcomes } = await run();
    expect(outcomes).toEqual(
      ['corp-ad', 'branch-ldap', 'hr-export'].map((directory) => ({
        directory,
        status: 'synchronised',
        result: expect.objectContaining({ runId: `run-${directory}`, directory }),
      })),
    );
  });

  it('goes on with the other directories when one fails, and says why that one failed', async () => {
    const refused = new VigieError('unavailable', 'cannot reach ldaps://dc01.corp.example: connect ECONNREFUSED');
    sync.failures.set('corp-ad', refused);
    const { outcomes } = await run();
    expect(outcomes.map((o) => `${o.directory} ${o.status}`)).toEqual(['corp-ad failed', 'branch-ldap synchronised', 'hr-export synchronised']);
    expect(outcomes[0]).toEqual({
      directory: 'corp-ad',
      status: 'failed',
      reason: 'cannot reach ldaps://dc01.corp.example: connect ECONNREFUSED',
      error: refused,
    });
  });

  it('says a directory is busy when another process holds its lock, syncs it not, and goes on with the others', async () => {
    lock = new FakeJobLock(['sync:branch-ldap']);
    sut = new SyncDirectories({ directories: DIRECTORIES }, fakeOf<SyncService>(sync), lock);
    const { outcomes } = await run();
    expect(outcomes.map((o) => `${o.directory} ${o.status}`)).toEqual(['corp-ad synchronised', 'branch-ldap busy', 'hr-export synchronised']);
    expect(sync.calls.map((c) => c.source.name)).toEqual(['corp-ad', 'hr-export']);
  });

  describe('what it says changed (what may raise a finding at once)', () => {
    const changedAfter = async (stats: Partial<SyncStats>) => {
      sync.stats.set('corp-ad', stats);
      return (await run({ directory: 'corp-ad' })).changed;
    };

    it('lists a run that saw an object added, modified or moved, or a membership added', async () => {
      expect(await changedAfter({ added: 1 })).toEqual(['corp-ad']);
      expect(await changedAfter({ modified: 2 })).toEqual(['corp-ad']);
      expect(await changedAfter({ moved: 1 })).toEqual(['corp-ad']);
      expect(await changedAfter({ membershipsAdded: 1 })).toEqual(['corp-ad']);
    });

    it('lists a run that read failed passwords since the previous one, though they change no tracked attribute', async () => {
      expect(await changedAfter({ badPasswords: 3 })).toEqual(['corp-ad']);
      expect(await changedAfter({ badPasswords: 0 })).toEqual([]);
    });

    it('leaves out a run that saw nothing, or only removals', async () => {
      expect(await changedAfter({ entries: 4000, accounts: 3000 })).toEqual([]);
      expect(await changedAfter({ removed: 5, membershipsRemoved: 7 })).toEqual([]);
    });

    it('never lists a first snapshot, whatever it counted as added', async () => {
      expect(await changedAfter({ baseline: 1, added: 3000, membershipsAdded: 12000 })).toEqual([]);
    });

    it('lists only the directories that changed, never a failed or busy one', async () => {
      lock = new FakeJobLock(['sync:hr-export']);
      sut = new SyncDirectories({ directories: DIRECTORIES }, fakeOf<SyncService>(sync), lock);
      sync.stats.set('corp-ad', { membershipsAdded: 1 });
      sync.stats.set('branch-ldap', { added: 1 });
      sync.stats.set('hr-export', { added: 1 });
      sync.failures.set('branch-ldap', new Error('timeout'));
      expect((await run()).changed).toEqual(['corp-ad']);
    });
  });

  it('tells the progress of each read with the name of its directory', async () => {
    sync.progress = [{ phase: 'reading', entries: 1000 }];
    const told: string[] = [];
    await run({ onProgress: (directory, p) => told.push(`${directory} ${p.phase} ${p.entries}`) });
    expect(told).toEqual(['corp-ad reading 1000', 'branch-ldap reading 1000', 'hr-export reading 1000']);
  });

  it('syncs only the directory named', async () => {
    const { outcomes } = await run({ directory: 'branch-ldap' });
    expect(outcomes.map((o) => o.directory)).toEqual(['branch-ldap']);
    expect(lock.asked).toEqual(['sync:branch-ldap']);
  });

  it('refuses a directory the configuration lacks (not found, listing the configured ones) before syncing anything', async () => {
    const err = await run({ directory: 'corp' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VigieError);
    expect(err).toMatchObject({ kind: 'not-found', message: 'no directory named "corp" in the configuration; configured: corp-ad, branch-ldap, hr-export' });
    expect(sync.calls).toEqual([]);
  });

  it('says how to configure a directory when none is (a configuration error)', async () => {
    sut = new SyncDirectories({ directories: [] }, fakeOf<SyncService>(sync), lock);
    await expect(run()).rejects.toMatchObject({ kind: 'configuration', message: expect.stringContaining('add one under "directories" in vigie.yaml') });
  });
});
