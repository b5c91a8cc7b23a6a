import type { Command } from 'commander';
import { type HrEventView, hrEventView } from '#vigie/application';
import { type RequestCli, TERMINAL, print } from '../requests/request-cli.js';

/** The most events a page of the use case holds. */
const PAGE = 500;

interface EventsOptions {
  status?: string;
  employee?: string;
  limit: string;
  json?: boolean;
}

/** `vigie hr …`: the events the HR system sent, their status and the dead-letter list; replaying a dead one. */
export function registerHrCommand(program: Command, cli: RequestCli = TERMINAL): void {
  const hr = program
    .command('hr')
    .description('HR events (hire, update, move, leave, cancel): what the HR system sent, what became of it, replaying a dead one');

  hr.command('events')
    .description('HR events, newest received first, with their status and last error; --status dead is the dead-letter list')
    .option('--status <list>', 'pending, retrying, done, dead, cancelled (comma-separated)')
    .option('--employee <id>', "one person's events (their employee id)")
    .option('--limit <n>', 'at most this many events', '100')
    .option('--json', 'the events as the API answers them')
    .action(async (opts: EventsOptions, cmd: Command) => {
      const limit = Number(opts.limit);
      const { items, nextCursor } = await cli.withVigie(cmd, async (v) => {
        const found: HrEventView[] = [];
        let cursor: string | undefined;
        do {
          // The use case checks the limit (and says what is wrong with it): passed as given on the first page.
          const want = found.length ? Math.min(PAGE, limit - found.length) : Number.isInteger(limit) && limit > 0 ? Math.min(PAGE, limit) : opts.limit;
          const page = await v.run('list-hr-events', { status: opts.status, employeeId: opts.employee, limit: want, cursor });
          found.push(...page.items.map(hrEventView));
          cursor = page.nextCursor ?? undefined;
        } while (cursor && found.length < limit);
        return { items: found, nextCursor: cursor ?? null };
      });
      print(cli, opts.json, { items, nextCursor }, () => formatEvents(items, nextCursor !== null));
    });

  hr.command('replay <id>')
    .description('give a dead (or retrying) event a new start once its cause is fixed: pending again, its tries from zero')
    .option('--json', 'the event as the API answers it')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      const view = hrEventView(await cli.withVigie(cmd, (v) => v.run('replay-hr-event', { id })));
      cli.err(`HR event ${view.id} (${view.source} ${view.eventId}) is pending again\n`);
      print(cli, opts.json, view, () => formatEvents([view], false));
    });
}

/** One line per event: when it came, what it is, where it stands, and why it failed last. */
export function formatEvents(events: HrEventView[], more: boolean): string {
  if (!events.length) return 'no HR event\n';
  const rows = events.map((e) => [
    e.id,
    e.receivedAt.slice(0, 16) + 'Z',
    e.type,
    e.status,
    `effective ${e.effectiveAt.slice(0, 16)}Z`,
    e.person.employeeId,
    `${e.source}:${e.eventId}`,
    `tries ${e.attempts}`,
    e.lastError ? `${e.lastError.kind ? `${e.lastError.kind}: ` : ''}${e.lastError.message}` : '',
  ]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
  return `${lines.join('\n')}\n${more ? 'more events: raise --limit, or filter with --status or --employee\n' : ''}`;
}
