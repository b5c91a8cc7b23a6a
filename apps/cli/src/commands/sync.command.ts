import type { Command } from 'commander';
import { selectDirectories } from '#vigie/application';
import { SyncService } from '#vigie/identity';
import { withCliContext } from '../cli-context.js';
import { type GlobalOptions, configFor } from '../global-options.js';
import { progressLine } from '../terminal.js';

export function registerSyncCommand(program: Command): void {
  program
    .command('sync')
    .description('synchronise the configured directories (users, groups, memberships) into the store')
    .option('-d, --directory <name>', 'only this directory')
    .option('--full', 'full synchronisation (the only mode in this version: every run is full)')
    .action(async (opts: { directory?: string; full?: boolean }, cmd: Command) => {
      const config = configFor(cmd.optsWithGlobals<GlobalOptions>());
      const sources = selectDirectories(config.directories, opts.directory);
      await withCliContext(config, async (ctx) => {
        const sync = ctx.get(SyncService);
        const failures: string[] = [];
        for (const source of sources) {
          const progress = progressLine(`${source.name}: reading`);
          try {
            const r = await sync.sync(source, (p) => progress.update(`${source.name}: ${p.entries} entries read`));
            progress.done();
            const s = r.stats;
            process.stdout.write(
              `${source.name}: ${s.accounts} accounts, ${s.groups} groups, ${s.memberships} memberships` +
                `${s.unresolvedMembers ? ` (${s.unresolvedMembers} member values name no entry of the directory)` : ''} in ${(r.durationMs / 1000).toFixed(1)} s\n`,
            );
          } catch (err) {
            progress.done();
            failures.push(`${source.name}: ${(err as Error).message}`);
          }
        }
        if (failures.length) {
          throw Object.assign(new Error(`sync failed (the previous picture is kept):\n  ${failures.join('\n  ')}`), { name: 'UsageError' });
        }
      });
    });
}
