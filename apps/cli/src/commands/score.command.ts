import type { Command } from 'commander';
import type { UseCaseOutput } from '#vigie/application';
import { type RequestCli, TERMINAL, print } from '../requests/request-cli.js';

type Dashboard = UseCaseOutput<'show-dashboard'>;

/** How many of the trend's points the text shows (--json gives them all). */
const TREND_SHOWN = 7;

export function registerScoreCommand(program: Command, cli: RequestCli = TERMINAL): void {
  program
    .command('score')
    .description('the security score and its level (docs/score.md), where the points went, and its last days')
    .option('--json', 'the whole dashboard (score, open findings, 90-day trend, last syncs), as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const dashboard = await cli.withVigie(cmd, (vigie) => vigie.run('show-dashboard', {}));
      print(cli, opts.json, dashboard, () => formatScore(dashboard));
    });
}

export function formatScore(d: Dashboard): string {
  if (!d.runId) return 'No audit yet: run `vigie audit`, then `vigie score` again.\n';
  const { score, level, lostByFamily, topRules } = d.score;
  const lines = [
    `Score ${score}/100, level ${level} of 5 (audit of ${new Date(d.asOf!).toISOString()})`,
    `Points lost: hygiene ${lostByFamily.hygiene}, governance ${lostByFamily.governance}, gdpr ${lostByFamily.gdpr}`,
  ];
  if (topRules.length)
    lines.push(
      'Costliest rules:',
      ...topRules.map((r) => `  ${r.rule.padEnd(24)} ${r.severity.padEnd(8)} ${String(r.count).padStart(6)} finding(s)  -${r.points}`),
    );
  const last = d.trend.slice(-TREND_SHOWN);
  if (last.length) lines.push('Trend:', ...last.map((p) => `  ${p.day}  ${p.score === null ? '   -' : String(p.score).padStart(4)}  level ${p.level ?? '-'}`));
  return `${lines.join('\n')}\n`;
}
