import { type DirectorySyncRuns, SyncRunStore } from '../ports/sync-run.store.js';
import type { SyncMode, SyncRunRecord, SyncState, SyncStats } from '../sync-run.model.js';
import type { InMemorySnapshotStore } from './in-memory-snapshot.store.js';

/** A SyncRunStore in memory for unit specs; its state is the snapshot store's (they commit together). */
export class InMemorySyncRunStore extends SyncRunStore {
  readonly runs: SyncRunRecord[] = [];
  private next = 1;

  constructor(private readonly snapshots: InMemorySnapshotStore) {
    super();
  }

  async start(directory: string, mode: SyncMode): Promise<string> {
    const id = `00000000-0000-4000-8000-${String(this.next++).padStart(12, '0')}`;
    this.runs.push({ id, directory, mode, status: 'running', startedAt: new Date(), finishedAt: null, error: null, stats: {} });
    return id;
  }

  async succeed(id: string, stats: SyncStats): Promise<void> {
    Object.assign(this.find(id), { status: 'succeeded', finishedAt: new Date(), stats: { ...stats } });
  }

  async fail(id: string, reason: string, stats: Partial<SyncStats>): Promise<void> {
    Object.assign(this.find(id), { status: 'failed', finishedAt: new Date(), error: reason, stats: { ...stats } });
  }

  async abandonRunning(directory: string, reason: string): Promise<number> {
    const running = this.runs.filter((r) => r.directory === directory && r.status === 'running');
    for (const r of running) Object.assign(r, { status: 'failed', finishedAt: new Date(), error: reason });
    return running.length;
  }

  async latest(directory: string): Promise<SyncRunRecord | null> {
    return this.runs.filter((r) => r.directory === directory).at(-1) ?? null;
  }

  async get(id: string): Promise<SyncRunRecord | null> {
    const run = this.runs.find((r) => r.id === id);
    if (!run) return null;
    // The SQL store marks a run succeeded in the commit's transaction: so does this one, on read.
    const commit = this.snapshots.commits.find((c) => c.runId === id);
    return commit ? { ...run, status: 'succeeded', mode: commit.mode, stats: commit.stats } : run;
  }

  async list(options: { directory?: string; limit?: number } = {}): Promise<SyncRunRecord[]> {
    return this.runs
      .filter((r) => !options.directory || r.directory === options.directory)
      .reverse()
      .slice(0, options.limit ?? 50);
  }

  async latestPerDirectory(directories: readonly string[]): Promise<DirectorySyncRuns[]> {
    return directories.map((directory) => {
      const runs = this.runs.filter((r) => r.directory === directory);
      return { directory, latest: runs.at(-1) ?? null, lastSuccess: runs.filter((r) => r.status === 'succeeded').at(-1) ?? null };
    });
  }

  async state(): Promise<SyncState | null> {
    return this.snapshots.state;
  }

  private find(id: string): SyncRunRecord {
    const run = this.runs.find((r) => r.id === id);
    if (!run) throw new Error(`no run ${id}`);
    return run;
  }
}
