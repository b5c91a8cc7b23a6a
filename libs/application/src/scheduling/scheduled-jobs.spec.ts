import { VigieError } from '#vigie/common';
import { loadConfig } from '#vigie/config';
import type { SyncResult, SyncStats } from '#vigie/identity';
import { SILENT_LOGGER } from '#vigie/logging';
import type { Vigie } from '../composition/create-vigie.js';
import type { DirectorySyncOutcome } from '../use-cases/sync-directories/sync-directories.use-case.js';
import { ScheduledJobs } from './scheduled-jobs.js';

const result = (stats: Partial<SyncStats>): SyncResult => ({
  runId: 'r1',
  directory: 'corp',
  mode: 'incremental',
  fullReason: null,
  stats: stats as SyncStats,
  durationMs: 5,
});

describe(ScheduledJobs.name, () => {
  const setup = (
    outcome: { changed: string[]; outcomes?: DirectorySyncOutcome[] },
    scheduler: Record<string, unknown> = {},
    audit: () => Promise<unknown> = async () => ({}),
  ) => {
    const runs: Array<{ name: string; input: unknown; actor: unknown }> = [];
    const config = loadConfig({
      env: {},
      file: '/dev/null',
      overrides: { scheduler, directories: [{ name: 'corp', kind: 'ldif', file: '/nonexistent.ldif' }] },
    });
    const vigie = {
      config,
      run: async (name: string, input: unknown, context?: { actor?: unknown }) => {
        runs.push({ name, input, actor: context?.actor });
        if (name === 'sync-directories')
          return { outcomes: outcome.outcomes ?? [{ directory: 'corp', status: 'synchronised', result: result({}) }], changed: outcome.changed };
        return audit();
      },
    } as unknown as Vigie;
    return { sut: new ScheduledJobs(vigie, SILENT_LOGGER), runs };
  };

  it('audits at once after a sync that saw a change, each as its own system actor', async () => {
    const { sut, runs } = setup({ changed: ['corp'] });
    await sut.sync('incremental');
    expect(runs.map((r) => [r.name, r.input, r.actor])).toEqual([
      ['sync-directories', { mode: 'auto' }, { type: 'system', id: 'sync' }],
      ['run-audit', {}, { type: 'system', id: 'audit' }],
    ]);
  });

  it('does not audit after a sync that changed nothing, or when auditAfterChanges is off', async () => {
    const quiet = setup({ changed: [] });
    await quiet.sut.sync('full');
    expect(quiet.runs.map((r) => r.name)).toEqual(['sync-directories']);
    expect(quiet.runs[0]!.input).toEqual({ mode: 'full' });
    const off = setup({ changed: ['corp'] }, { auditAfterChanges: false });
    await off.sut.sync('incremental');
    expect(off.runs.map((r) => r.name)).toEqual(['sync-directories']);
  });

  it('never throws at the scheduler: a busy audit is skipped, a failed one logged', async () => {
    const busy = setup({ changed: [] }, {}, async () => {
      throw new VigieError('conflict', 'an audit is already running');
    });
    await expect(busy.sut.audit()).resolves.toBeUndefined();
    const broken = setup({ changed: [] }, {}, async () => {
      throw new Error('database gone');
    });
    await expect(broken.sut.audit()).resolves.toBeUndefined();
    expect(broken.runs.map((r) => r.name)).toEqual(['run-audit']);
  });

  it('sweeps the failed sign-ins as its own system actor, and never throws at the scheduler', async () => {
    const swept = setup({ changed: [] }, {}, async () => ({ summarised: 2, purged: 5 }));
    await swept.sut.sweepSignInAttempts();
    expect(swept.runs.map((r) => [r.name, r.input, r.actor])).toEqual([['sweep-sign-in-attempts', {}, { type: 'system', id: 'sign-in-attempts' }]]);
    const broken = setup({ changed: [] }, {}, async () => {
      throw new Error('database gone');
    });
    await expect(broken.sut.sweepSignInAttempts()).resolves.toBeUndefined();
  });

  it('sweeps the access requests as its own system actor, and never throws at the scheduler', async () => {
    const swept = setup({ changed: [] }, {}, async () => ({ ending: 1, expired: 0, reminded: 2, escalated: 0 }));
    await swept.sut.sweepAccessRequests();
    expect(swept.runs.map((r) => [r.name, r.input, r.actor])).toEqual([['sweep-access-requests', {}, { type: 'system', id: 'access-requests' }]]);
    const broken = setup({ changed: [] }, {}, async () => {
      throw new Error('database gone');
    });
    await expect(broken.sut.sweepAccessRequests()).resolves.toBeUndefined();
  });
});
