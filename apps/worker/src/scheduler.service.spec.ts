import type { AppConfig } from '#vigie/config';
import { loadConfig } from '#vigie/config';
import type { AuditJob } from './audit.job.js';
import { SchedulerService } from './scheduler.service.js';
import type { SyncJob } from './sync.job.js';
import type { TrailJob } from './trail.job.js';

describe(SchedulerService.name, () => {
  const jobs = () => {
    const calls: string[] = [];
    return {
      calls,
      sync: { run: async (mode: string) => void calls.push(`sync ${mode}`) } as unknown as SyncJob,
      audit: { run: async () => void calls.push('audit') } as unknown as AuditJob,
      trail: { checkpoint: async () => void calls.push('checkpoint'), prune: async () => void calls.push('prune') } as unknown as TrailJob,
    };
  };
  const configWith = (scheduler: Record<string, unknown>): AppConfig => ({ value: loadConfig({ env: {}, file: '/dev/null', overrides: { scheduler } }) });

  it('registers the full sync and the audit from configuration, in its timezone', async () => {
    const j = jobs();
    const sut = new SchedulerService(configWith({ fullSync: '30 1 * * *', incrementalSync: 'off', audit: '0 3 * * 1', timezone: 'Europe/Paris' }), j.sync, j.audit, j.trail);
    sut.onApplicationBootstrap();
    try {
      const s = sut.schedules();
      expect(s.map((x) => `${x.name} ${x.pattern}`)).toEqual(['full-sync 30 1 * * *', 'audit 0 3 * * 1', 'trail-checkpoint */15 * * * *', 'trail-prune 30 3 * * *']);
      const nextAudit = s[1].nextRun!;
      // Monday 03:00 in Paris is 01:00 or 02:00 UTC depending on daylight saving.
      expect(nextAudit.getUTCDay()).toBe(1);
      expect([1, 2]).toContain(nextAudit.getUTCHours());
    } finally {
      await sut.onApplicationShutdown();
    }
    expect(sut.schedules()).toEqual([]);
  });

  it('registers the incremental sync every few minutes by default, and runs each job in its mode', async () => {
    const j = jobs();
    const sut = new SchedulerService(configWith({}), j.sync, j.audit, j.trail);
    sut.onApplicationBootstrap();
    try {
      expect(sut.schedules().map((x) => `${x.name} ${x.pattern}`).slice(0, 3)).toEqual(['full-sync 0 1 * * *', 'incremental-sync */10 * * * *', 'audit 0 2 * * *']);
      const next = sut.schedules()[1].nextRun!;
      expect(next.getTime() - Date.now()).toBeLessThanOrEqual(10 * 60_000);
      await sut.runNow('incremental-sync');
      await sut.runNow('full-sync');
      expect(j.calls).toEqual(['sync incremental', 'sync full']);
    } finally {
      await sut.onApplicationShutdown();
    }
  });

  it('registers nothing when disabled', () => {
    const j = jobs();
    const sut = new SchedulerService(configWith({ enabled: false }), j.sync, j.audit, j.trail);
    sut.onApplicationBootstrap();
    expect(sut.schedules()).toEqual([]);
  });
});
