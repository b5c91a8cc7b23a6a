import type { Command } from 'commander';
import { anHrEvent, anHrPersonData } from '#vigie/hr/testing';
import { RecordingCli, parse } from '../testing/recording-cli.js';
import { registerHrCommand } from './hr.command.js';

const ID = '5b0c3e2a-8d4f-4c1e-9a7b-2f6d1e0c9a11';
const dead = anHrEvent({
  id: ID,
  eventId: 'evt-9',
  status: 'dead',
  attempts: 4,
  person: anHrPersonData({ employeeId: 'E123' }),
  receivedAt: new Date('2026-12-01T08:00:00Z'),
  effectiveAt: new Date('2026-12-01T23:00:00Z'),
  lastError: { message: 'the manager E9 has no account yet', kind: 'not-found' },
});

function commandLine() {
  const cli = new RecordingCli({
    'list-hr-events': () => ({ items: [dead], nextCursor: null }),
    'replay-hr-event': () => ({ ...dead, status: 'pending', attempts: 0, lastError: null, version: 2 }),
  });
  return { cli, run: (...args: string[]) => parse((program: Command) => registerHrCommand(program, cli), ['hr', ...args]) };
}

describe('vigie hr events', () => {
  it('lists the dead-letter list of one person, with each reason', async () => {
    const { cli, run } = commandLine();
    expect(await run('events', '--status', 'dead', '--employee', 'E123')).toBeUndefined();
    expect(cli.runs).toEqual([['list-hr-events', { status: 'dead', employeeId: 'E123', limit: 100, cursor: undefined }]]);
    expect(cli.stdout).toBe(
      `${ID}  2026-12-01T08:00Z  hire  dead  effective 2026-12-01T23:00Z  E123  webhook:evt-9  tries 4  not-found: the manager E9 has no account yet\n`,
    );
  });

  it('prints the events as the API answers them with --json', async () => {
    const { cli, run } = commandLine();
    await run('events', '--json');
    expect(JSON.parse(cli.stdout)).toMatchObject({ items: [{ id: ID, status: 'dead', effectiveAt: '2026-12-01T23:00:00.000Z' }], nextCursor: null });
  });

  it('hands a limit it cannot read to the use case, which says what is wrong', async () => {
    const { cli, run } = commandLine();
    await run('events', '--limit', 'many');
    expect(cli.runs[0]![1]).toMatchObject({ limit: 'many' });
  });
});

describe('vigie hr replay', () => {
  it('replays the event and says so', async () => {
    const { cli, run } = commandLine();
    await run('replay', ID);
    expect(cli.runs).toEqual([['replay-hr-event', { id: ID }]]);
    expect(cli.stderr).toBe(`HR event ${ID} (webhook evt-9) is pending again\n`);
    expect(cli.stdout).toMatch(/pending .* tries 0$/m);
  });
});
