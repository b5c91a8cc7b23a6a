import type { Command } from 'commander';
import type { SyncDirectoriesOutput } from '#vigie/application';
import { VigieError } from '#vigie/common';
import type { SyncProgress, SyncResult } from '#vigie/identity';
import { type GlobalOptions, configFor } from '../global-options.js';
import { syncProgressBar } from '../progress-bar.js';
import { syncFailure } from '../sync-failure.js';
import { withVigie } from '../with-vigie.js';

export function registerSyncCommand(program: Command): void {
  program
    .command('sync')
    .description('synchronise the configured directories into the store: incremental when a previous sync allows it, else full')
    .option('-d, --directory <name>', 'only this directory')
    .option('--full', 'read every entry again and compare it with the stored snapshot (default: only what changed since the last sync)')
    .action(async (opts: { directory?: string; full?: boolean }, cmd: Command) => {
      const config = configFor(cmd.optsWithGlobals<GlobalOptions>());
      const bars = new Map<string, ReturnType<typeof syncProgressBar>>();
      const onProgress = (directory: string, p: SyncProgress) => {
        if (!bars.has(directory)) bars.set(directory, syncProgressBar(directory));
        bars.get(directory)!.update(p);
      };
      let output: SyncDirectoriesOutput;
      try {
        output = await withVigie(config, (cli) => cli.run('sync-directories', { directory: opts.directory, mode: opts.full ? 'full' : 'auto', onProgress }));
      } finally {
        for (const bar of bars.values()) bar.done();
      }
      const failures: Array<{ directory: string; error: unknown }> = [];
      for (const o of output.outcomes) {
        if (o.status === 'synchronised') process.stdout.write(summary(o.result));
        else if (o.status === 'busy')
          failures.push({
            directory: o.directory,
            error: new VigieError('conflict', 'another sync of this directory is running (the scheduler or another command); try again when it ends'),
          });
        else failures.push({ directory: o.directory, error: o.error });
      }
      if (failures.length) throw syncFailure(failures);
    });
}

/** What a run did, in two lines: the snapshot, then what changed. */
function summary(r: SyncResult): string {
  const s = r.stats;
  // Thousands separators without Intl, whose first use loads locale data: 40 ms, a few % of an incremental run.
  const n = (x: number) => String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const unresolved = s.unresolvedMembers ? ` (${n(s.unresolvedMembers)} member values name no entry of the directory)` : '';
  const objects = s.objects ? `, ${n(s.objects)} other objects (OUs, printers, shares, foreign principals)` : '';
  const how = r.mode === 'incremental' ? `incremental sync, ${n(s.entries)} changed entries read` : `full sync, ${n(s.entries)} entries read`;
  const lines = [
    `${r.directory}: ${n(s.accounts)} accounts, ${n(s.groups)} groups, ${n(s.memberships)} memberships${objects}${unresolved} in ${(r.durationMs / 1000).toFixed(1)} s (${how})`,
  ];
  if (s.baseline) lines.push(`  first snapshot of this directory: changes are recorded from the next sync on`);
  else {
    lines.push(
      `  changes: ${n(s.added)} added, ${n(s.modified)} modified, ${n(s.moved)} moved, ${n(s.removed)} removed; ` +
        `memberships: ${n(s.membershipsAdded)} added, ${n(s.membershipsRemoved)} removed`,
    );
  }
  if (r.fullReason && r.mode === 'full' && !s.baseline) lines.push(`  full because ${r.fullReason}`);
  return `${lines.join('\n')}\n`;
}
