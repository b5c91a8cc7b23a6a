import type { Command } from 'commander';
import { selectDirectories, syncSettingsFor } from '#vigie/application/core';
import type { VigieConfig } from '#vigie/config/core';
import type { DirectorySource } from '#vigie/directory';
import type { SyncResult } from '#vigie/identity';
import { type GlobalOptions, configFor } from '../global-options.js';
import { syncProgressBar } from '../progress-bar.js';
import type { SyncContext } from '../sync-context.js';

export function registerSyncCommand(program: Command): void {
  program
    .command('sync')
    .description('synchronise the configured directories into the store: incremental when a previous sync allows it, else full')
    .option('-d, --directory <name>', 'only this directory')
    .option('--full', 'read every entry again and compare it with the stored picture (default: only what changed since the last sync)')
    .action(async (opts: { directory?: string; full?: boolean }, cmd: Command) => {
      const config = configFor(cmd.optsWithGlobals<GlobalOptions>());
      const sources = selectDirectories(config.directories, opts.directory);
      const run = (ctx: SyncContext) => syncAll(ctx, config, sources, !!opts.full);
      // Loaded once the configuration is valid: --help and configuration errors answer without the
      // database driver, the LDAP client and the sync itself.
      const { withSyncContext } = await import('../sync-context.js');
      // PostgreSQL with its schema up to date: the sync alone, without booting the application.
      if (await withSyncContext(config, run)) return;
      // Before any decorated class of Nest's is defined (main.ts loads it for the other commands).
      await import('reflect-metadata');
      const [{ withCliContext }, { SyncService }, { JobLock }] = await Promise.all([import('../cli-context.js'), import('#vigie/identity'), import('#vigie/persistence')]);
      await withCliContext(config, (app) => run({ sync: app.get(SyncService), lock: app.get(JobLock) }));
    });
}

async function syncAll({ sync, lock }: SyncContext, config: VigieConfig, sources: DirectorySource[], full: boolean): Promise<void> {
  const failures: string[] = [];
  for (const source of sources) {
    const progress = syncProgressBar(source.name);
    try {
      let result: SyncResult | undefined;
      // The same lock as the scheduler's: one sync of a directory at a time, across processes.
      const ran = await lock.runExclusive(`sync:${source.name}`, async () => {
        result = await sync.sync(source, {
          mode: full ? 'full' : 'auto',
          onProgress: (p) => progress.update(p),
          ...syncSettingsFor(config.directories, source.name),
        });
      });
      progress.done();
      if (!ran) failures.push(`${source.name}: another sync of this directory is running (the scheduler or another command); try again when it ends`);
      else process.stdout.write(summary(result!));
    } catch (err) {
      progress.done();
      failures.push(`${source.name}: ${(err as Error).message}`);
    }
  }
  if (failures.length) {
    throw Object.assign(new Error(`sync failed (the previous picture is kept):\n  ${failures.join('\n  ')}`), { name: 'UsageError' });
  }
}

/** What a run did, in two lines: the picture, then what changed. */
function summary(r: SyncResult): string {
  const s = r.stats;
  // Thousands separators without Intl, whose first use loads locale data: 40 ms, a few % of an incremental run.
  const n = (x: number) => String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const unresolved = s.unresolvedMembers ? ` (${n(s.unresolvedMembers)} member values name no entry of the directory)` : '';
  const objects = s.objects ? `, ${n(s.objects)} other objects (OUs, printers, shares, foreign principals)` : '';
  const how = r.mode === 'incremental' ? `incremental sync, ${n(s.entries)} changed entries read` : `full sync, ${n(s.entries)} entries read`;
  const lines = [`${r.directory}: ${n(s.accounts)} accounts, ${n(s.groups)} groups, ${n(s.memberships)} memberships${objects}${unresolved} in ${(r.durationMs / 1000).toFixed(1)} s (${how})`];
  if (s.baseline) lines.push(`  first picture of this directory: changes are recorded from the next sync on`);
  else {
    lines.push(
      `  changes: ${n(s.added)} added, ${n(s.modified)} modified, ${n(s.moved)} moved, ${n(s.removed)} removed; ` +
        `memberships: ${n(s.membershipsAdded)} added, ${n(s.membershipsRemoved)} removed`,
    );
  }
  if (r.fullReason && r.mode === 'full' && !s.baseline) lines.push(`  full because ${r.fullReason}`);
  return `${lines.join('\n')}\n`;
}
