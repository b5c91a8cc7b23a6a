import type { Command } from 'commander';
import { VigieError } from '#vigie/common';
import { type FindingsPage, formatFindingStatesTable } from '#vigie/audit';
import { type GlobalOptions, configFor } from '../global-options.js';
import { type CommandRunner, withVigie } from '../with-vigie.js';

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
      const page = await withVigie(configFor(cmd.optsWithGlobals<GlobalOptions>()), (cli) =>
        allFindings(cli, { status: opts.status, severity: opts.severity, rule: opts.rule }),
      );
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(page, null, 2)}\n`);
        return;
      }
      if (!page.asOf) throw new VigieError('conflict', 'no audit has run yet: run `vigie audit` first');
      process.stdout.write(formatFindingStatesTable({ asOf: page.asOf, policyVersion: page.policyVersion ?? '', findings: page.findings }));
    });
  findings
    .command('ack <id>')
    .description('acknowledge a finding')
    .requiredOption('-r, --reason <text>', 'why (kept with the finding)')
    .action(async (id: string, opts: { reason: string }, cmd: Command) => {
      const s = await withVigie(configFor(cmd.optsWithGlobals<GlobalOptions>()), (cli) =>
        cli.run('decide-on-finding', { id, decision: 'acknowledge', reason: opts.reason }),
      );
      process.stdout.write(`finding ${s.id} acknowledged by ${s.decidedBy}\n`);
    });
  findings
    .command('accept <id>')
    .description('accept the risk of a finding until a date (at most a year); it reopens when the date passes')
    .requiredOption('-u, --until <YYYY-MM-DD>', 'last day of the acceptance (included)')
    .requiredOption('-r, --reason <text>', 'why the risk is accepted (kept with the finding)')
    .action(async (id: string, opts: { until: string; reason: string }, cmd: Command) => {
      const s = await withVigie(configFor(cmd.optsWithGlobals<GlobalOptions>()), (cli) =>
        cli.run('decide-on-finding', { id, decision: 'accept-risk', until: opts.until, reason: opts.reason }),
      );
      process.stdout.write(`risk of finding ${s.id} accepted until ${opts.until} by ${s.decidedBy}\n`);
    });
}

/** Every current finding, page after page by cursor (the use case serves at most 500 at a time), all from one audit run. */
async function allFindings(cli: CommandRunner, filter: { status?: string; severity?: string; rule?: string }): Promise<FindingsPage> {
  const first = await cli.run('list-findings', { ...filter, limit: 500 });
  const findings = [...first.findings];
  for (let cursor = first.nextCursor; cursor;) {
    const next = await cli.run('list-findings', { ...filter, limit: 500, cursor });
    findings.push(...next.findings);
    cursor = next.nextCursor;
  }
  return { ...first, total: findings.length, limit: findings.length, nextCursor: null, findings };
}
