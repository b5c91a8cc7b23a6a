import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AuditService, formatFindingsTable } from '#vigie/audit';
import { withCliContext } from '../cli-context.js';
import { type GlobalOptions, configFor } from '../global-options.js';
import { UsageError } from '../run-main.js';

const FORMATS = ['json', 'table'] as const;

export function registerAuditCommand(program: Command): void {
  program
    .command('audit')
    .description('evaluate the rules against the synchronised directories and the policy, and store the findings')
    .option('-f, --format <format>', `output format: ${FORMATS.join(' or ')}`, 'table')
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('-p, --policies <dir>', 'policy directory (default: policy.dir from the configuration)')
    .action(async (opts: { format: string; output?: string; policies?: string }, cmd: Command) => {
      if (!(FORMATS as readonly string[]).includes(opts.format)) throw new UsageError(`unknown format "${opts.format}": expected ${FORMATS.join(' or ')}`);
      // A directory given for this run is audited as it is: an invalid one fails, with no fallback to the stored policy.
      const config = configFor(cmd.optsWithGlobals<GlobalOptions>(), opts.policies ? { policy: { dir: opts.policies, keepLastValid: false } } : {});
      await withCliContext(config, async (ctx) => {
        const result = await ctx.get(AuditService).run();
        const text = opts.format === 'json' ? `${JSON.stringify(result.report, null, 2)}\n` : formatFindingsTable(result.report);
        if (opts.output) {
          writeFileSync(opts.output, text);
          process.stderr.write(`${result.report.findings.length} findings written to ${opts.output}\n`);
        } else {
          process.stdout.write(text);
        }
        if (result.unresolvedGroupRefs.length) {
          process.stderr.write(`warning: the policy names groups found in no directory: ${result.unresolvedGroupRefs.join(', ')}\n`);
        }
      });
    });
}
