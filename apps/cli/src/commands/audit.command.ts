import { existsSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { type FindingsReport, auditLdifExport, formatFindingsCsv, formatFindingsTable } from '#vigie/audit';
import { ComplianceAuditService } from '#vigie/application';
import { DefaultDirectoryReader } from '#vigie/directory';
import { readRosterFile } from '#vigie/hr';
import { loadPolicy } from '#vigie/policy';
import { withCliContext } from '../cli-context.js';
import { type GlobalOptions, configFor } from '../global-options.js';
import { UsageError } from '../run-main.js';

const FORMATS = ['json', 'table', 'csv'] as const;
type Format = (typeof FORMATS)[number];

interface AuditOptions {
  format: string;
  output?: string;
  policies?: string;
  directory?: string;
  hr?: string;
}

export function registerAuditCommand(program: Command): void {
  program
    .command('audit')
    .description('evaluate the rules against the synchronised directories (or an LDIF export, offline) and the policy')
    .option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`, 'table')
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('-p, --policies <dir>', 'policy directory (default: policy.dir from the configuration)')
    .option('-d, --directory <file.ldif>', 'audit an LDIF export offline: no server, no database, nothing stored')
    .option('--hr <file>', 'HR roster (CSV or JSON) for G-LEAVER, G-ORPHAN and G-MOVER (default: hr.rosterFile)')
    .action(async (opts: AuditOptions, cmd: Command) => {
      if (!(FORMATS as readonly string[]).includes(opts.format)) throw new UsageError(`unknown format "${opts.format}": expected ${FORMATS.join(', ')}`);
      const overrides: Record<string, unknown> = {};
      // A directory given for this run is audited as it is: an invalid one fails, with no fallback to the stored policy.
      if (opts.policies) overrides.policy = { dir: opts.policies, keepLastValid: false };
      if (opts.hr) overrides.hr = { rosterFile: opts.hr };
      const config = configFor(cmd.optsWithGlobals<GlobalOptions>(), overrides);
      let report: FindingsReport;
      let unresolved: string[];
      let summary = '';
      if (opts.directory) {
        if (!existsSync(opts.directory)) throw new UsageError(`no file ${opts.directory}: --directory takes the path of an LDIF export (ldifde or slapcat)`);
        const [policy, hr] = await Promise.all([loadPolicy(config.policy.dir), config.hr.rosterFile ? readRosterFile(config.hr.rosterFile) : null]);
        const outcome = await auditLdifExport(new DefaultDirectoryReader(), opts.directory, policy, new Date(), hr);
        ({ report, unresolvedGroupRefs: unresolved } = outcome);
      } else {
        const result = await withCliContext(config, (ctx) => ctx.get(ComplianceAuditService).run());
        ({ report, unresolvedGroupRefs: unresolved } = result);
        const c = result.lifecycle.counts;
        summary = `since the previous audit: ${c.new} new, ${c.reopened} reopened, ${c.resolved} resolved; ${c.open} open` + (result.alerts.findings ? `; alerted on ${result.alerts.findings} (${result.alerts.sent.join(', ') || 'no channel'}${result.alerts.failed.length ? `, failed: ${result.alerts.failed.map((f) => f.channel).join(', ')}` : ''})` : '');
      }
      write(render(report, opts.format as Format), opts.output, report.findings.length);
      if (summary) process.stderr.write(`${summary}\n`);
      if (unresolved.length) process.stderr.write(`warning: the policy names groups found in no directory: ${unresolved.join(', ')}\n`);
    });
}

function render(report: FindingsReport, format: Format): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'csv') return formatFindingsCsv(report);
  return formatFindingsTable(report);
}

function write(text: string, output: string | undefined, count: number): void {
  if (!output) {
    process.stdout.write(text);
    return;
  }
  writeFileSync(output, text);
  process.stderr.write(`${count} findings written to ${output}\n`);
}
