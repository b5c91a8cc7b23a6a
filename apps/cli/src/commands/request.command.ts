import { type Command, Option } from 'commander';
import { accessRequestView, catalogueEntryView, delegationView } from '#vigie/application';
import { UsageError } from '#vigie/common';
import { formatCatalogueTable, formatDelegation, formatRequest, formatRequestsTable } from '../requests/request-output.js';
import { type RequestCli, TERMINAL, print } from '../requests/request-cli.js';

const VIEWS = ['mine', 'to-decide', 'all'] as const;
type View = (typeof VIEWS)[number];

/** The most requests a page of the use case holds. */
const PAGE = 500;

interface ListOptions {
  view?: View;
  as?: string;
  status?: string;
  resource?: string;
  limit: string;
  json?: boolean;
}

/**
 * `vigie request …`: access requests from a terminal. The command line runs as the operator's shell, which is nobody
 * in the directory: `--as LOGIN` names the person who asks, withdraws or delegates, and their rights are checked as
 * the API checks a signed-in person's.
 */
export function registerRequestCommand(program: Command, cli: RequestCli = TERMINAL): void {
  const request = program
    .command('request')
    .description('access requests: what one may ask for, asking, following, withdrawing, revoking a grant, delegating approvals (see also: approve, reject)');
  const asPerson = (what: string) => new Option('--as <login>', `the login of the person who ${what} (sAMAccountName or uid)`).makeOptionMandatory();

  request
    .command('catalogue')
    .description('what a person may ask for: each resource and level, whether the policy allows it, who decides, for how long')
    .requiredOption('--for <login>', 'the beneficiary (sAMAccountName or uid)')
    .option('-d, --directory <name>', 'the directory, when the login exists in several')
    .option('--json', 'the catalogue as the API answers it')
    .action(async (opts: { for: string; directory?: string; json?: boolean }, cmd: Command) => {
      const entries = await cli.withVigie(cmd, (v) => v.run('access-catalogue', { for: opts.for, directory: opts.directory }));
      const views = entries.map(catalogueEntryView);
      print(cli, opts.json, { entries: views }, () => formatCatalogueTable(views));
    });

  request
    .command('create')
    .description('ask for access to a resource at a level, for oneself or (a manager) for someone else')
    .requiredOption('--resource <id>', 'a resource id of the policy, or group:<name> for a requestable group')
    .requiredOption('--level <level>', 'read, write, admin, local-admin; member for a group')
    .requiredOption('--justification <text>', 'why (at least 10 characters: the approvers read it)')
    .addOption(new Option('--days <n>', "length of the grant in days (default: the policy's)").conflicts('permanent'))
    .addOption(new Option('--permanent', 'permanent access (only where the policy allows it)').conflicts('days'))
    .option('--for <login>', 'the beneficiary, when not the person asking')
    .option('-d, --directory <name>', 'the directory, when a login exists in several')
    .addOption(asPerson('asks'))
    .option('--json', 'the request as the API answers it')
    .action(async (opts: CreateOptions, cmd: Command) => {
      const created = await cli.withVigie(cmd, (v) => v.run('create-access-request', createInput(opts)));
      cli.err(`access request ${created.id} created\n`);
      const view = accessRequestView(created);
      print(cli, opts.json, view, () => formatRequest(view));
    });

  request
    .command('list')
    .description("access requests, newest first: the table shows the request's expiry and the grant's end apart")
    .addOption(new Option('--view <view>', 'mine: made by or for --as; to-decide: waiting for --as; all (default: mine with --as, else all)').choices(VIEWS))
    .option('--as <login>', 'whose requests (--view mine) or decisions (--view to-decide)')
    .option('--status <list>', 'pending, approved, rejected, expired, cancelled (comma-separated)')
    .option('--resource <id>', 'one resource id (or group:<name>)')
    .option('--limit <n>', 'at most this many requests', '100')
    .option('--json', 'the requests as the API answers them')
    .action(async (opts: ListOptions, cmd: Command) => {
      const { limit, input } = listInput(opts);
      const { requests, nextCursor } = await cli.withVigie(cmd, async (v) => {
        const found: ReturnType<typeof accessRequestView>[] = [];
        let cursor: string | undefined;
        do {
          const page = await v.run('list-access-requests', { ...input, limit: Math.min(PAGE, limit - found.length), cursor });
          found.push(...page.items.map(accessRequestView));
          cursor = page.nextCursor ?? undefined;
        } while (cursor && found.length < limit);
        return { requests: found, nextCursor: cursor ?? null };
      });
      print(cli, opts.json, { requests, nextCursor }, () => formatRequestsTable(requests, nextCursor !== null));
    });

  request
    .command('show <id>')
    .description('one request: its approval chain with each decision, who decides now, its expiry and its grant')
    .option('--json', 'the request as the API answers it')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      const view = accessRequestView(await cli.withVigie(cmd, (v) => v.run('show-access-request', { id })));
      print(cli, opts.json, view, () => formatRequest(view));
    });

  request
    .command('cancel <id>')
    .description('withdraw a pending request (its requester)')
    .addOption(asPerson('asked'))
    .option('--json', 'the request as the API answers it')
    .action(async (id: string, opts: { as: string; json?: boolean }, cmd: Command) => {
      const view = accessRequestView(await cli.withVigie(cmd, (v) => v.run('cancel-access-request', { id, as: opts.as })));
      print(cli, opts.json, view, () => formatRequest(view));
    });

  request
    .command('revoke <id>')
    .description("end a grant before its time (a security officer, or the resource's owner): the membership is removed from the directory")
    .requiredOption('--reason <text>', 'why (at least 10 characters, kept in the trail)')
    .option('--as <login>', "the login of the owner who revokes (without it, the operator's shell revokes, as the system)")
    .option('--json', 'the request as the API answers it')
    .action(async (id: string, opts: { reason: string; as?: string; json?: boolean }, cmd: Command) => {
      const view = accessRequestView(await cli.withVigie(cmd, (v) => v.run('revoke-access-grant', { id, reason: opts.reason, as: opts.as })));
      print(cli, opts.json, view, () => formatRequest(view));
    });

  request
    .command('delegate')
    .description('name a deputy who decides for an approver for a period (at most 90 days)')
    .requiredOption('--deputy <login>', 'who decides meanwhile')
    .requiredOption('--until <date>', 'last day, YYYY-MM-DD (included, UTC), or an ISO 8601 date and time')
    .option('--from <date>', 'first day (default: now)')
    .addOption(asPerson('delegates their approvals'))
    .option('--json', 'the delegation as the API answers it')
    .action(async (opts: { deputy: string; until: string; from?: string; as: string; json?: boolean }, cmd: Command) => {
      const delegation = await cli.withVigie(cmd, (v) => v.run('delegate-approvals', { deputy: opts.deputy, until: opts.until, from: opts.from, as: opts.as }));
      const view = delegationView(delegation);
      print(cli, opts.json, view, () => formatDelegation(view));
    });
}

interface CreateOptions {
  resource: string;
  level: string;
  justification: string;
  days?: string;
  permanent?: boolean;
  for?: string;
  directory?: string;
  as: string;
  json?: boolean;
}

/** The use case's input from `request create`'s options: --days as given (the use case checks it), --permanent as true. */
export function createInput(opts: CreateOptions) {
  return {
    resource: opts.resource,
    level: opts.level,
    justification: opts.justification,
    days: opts.days,
    permanent: opts.permanent ? true : undefined,
    for: opts.for,
    directory: opts.directory,
    as: opts.as,
  };
}

/** `request list`'s options as the use case's input, and how many requests to fetch at most. */
export function listInput(opts: ListOptions): { limit: number; input: { view: View; as?: string; status?: string; resource?: string } } {
  const view = opts.view ?? (opts.as ? 'mine' : 'all');
  if (view !== 'all' && !opts.as) throw new UsageError(`--view ${view} needs --as <login>: whose ${view === 'mine' ? 'requests' : 'decisions'}`);
  if (view === 'all' && opts.as) throw new UsageError('--as names whose view --view mine or to-decide is; --view all lists every request');
  const limit = Number(opts.limit);
  if (!/^\d+$/.test(opts.limit) || limit < 1) throw new UsageError(`invalid --limit "${opts.limit}": expected a whole number of requests, 1 or more`);
  return { limit, input: { view, as: opts.as, status: opts.status, resource: opts.resource } };
}
