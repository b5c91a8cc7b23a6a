import type { Command } from 'commander';
import { UsageError } from '#vigie/common';
import { CSV_OPTION, csvOptionsOf } from '../csv-options.js';
import { type RequestCli, TERMINAL } from '../requests/request-cli.js';
import { formatStatisticsCsv, formatStatisticsTable } from '../statistics.format.js';
import { defaultLang } from './findings.command.js';

interface StatsOptions {
  from?: string;
  to?: string;
  json?: boolean;
  format: string;
  lang?: string;
  csv?: string;
}

/** `vigie stats`: the periodic statistics (CQPM) per month, as a table, CSV or JSON. docs/statistics.md. */
export function registerStatsCommand(program: Command, cli: RequestCli = TERMINAL): void {
  program
    .command('stats')
    .description('periodic statistics per month: findings opened and closed, time to resolve, audits, syncs, requests, HR events')
    .option('--from <YYYY-MM>', 'first month (default: 11 months before --to)')
    .option('--to <YYYY-MM>', 'last month (default: the current month, in scheduler.timezone)')
    .option('-f, --format <format>', 'table, csv or json', 'table')
    .option('--json', 'the figures as the API answers them (same as --format json)')
    .option('--lang <lang>', 'fr or en (default: fr when LC_ALL or LANG starts with fr, else en); fr writes CSV for French Excel')
    .option(...CSV_OPTION)
    .action(async (opts: StatsOptions, cmd: Command) => {
      if (!['table', 'csv', 'json'].includes(opts.format)) throw new UsageError(`unknown format "${opts.format}": expected table, csv or json`);
      const { lang, dialect } = csvOptionsOf({ lang: opts.lang ?? defaultLang(process.env), csv: opts.csv });
      const report = await cli.withVigie(cmd, (vigie) => vigie.run('periodic-statistics', { from: opts.from, to: opts.to }));
      if (opts.json || opts.format === 'json') cli.out(`${JSON.stringify(report, null, 2)}\n`);
      else if (opts.format === 'csv') cli.out(formatStatisticsCsv(report, lang, dialect));
      else cli.out(formatStatisticsTable(report, lang));
    });
}
