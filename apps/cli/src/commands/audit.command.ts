import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { type AuditTiming, type FindingsCsvOptions, type FindingsReport, formatFindingsCsv, formatFindingsTable } from '#vigie/audit';
import { UsageError } from '#vigie/common';
import type { PolicyFallback } from '#vigie/policy';
import { parseAsOf } from '../as-of-option.js';
import { auditProgressReporter, formatAuditTimings } from '../audit-progress.reporter.js';
import { type GlobalOptions, configFor } from '../global-options.js';
import { outputFileError } from '../output-file.js';
import { withVigie } from '../with-vigie.js';
import { CSV_OPTION, LANG_OPTION, csvOptionsOf } from '../csv-options.js';

const FORMATS = ['json', 'table', 'csv'] as const;
type Format = (typeof FORMATS)[number];

interface AuditOptions {
  format: string;
  output?: string;
  policies?: string;
  directory?: string;
  hr?: string;
  asOf?: string;
  lang?: string;
  csv?: string;
}

export function registerAuditCommand(program: Command): void {
  program
    .command('audit')
    .description('evaluate the rules against the synchronised directories (or an LDIF export, offline) and the policy')
    .option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`, 'table')
    .option(...LANG_OPTION)
    .option(...CSV_OPTION)
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('-p, --policies <dir>', 'policy directory (default: policy.dir from the configuration)')
    .option('-d, --directory <file.ldif>', 'audit an LDIF export offline: no server, no database, nothing stored')
    .option('--hr <file>', 'HR roster (CSV or JSON) for G-LEAVER, G-ORPHAN and G-MOVER (default: hr.rosterFile)')
    .option('--as-of <date>', 'judge the directory as of this day (YYYY-MM-DD, 00:00 UTC) or instant (ISO 8601 with zone) instead of now')
    .action(async (opts: AuditOptions, cmd: Command) => {
      if (!(FORMATS as readonly string[]).includes(opts.format)) throw new UsageError(`unknown format "${opts.format}": expected ${FORMATS.join(', ')}`);
      const csv = csvOptionsOf(opts);
      const asOf = opts.asOf === undefined ? undefined : parseAsOf(opts.asOf);
      const overrides: Record<string, unknown> = {};
      // A directory given for this run is audited as it is: an invalid one fails, with no fallback to the stored policy.
      if (opts.policies) overrides.policy = { dir: opts.policies, keepLastValid: false };
      if (opts.hr) overrides.hr = { rosterFile: opts.hr };
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const config = configFor(globals, overrides);
      const progress = auditProgressReporter(process.stderr, { verbose: globals.verbose });
      let report: FindingsReport;
      let unresolved: string[];
      let timings: AuditTiming[];
      let summary = '';
      if (opts.directory) {
        const outcome = await withVigie(config, (cli) =>
          cli.run('audit-ldif-export', {
            file: opts.directory!,
            policies: config.policy.dir,
            hr: config.hr.rosterFile,
            hrColumns: config.hr.columns,
            hrIgnoreColumns: config.hr.ignoreColumns,
            asOf,
            onProgress: progress.update,
          }),
        ).finally(progress.done);
        ({ report, unresolvedGroupRefs: unresolved, timings } = outcome);
      } else {
        const result = await withVigie(config, (cli) => cli.run('run-audit', { asOf, onProgress: progress.update })).finally(progress.done);
        ({ report, unresolvedGroupRefs: unresolved, timings } = result);
        if (result.policyFallback) process.stderr.write(fallbackWarning(result.policyFallback, result.report.policyVersion));
        const c = result.lifecycle.counts;
        summary =
          `since the previous audit: ${c.new} new, ${c.reopened} reopened, ${c.resolved} resolved; ${c.open} open` +
          (result.alerts.findings
            ? `; alerted on ${result.alerts.findings} (${result.alerts.sent.join(', ') || 'no channel'}${result.alerts.failed.length ? `, failed: ${result.alerts.failed.map((f) => f.channel).join(', ')}` : ''})`
            : '');
      }
      if (globals.verbose) process.stderr.write(formatAuditTimings(timings));
      write(render(report, opts.format as Format, csv), opts.output, report.findings.length);
      if (summary) process.stderr.write(`${summary}\n`);
      if (unresolved.length) process.stderr.write(`warning: the policy names groups found in no directory: ${unresolved.join(', ')}\n`);
    });
}

/** The configured policy directory is invalid and the audit used the last valid version stored: say so, with its errors. */
function fallbackWarning(fallback: PolicyFallback, version: string): string {
  const errors = fallback.reason
    .split('\n')
    .map((line) => `  ${line}\n`)
    .join('');
  return (
    `warning: the policy directory is invalid: auditing with the last valid version ${version.slice(0, 16)} (valid on ${fallback.lastValidAt.toISOString()}) ` +
    `until ${fallback.source} is fixed (\`vigie policy validate\`):\n${errors}`
  );
}

function render(report: FindingsReport, format: Format, csv: FindingsCsvOptions): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'csv') return formatFindingsCsv(report, csv);
  return formatFindingsTable(report);
}

function write(text: string, output: string | undefined, count: number): void {
  if (!output) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(output, text);
  } catch (err) {
    throw outputFileError(output, err);
  }
  process.stderr.write(`${count} findings written to ${output}\n`);
}
