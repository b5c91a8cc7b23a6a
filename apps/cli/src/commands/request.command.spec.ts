import type { Command } from 'commander';
import { UsageError } from '#vigie/common';
import { aDelegation, aPersonRef, anAccessRequest } from '#vigie/requests/testing';
import { RecordingCli, parse } from '../testing/recording-cli.js';
import { registerRequestCommand } from './request.command.js';

const ID = '5b0c3e2a-8d4f-4c1e-9a7b-2f6d1e0c9a11';

function commandLine(answers: Record<string, (input: unknown) => unknown> = {}) {
  const request = anAccessRequest({ id: ID });
  const cli = new RecordingCli({
    'access-catalogue': () => [],
    'create-access-request': () => request,
    'show-access-request': () => request,
    'cancel-access-request': () => ({ ...request, status: 'cancelled', currentStage: null, closedAt: new Date('2026-12-02T00:00:00Z') }),
    'revoke-access-grant': () => request,
    'list-access-requests': () => ({ items: [request], nextCursor: null }),
    'delegate-approvals': () => aDelegation(aPersonRef('mark'), aPersonRef('lea'), new Date('2026-12-20T00:00:00Z'), new Date('2027-01-04T23:59:59.999Z')),
    ...answers,
  });
  return { cli, run: (...args: string[]) => parse((program: Command) => registerRequestCommand(program, cli), ['request', ...args]) };
}

describe('vigie request create', () => {
  it('asks as the person --as names, for the days given', async () => {
    const { cli, run } = commandLine();
    const refused = await run(
      'create',
      '--resource',
      'share-finance',
      '--level',
      'read',
      '--justification',
      'year-end closing',
      '--days',
      '10',
      '--as',
      'erin',
    );
    expect(refused).toBeUndefined();
    expect(cli.runs).toEqual([
      [
        'create-access-request',
        {
          resource: 'share-finance',
          level: 'read',
          justification: 'year-end closing',
          days: '10',
          permanent: undefined,
          for: undefined,
          directory: undefined,
          as: 'erin',
        },
      ],
    ]);
    expect(cli.stderr).toBe(`access request ${ID} created\n`);
    expect(cli.stdout).toMatch(/request expires {2}2026-12-15T09:00Z/);
  });

  it('asks for permanent access for someone else with --permanent and --for', async () => {
    const { cli, run } = commandLine();
    await run(
      'create',
      '--resource',
      'group:vpn',
      '--level',
      'member',
      '--justification',
      'on call this winter',
      '--permanent',
      '--for',
      'erin',
      '--as',
      'mark',
    );
    expect(cli.runs[0]![1]).toMatchObject({ permanent: true, days: undefined, for: 'erin', as: 'mark' });
  });

  it('refuses --days with --permanent, and a request with nobody named by --as, before running anything', async () => {
    const { cli, run } = commandLine();
    const both = await run('create', '--resource', 'r', '--level', 'read', '--justification', 'long enough text', '--days', '5', '--permanent', '--as', 'erin');
    expect(both).toMatch(/option '--days <n>' cannot be used with option '--permanent'/);
    const nobody = await run('create', '--resource', 'r', '--level', 'read', '--justification', 'long enough text');
    expect(nobody).toMatch(/required option '--as <login>' not specified/);
    expect(cli.runs).toEqual([]);
  });

  it('prints the request as the API answers it with --json', async () => {
    const { cli, run } = commandLine();
    await run('create', '--resource', 'r', '--level', 'read', '--justification', 'long enough text', '--as', 'erin', '--json');
    const printed = JSON.parse(cli.stdout);
    expect(printed).toMatchObject({ id: ID, status: 'pending', requestExpiresAt: '2026-12-15T09:00:00.000Z', grant: null });
    expect(printed).not.toHaveProperty('decideBy');
  });
});

describe('vigie request list', () => {
  it('lists every request by default, with the two expiries as two columns', async () => {
    const { cli, run } = commandLine();
    await run('list');
    expect(cli.runs).toEqual([['list-access-requests', { view: 'all', as: undefined, status: undefined, resource: undefined, limit: 100, cursor: undefined }]]);
    const [header, line] = cli.stdout.split('\n');
    expect(header!.split(/\s{2,}/)).toEqual(['ID', 'STATUS', 'BENEFICIARY', 'RESOURCE', 'LEVEL', 'WAITING ON', 'REQUEST EXPIRES', 'GRANT ENDS', 'GRANT']);
    expect(line!.split(/\s{2,}/)).toEqual([ID, 'pending', 'erin', 'group:finance', 'member', '1/2 manager', '2026-12-15T09:00Z', '30 days (asked)', '-']);
  });

  it('passes --view, --as, --status and --resource on, and follows the cursor up to --limit', async () => {
    const pages = [
      { items: [anAccessRequest(), anAccessRequest()], nextCursor: 'c1' },
      { items: [anAccessRequest()], nextCursor: 'c2' },
    ];
    const { cli, run } = commandLine({ 'list-access-requests': () => pages.shift() });
    await run('list', '--view', 'to-decide', '--as', 'mark', '--status', 'pending,approved', '--resource', 'group:finance', '--limit', '3', '--json');
    expect(cli.runs.map(([, input]) => input)).toEqual([
      { view: 'to-decide', as: 'mark', status: 'pending,approved', resource: 'group:finance', limit: 3, cursor: undefined },
      { view: 'to-decide', as: 'mark', status: 'pending,approved', resource: 'group:finance', limit: 1, cursor: 'c1' },
    ]);
    const printed = JSON.parse(cli.stdout);
    expect([printed.requests.length, printed.nextCursor]).toEqual([3, 'c2']);
  });

  it('lists the requests made by or for the person --as names, when no view is given', async () => {
    const { cli, run } = commandLine();
    await run('list', '--as', 'erin');
    expect(cli.runs[0]![1]).toMatchObject({ view: 'mine', as: 'erin' });
  });

  it('refuses --view mine or to-decide without --as, --view all with --as, and a view it does not know', async () => {
    const { cli, run } = commandLine();
    await expect(run('list', '--view', 'mine')).rejects.toThrow(new UsageError('--view mine needs --as <login>: whose requests'));
    await expect(run('list', '--view', 'all', '--as', 'erin')).rejects.toThrow(UsageError);
    expect(await run('list', '--view', 'everything')).toMatch(/argument 'everything' is invalid. Allowed choices are mine, to-decide, all/);
    await expect(run('list', '--limit', 'lots')).rejects.toThrow(UsageError);
    expect(cli.runs).toEqual([]);
  });
});

describe('vigie request catalogue, show, cancel, revoke, delegate', () => {
  it('needs --for for the catalogue, and passes the directory on', async () => {
    const { cli, run } = commandLine();
    expect(await run('catalogue')).toMatch(/required option '--for <login>' not specified/);
    await run('catalogue', '--for', 'erin', '--directory', 'corp');
    expect(cli.runs).toEqual([['access-catalogue', { for: 'erin', directory: 'corp' }]]);
    expect(cli.stdout).toMatch(/^Nothing to ask for/);
  });

  it('shows, cancels as the requester, and revokes with a reason (as a person or as the system)', async () => {
    const { cli, run } = commandLine();
    await run('show', ID);
    await run('cancel', ID, '--as', 'erin');
    await run('revoke', ID, '--reason', 'left the finance team');
    await run('revoke', ID, '--reason', 'left the finance team', '--as', 'olga');
    expect(cli.runs).toEqual([
      ['show-access-request', { id: ID }],
      ['cancel-access-request', { id: ID, as: 'erin' }],
      ['revoke-access-grant', { id: ID, reason: 'left the finance team', as: undefined }],
      ['revoke-access-grant', { id: ID, reason: 'left the finance team', as: 'olga' }],
    ]);
    expect(await run('cancel', ID)).toMatch(/required option '--as <login>' not specified/);
    expect(await run('revoke', ID)).toMatch(/required option '--reason <text>' not specified/);
  });

  it('delegates the approvals of the person --as names until a date', async () => {
    const { cli, run } = commandLine();
    await run('delegate', '--deputy', 'lea', '--until', '2027-01-04', '--as', 'mark');
    expect(cli.runs).toEqual([['delegate-approvals', { deputy: 'lea', until: '2027-01-04', from: undefined, as: 'mark' }]]);
    expect(cli.stdout).toMatch(/lea \[corp\] decides for corp:uid=mark,ou=people,dc=acme,dc=test from 2026-12-20T00:00Z until 2027-01-04T23:59Z/);
  });
});
