import type { Command } from 'commander';
import { TOKEN_ROLES } from '#vigie/access-control';
import { type GlobalOptions, configFor } from '../global-options.js';
import { withVigie } from '../with-vigie.js';

export function registerTokenCommand(program: Command): void {
  const token = program.command('token').description('manage API tokens (stored hashed; a token is shown once)');
  token
    .command('create')
    .description('create an API token and print it')
    .requiredOption('-r, --role <role>', `role of the token: ${TOKEN_ROLES.join(', ')} (approver and employee are people's roles, given at sign-in)`)
    .option('-n, --name <name>', 'a label to recognise the token by', 'cli')
    .option('--expires-in-days <days>', 'expiry in days (default: never)')
    .action(async (opts: { role: string; name: string; expiresInDays?: string }, cmd: Command) => {
      const { token: secret, record } = await withVigie(configFor(cmd.optsWithGlobals<GlobalOptions>()), (cli) =>
        cli.run('create-token', { name: opts.name, role: opts.role, expiresInDays: opts.expiresInDays }),
      );
      process.stderr.write(`token ${record.id} (${record.role}, "${record.name}") created; it will not be shown again:\n`);
      process.stdout.write(`${secret}\n`);
    });
  token
    .command('list')
    .description('list tokens (never their secret)')
    .action(async (_opts: unknown, cmd: Command) => {
      const tokens = await withVigie(configFor(cmd.optsWithGlobals<GlobalOptions>()), (cli) => cli.run('list-tokens', {}));
      for (const t of tokens) {
        const state = t.revokedAt ? 'revoked' : t.expiresAt && t.expiresAt < new Date() ? 'expired' : 'active';
        process.stdout.write(`${t.id}  ${t.role.padEnd(16)}  ${state.padEnd(7)}  ${t.createdAt.toISOString()}  ${t.name}\n`);
      }
    });
  token
    .command('revoke <id>')
    .description('revoke a token by its id')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      await withVigie(configFor(cmd.optsWithGlobals<GlobalOptions>()), (cli) => cli.run('revoke-token', { id }));
      process.stdout.write(`token ${id} revoked\n`);
    });
}
