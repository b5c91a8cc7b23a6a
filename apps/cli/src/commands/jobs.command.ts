import type { Command } from 'commander';
import { type GlobalOptions, configFor } from '../global-options.js';
import { withVigie } from '../with-vigie.js';

export function registerJobsCommand(program: Command): void {
  const jobs = program.command('jobs').description('the job queue: jobs that failed for good, and running one again once its cause is fixed');
  jobs
    .command('failed')
    .description('list the jobs that failed for good, newest first, with their error')
    .option('--limit <n>', 'how many to list (1 to 1000)', '100')
    .action(async (opts: { limit: string }, cmd: Command) => {
      const failed = await withVigie(configFor(cmd.optsWithGlobals<GlobalOptions>()), (cli) => cli.run('list-failed-jobs', { limit: opts.limit }));
      if (!failed.length) process.stderr.write('no failed job\n');
      for (const j of failed) {
        const error = `${j.error.kind ? `${j.error.kind}: ` : ''}${j.error.message}`;
        process.stdout.write(`${j.id}  ${j.name}  ${j.failedAt?.toISOString() ?? '-'}  tries ${j.retryCount + 1}  ${error}\n`);
      }
    });
  jobs
    .command('retry <id>')
    .description('put a failed job back on its queue (its id as `vigie jobs failed` shows it)')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const job = await withVigie(configFor(cmd.optsWithGlobals<GlobalOptions>()), (cli) => cli.run('retry-job', { id }));
      process.stdout.write(`job ${job.id} (${job.name}) put back on its queue\n`);
    });
}
