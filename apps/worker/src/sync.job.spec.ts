import type { AppConfig } from '#vigie/config';
import { loadConfig } from '#vigie/config';
import type { SyncResult, SyncService, SyncStats } from '#vigie/identity';
import type { JobLock } from '#vigie/persistence';
import type { AuditJob } from './audit.job.js';
import { SyncJob } from './sync.job.js';

const noChange: SyncStats = { entries: 10, accounts: 4, groups: 2, memberships: 5, objects: 0, unresolvedMembers: 0, skipped: 0, added: 0, modified: 0, moved: 0, removed: 0, membershipsAdded: 0, membershipsRemoved: 0, baseline: 0, reconciled: 0 } as SyncStats;

describe(SyncJob.name, () => {
  const setup = (stats: Partial<SyncStats>, scheduler: Record<string, unknown> = {}) => {
    const audits: number[] = [];
    const config: AppConfig = { value: loadConfig({ env: {}, file: '/dev/null', overrides: { scheduler, directories: [{ name: 'corp', kind: 'ldif', file: '/nonexistent.ldif' }] } }) };
    const sync = { sync: async (): Promise<SyncResult> => ({ runId: 'r1', directory: 'corp', mode: 'incremental', fullReason: null, stats: { ...noChange, ...stats }, durationMs: 5 }) } as unknown as SyncService;
    const lock = { runExclusive: async (_: string, fn: () => Promise<void>) => (await fn(), true) } as unknown as JobLock;
    const audit = { run: async () => void audits.push(1) } as unknown as AuditJob;
    return { sut: new SyncJob(config, sync, lock, audit), audits };
  };

  it('audits at once after a run that saw a membership added, so a new privileged member alerts within minutes', async () => {
    const { sut, audits } = setup({ membershipsAdded: 1 });
    await sut.run('incremental');
    expect(audits).toHaveLength(1);
  });

  it('does not audit after a run that changed nothing, or made the first picture', async () => {
    for (const stats of [{}, { added: 40, membershipsAdded: 90, baseline: 1 }, { membershipsRemoved: 3, removed: 1 }]) {
      const { sut, audits } = setup(stats);
      await sut.run('incremental');
      expect(audits).toHaveLength(0);
    }
  });

  it('leaves the audit to its schedule when auditAfterChanges is off', async () => {
    const { sut, audits } = setup({ modified: 2 }, { auditAfterChanges: false });
    await sut.run('full');
    expect(audits).toHaveLength(0);
  });
});
