import type { Command } from 'commander';
import { anAccessRequest } from '#vigie/requests/testing';
import { RecordingCli, parse } from '../testing/recording-cli.js';
import { registerApproveCommand, registerRejectCommand } from './approve.command.js';

const ID = '5b0c3e2a-8d4f-4c1e-9a7b-2f6d1e0c9a11';

describe('vigie approve and vigie reject', () => {
  const commandLine = () => {
    const cli = new RecordingCli({ 'decide-access-request': () => anAccessRequest({ id: ID }) });
    const register = (program: Command) => {
      registerApproveCommand(program, cli);
      registerRejectCommand(program, cli);
    };
    return { cli, run: (...args: string[]) => parse(register, args) };
  };

  it('decides as the person --as names, with the comment, one verb for each outcome', async () => {
    const { cli, run } = commandLine();
    await run('approve', ID, '--comment', 'fine for the closing', '--as', 'mark');
    await run('reject', ID, '--comment', 'not this quarter', '--as', 'olga');
    expect(cli.runs).toEqual([
      ['decide-access-request', { id: ID, decision: 'approve', comment: 'fine for the closing', as: 'mark' }],
      ['decide-access-request', { id: ID, decision: 'reject', comment: 'not this quarter', as: 'olga' }],
    ]);
    expect(cli.stdout).toMatch(/1\. manager {10}WAITING since 2026-12-01T09:00Z, decided by corp:uid=mark,ou=people,dc=acme,dc=test \(or their deputy\)/);
  });

  it('needs a comment and the person deciding', async () => {
    const { cli, run } = commandLine();
    expect(await run('approve', ID, '--as', 'mark')).toMatch(/required option '--comment <text>' not specified/);
    expect(await run('reject', ID, '--comment', 'no')).toMatch(/required option '--as <login>' not specified/);
    expect(await run('approve', '--comment', 'ok', '--as', 'mark')).toMatch(/missing required argument 'id'/);
    expect(cli.runs).toEqual([]);
  });
});
