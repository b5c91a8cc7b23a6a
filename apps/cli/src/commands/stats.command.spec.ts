import type { Command } from 'commander';
import { RecordingCli, parse } from '../testing/recording-cli.js';
import { registerStatsCommand } from './stats.command.js';

const month = (m: string, opened: number, mean: number | null, hire = 0) => ({
  month: m,
  findings: { opened, closed: 2, meanDaysToResolve: mean, medianDaysToResolve: mean },
  auditRuns: { runs: 30, succeeded: 30, failed: 0 },
  syncs: { runs: 100, failed: 1, objectChanges: 12, membershipChanges: 7 },
  requests: { created: 3, decided: 2, approved: 1, rejected: 1, meanDaysToDecide: 1.5, medianDaysToDecide: 1.5, provisioned: 1, meanDaysToProvision: 2 },
  hrEvents: hire ? { hire } : {},
});
const REPORT = { from: '2026-01', to: '2026-02', timezone: 'Europe/Paris', months: [month('2026-01', 4, 5.33, 2), month('2026-02', 0, null)] };

function commandLine() {
  const cli = new RecordingCli({ 'periodic-statistics': () => REPORT });
  return { cli, run: (...args: string[]) => parse((program: Command) => registerStatsCommand(program, cli), ['stats', ...args]) };
}

describe('vigie stats', () => {
  it('asks for the months given and prints one column per month, a dash where there is no figure', async () => {
    const { cli, run } = commandLine();
    await run('--from', '2026-01', '--to', '2026-02', '--lang', 'en');
    expect(cli.runs).toEqual([['periodic-statistics', { from: '2026-01', to: '2026-02' }]]);
    const lines = cli.stdout.split('\n');
    expect(lines[0]).toBe('Statistics from 2026-01 to 2026-02 (timezone Europe/Paris)');
    expect(lines.find((l) => l.startsWith('findings opened'))).toMatch(/^findings opened\s+4\s+0$/);
    expect(lines.find((l) => l.startsWith('mean days to resolve'))).toMatch(/^mean days to resolve\s+5\.3\s+-$/);
    expect(lines.find((l) => l.startsWith('HR hire'))).toMatch(/^HR hire\s+2\s+0$/);
  });

  it('writes CSV for French Excel with --lang fr: byte order mark, semicolons, French headers, decimal commas', async () => {
    const { cli, run } = commandLine();
    await run('--format', 'csv', '--lang', 'fr');
    const [header, first, second] = cli.stdout.split('\r\n');
    expect(header!.startsWith('\uFEFFMois;Constats ouverts;Constats clos;Délai moyen de résolution (j);')).toBe(true);
    expect(first!.startsWith('2026-01;4;2;5,33;5,33;30;')).toBe(true);
    expect(second!.startsWith('2026-02;0;2;;;30;')).toBe(true);
  });

  it('writes the comma form with --csv standard, and the figures as JSON with --json', async () => {
    const standard = commandLine();
    await standard.run('--format', 'csv', '--lang', 'fr', '--csv', 'standard');
    expect(standard.cli.stdout.startsWith('Mois,Constats ouverts,')).toBe(true);
    const json = commandLine();
    await json.run('--json');
    expect(JSON.parse(json.cli.stdout)).toEqual(REPORT);
  });
});
