import type { Command } from 'commander';
import { securityScore } from '#vigie/audit';
import { RecordingCli, parse } from '../testing/recording-cli.js';
import { registerScoreCommand } from './score.command.js';

const score = securityScore([
  { rule: 'G-SOD', severity: 'high', count: 3 },
  { rule: 'H-PWD-NEVER-EXPIRES', severity: 'medium', count: 1 },
]);
const point = (day: string, s: number | null) => ({
  day,
  runId: 'r',
  asOf: new Date(`${day}T02:00:00Z`),
  score: s,
  level: s === null ? null : 2,
  bySeverity: {},
});
const dashboard = {
  asOf: new Date('2026-12-07T02:00:00Z'),
  runId: 'run-7',
  policyVersion: 'v1',
  score,
  trend: ['01', '02', '03', '04', '05', '06', '07', '08'].map((d, i) => point(`2026-12-${d}`, i === 0 ? null : 70 + i)),
};

function commandLine(answer: unknown) {
  const cli = new RecordingCli({ 'show-dashboard': () => answer });
  return { cli, run: (...args: string[]) => parse((program: Command) => registerScoreCommand(program, cli), ['score', ...args]) };
}

describe('vigie score', () => {
  it('prints the score, the level, the points lost by family and by rule, and the last seven days of the trend', async () => {
    const { cli, run } = commandLine(dashboard);
    await run();
    expect(cli.runs).toEqual([['show-dashboard', {}]]);
    expect(cli.stdout).toContain(`Score ${score.score}/100, level 2 of 5 (audit of 2026-12-07T02:00:00.000Z)`);
    expect(cli.stdout).toContain('Points lost: hygiene 4, governance 12, gdpr 0');
    expect(cli.stdout).toMatch(/G-SOD\s+high\s+3 finding\(s\)\s+-12/);
    expect(cli.stdout).toContain('2026-12-08    77  level 2');
    expect(cli.stdout).not.toContain('2026-12-01');
  });

  it('says to run an audit first when none has run', async () => {
    const { cli, run } = commandLine({ ...dashboard, runId: null, asOf: null, trend: [] });
    await run();
    expect(cli.stdout).toBe('No audit yet: run `vigie audit`, then `vigie score` again.\n');
  });

  it('prints the whole dashboard as JSON with --json', async () => {
    const { cli, run } = commandLine(dashboard);
    await run('--json');
    expect(JSON.parse(cli.stdout)).toMatchObject({ runId: 'run-7', score: { score: score.score, level: 2 } });
  });
});
