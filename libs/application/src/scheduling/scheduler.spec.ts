import { loadConfig } from '#vigie/config';
import { SILENT_LOGGER } from '#vigie/logging';
import { Scheduler } from './scheduler.js';

describe(Scheduler.name, () => {
  const jobs = () => {
    const calls: string[] = [];
    return {
      calls,
      sync: async (mode: 'full' | 'incremental') => void calls.push(`sync ${mode}`),
      audit: async () => void calls.push('audit'),
      checkpoint: async () => void calls.push('checkpoint'),
      prune: async () => void calls.push('prune'),
      sweepSignInAttempts: async () => void calls.push('sweep sign-in attempts'),
      sweepAccessRequests: async () => void calls.push('sweep access requests'),
      sweepHrEvents: async () => void calls.push('sweep hr events'),
    };
  };
  const configWith = (scheduler: Record<string, unknown>) => loadConfig({ env: {}, file: '/dev/null', overrides: { scheduler } });

  it('registers the full sync and the audit from configuration, in its timezone', async () => {
    const sut = new Scheduler(
      configWith({ fullSync: '30 1 * * *', incrementalSync: 'off', audit: '0 3 * * 1', timezone: 'Europe/Paris' }),
      jobs(),
      SILENT_LOGGER,
    );
    sut.start();
    try {
      const s = sut.schedules();
      expect(s.map((x) => `${x.name} ${x.pattern}`)).toEqual([
        'full-sync 30 1 * * *',
        'audit 0 3 * * 1',
        'trail-checkpoint */15 * * * *',
        'trail-prune 30 3 * * *',
        'sign-in-attempts * * * * *',
        'access-requests * * * * *',
        'hr-events * * * * *',
      ]);
      const nextAudit = s[1]!.nextRun!;
      // Monday 03:00 in Paris is 01:00 or 02:00 UTC depending on daylight saving.
      expect(nextAudit.getUTCDay()).toBe(1);
      expect([1, 2]).toContain(nextAudit.getUTCHours());
    } finally {
      await sut.stop();
    }
    expect(sut.schedules()).toEqual([]);
  });

  it('registers the incremental sync every few minutes by default, and runs each job in its mode', async () => {
    const j = jobs();
    const sut = new Scheduler(configWith({}), j, SILENT_LOGGER);
    sut.start();
    try {
      expect(
        sut
          .schedules()
          .map((x) => `${x.name} ${x.pattern}`)
          .slice(0, 3),
      ).toEqual(['full-sync 0 1 * * *', 'incremental-sync */10 * * * *', 'audit 0 2 * * *']);
      const next = sut.schedules()[1]!.nextRun!;
      expect(next.getTime() - Date.now()).toBeLessThanOrEqual(10 * 60_000);
      await sut.runNow('incremental-sync');
      await sut.runNow('full-sync');
      await sut.runNow('trail-prune');
      await sut.runNow('sign-in-attempts');
      await sut.runNow('access-requests');
      await sut.runNow('hr-events');
      expect(j.calls).toEqual(['sync incremental', 'sync full', 'prune', 'sweep sign-in attempts', 'sweep access requests', 'sweep hr events']);
    } finally {
      await sut.stop();
    }
  });

  it('registers nothing when disabled', () => {
    const sut = new Scheduler(configWith({ enabled: false }), jobs(), SILENT_LOGGER);
    sut.start();
    expect(sut.schedules()).toEqual([]);
  });
});
