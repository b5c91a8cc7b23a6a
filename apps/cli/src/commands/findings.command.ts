import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { FindingDecisionService, FindingsQueryService, formatFindingsTable } from '#vigie/audit';
import { withCliContext } from '../cli-context.js';
import { type GlobalOptions, configFor } from '../global-options.js';
import { UsageError } from '../run-main.js';

// The operating-system account at the terminal is who decides (API decisions name the token instead).
const actor = () => `cli:${userInfo().username}`;

export function registerFindingsCommand(program: Command): void {
  const findings = program.command('findings').description('review the current findings and decide on them');
  findings
    .command('list')
    .description('the current findings (latest audit run), most severe first')
    .option('--status <list>', 'open, acknowledged, risk-accepted (comma-separated)')
    .option('--severity <list>', 'critical, high, medium, low, info (comma-separated)')
    .option('--rule <list>', 'rule ids (comma-separated)')
    .option('--json', 'the findings with their state, as JSON')
    .action(async (opts: { status?: string; severity?: string; rule?: string; json?: boolean }, cmd: Command) => {
      const split = (v?: string) => v?.split(',').map((s) => s.trim()).filter(Boolean);
      await withCliContext(configFor(cmd.optsWithGlobals<GlobalOptions>()), async (ctx) => {
        const page = await ctx.get(FindingsQueryService).current({ status: split(opts.status), severity: split(opts.severity), rule: split(opts.rule) }, { limit: 100_000, offset: 0 });
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(page, null, 2)}\n`);
          return;
        }
        if (!page.asOf) throw new UsageError('no audit has run yet: run `vigie audit` first');
        process.stdout.write(formatFindingsTable({ asOf: page.asOf, policyVersion: page.policyVersion ?? '', findings: page.findings }));
        for (const f of page.findings) process.stdout.write(`${f.id}  ${f.state.status.padEnd(13)}  since ${f.state.firstSeenAt.toISOString().slice(0, 10)}  ${f.rule} ${f.subject.login ?? ''}\n`);
      });
    });
  findings
    .command('ack <id>')
    .description('acknowledge a finding')
    .requiredOption('-r, --reason <text>', 'why (kept with the finding)')
    .action(async (id: string, opts: { reason: string }, cmd: Command) => {
      await withCliContext(configFor(cmd.optsWithGlobals<GlobalOptions>()), async (ctx) => {
        const s = await ctx.get(FindingDecisionService).acknowledge(id, actor(), opts.reason);
        process.stdout.write(`finding ${s.id} acknowledged by ${s.decidedBy}\n`);
      });
    });
  findings
    .command('accept <id>')
    .description('accept the risk of a finding until a date (at most a year); it reopens when the date passes')
    .requiredOption('-u, --until <YYYY-MM-DD>', 'end of the acceptance')
    .requiredOption('-r, --reason <text>', 'why the risk is accepted (kept with the finding)')
    .action(async (id: string, opts: { until: string; reason: string }, cmd: Command) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.until)) throw new UsageError(`--until expects a date as YYYY-MM-DD, got "${opts.until}"`);
      await withCliContext(configFor(cmd.optsWithGlobals<GlobalOptions>()), async (ctx) => {
        const s = await ctx.get(FindingDecisionService).acceptRisk(id, actor(), new Date(`${opts.until}T23:59:59Z`), opts.reason);
        process.stdout.write(`risk of finding ${s.id} accepted until ${opts.until} by ${s.decidedBy}\n`);
      });
    });
}
