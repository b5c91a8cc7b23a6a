import type { Command } from 'commander';
import { VigieError } from '#vigie/common';
import { type GlobalOptions, configFor } from '../global-options.js';
import { readSecret } from '../read-secret.js';
import { withVigie } from '../with-vigie.js';

export function registerAuthCommand(program: Command): void {
  const auth = program.command('auth').description("staff sign-in: the break-glass administrator's password hash");
  auth
    .command('hash-password')
    .description(
      'print the argon2id hash of the break-glass password, for VIGIE_AUTH_BREAK_GLASS_HASH or auth.breakGlass.passwordHashFile; ' +
        'the password is asked at the terminal (twice, not echoed) or read from standard input, never from the command line',
    )
    .action(async (_opts: unknown, cmd: Command) => {
      const password = await readSecret('break-glass password: ', { confirm: 'again: ' });
      if (password === null) throw new VigieError('usage', 'the two passwords differ: nothing was hashed, run the command again');
      const { hash } = await withVigie(configFor(cmd.optsWithGlobals<GlobalOptions>()), (cli) => cli.run('hash-password', { password }));
      process.stdout.write(`${hash}\n`);
    });
}
