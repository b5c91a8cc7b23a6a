import type { Command } from 'commander';
import { ApiTokenService, STAFF_ROLES } from '#vigie/access-control';
import { withCliContext } from '../cli-context.js';
import { type GlobalOptions, configFor } from '../global-options.js';
import { UsageError } from '../run-main.js';

export function registerTokenCommand(program: Command): void {
  const token = program.command('token').description('manage API tokens (stored hashed; a token is shown once)');
  token
    .command('create')
    .description('create an API token and print it')
    .requiredOption('-r, --role <role>', `role of the token: ${STAFF_ROLES.join(', ')}`)
    .option('-n, --name <name>', 'a label to recognise the token by', 'cli')
    .option('--expires-in-days <days>', 'expiry in days (default: never)')
    .action(async (opts: { role: string; name: string; expiresInDays?: string }, cmd: Command) => {
      const days = opts.expiresInDays === undefined ? undefined : Number(opts.expiresInDays);
      if (days !== undefined && !(Number.isInteger(days) && days > 0)) throw new UsageError('--expires-in-days expects a positive whole number');
      await withCliContext(configFor(cmd.optsWithGlobals<GlobalOptions>()), async (ctx) => {
        const { token: secret, record } = await ctx.get(ApiTokenService).create({ name: opts.name, role: opts.role, expiresInDays: days });
        process.stderr.write(`token ${record.id} (${record.role}, "${record.name}") created; it will not be shown again:\n`);
        process.stdout.write(`${secret}\n`);
      });
    });
  token
    .command('list')
    .description('list tokens (never their secret)')
    .action(async (_opts: unknown, cmd: Command) => {
      await withCliContext(configFor(cmd.optsWithGlobals<GlobalOptions>()), async (ctx) => {
        for (const t of await ctx.get(ApiTokenService).list()) {
          const state = t.revokedAt ? 'revoked' : t.expiresAt && t.expiresAt < new Date() ? 'expired' : 'active';
          process.stdout.write(`${t.id}  ${t.role.padEnd(16)}  ${state.padEnd(7)}  ${t.createdAt.toISOString()}  ${t.name}\n`);
        }
      });
    });
  token
    .command('revoke <id>')
    .description('revoke a token by its id')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw new UsageError(`"${id}" is not a token id: see \`vigie token list\``);
      await withCliContext(configFor(cmd.optsWithGlobals<GlobalOptions>()), async (ctx) => {
        if (!(await ctx.get(ApiTokenService).revoke(id))) throw new UsageError(`no active token with id ${id}`);
        process.stdout.write(`token ${id} revoked\n`);
      });
    });
}
