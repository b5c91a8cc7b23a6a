import { stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { VigieError } from '#vigie/common';
import { type GlobalOptions, configFor } from '../global-options.js';
import { outputFileError } from '../output-file.js';
import { withVigie } from '../with-vigie.js';

interface ReportOptions {
  format: string;
  lang: string;
  output: string;
  from?: string;
  to?: string;
  store?: boolean;
}

/** The output's folder must exist before the report is built: a minute of work is not lost on a typo in a path. */
async function checkOutputFolder(path: string): Promise<void> {
  const folder = dirname(resolve(path));
  const found = await stat(folder).catch(() => null);
  if (!found?.isDirectory()) throw new VigieError('invalid-input', `cannot write ${path}: its folder ${folder} does not exist. Check --output`);
}

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('write a compliance report (score and trend, findings and their fixes, privileged accounts, personal data, trail checkpoint)')
    .option('--format <format>', 'pdf or html', 'pdf')
    .option('--lang <lang>', 'fr or en', 'fr')
    .requiredOption('--output <file>', 'the file to write')
    .option('--from <date>', 'first day of the period, YYYY-MM-DD (default: 30 days before --to)')
    .option('--to <date>', 'last day of the period, included, YYYY-MM-DD (default: now)')
    .option('--store', 'also keep it in the database, for `vigie reports list` and the API')
    .action(async (opts: ReportOptions, cmd: Command) => {
      await checkOutputFolder(opts.output);
      // Checked by the use case, whose messages name the accepted values.
      const input = { format: opts.format as 'pdf', lang: opts.lang as 'fr', from: opts.from, to: opts.to };
      const written = await withVigie(configFor(cmd.optsWithGlobals<GlobalOptions>()), async (cli) => {
        if (!opts.store) return { ...(await cli.run('build-compliance-report', input)), id: null };
        const stored = await cli.run('generate-report', input);
        const { content } = await cli.run('download-report', { id: stored.id });
        return { content, sha256: stored.sha256, id: stored.id };
      });
      await writeFile(opts.output, written.content).catch((err: unknown) => {
        throw outputFileError(opts.output, err);
      });
      process.stderr.write(
        `report written to ${opts.output} (${written.content.length} bytes, sha256 ${written.sha256})${written.id ? `, stored as ${written.id}` : ''}\n`,
      );
    });

  const reports = program.command('reports').description('the compliance reports kept in the database');
  reports
    .command('list')
    .description('list the stored reports, newest first')
    .option('--limit <n>', 'how many (1 to 500)', '50')
    .option('--offset <n>', 'how many to skip', '0')
    .action(async (opts: { limit: string; offset: string }, cmd: Command) => {
      const page = await withVigie(configFor(cmd.optsWithGlobals<GlobalOptions>()), (cli) =>
        cli.run('list-reports', { limit: opts.limit, offset: opts.offset }),
      );
      if (page.reports.length === 0) process.stderr.write('no stored report\n');
      for (const r of page.reports) {
        const period = `${r.periodFrom.toISOString()}..${r.periodTo.toISOString()}`;
        process.stdout.write(`${r.id}  ${r.createdAt.toISOString()}  ${r.trigger}  ${r.format}  ${r.lang}  ${period}  ${r.byteSize} bytes  ${r.fileName}\n`);
      }
    });
}
