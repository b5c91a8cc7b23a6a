import type { Command } from 'commander';
import { formatExplanation } from '#vigie/access';
import { UsageError } from '#vigie/common';
import { DEMO_EXPLAIN_EXAMPLE } from '../demo/demo-examples.js';
import { type GlobalOptions, configFor } from '../global-options.js';
import { withVigie } from '../with-vigie.js';

export function registerExplainCommand(program: Command): void {
  program
    .command('explain <identity> <resource>')
    .description('how an identity reaches a resource of the policy: every path from its accounts to the granting groups, or that it does not')
    .option('-d, --directory <name>', 'the synchronised directory, when the login exists in several')
    .option('-f, --format <format>', 'text or json', 'text')
    .option('-p, --policies <dir>', 'policy directory (default: policy.dir from the configuration)')
    .addHelpText(
      'after',
      `\n<identity> is a login (sAMAccountName or uid), an employee id or a DN; <resource> a resource id of the policy.\nExample (on the demo company of npm start): vigie explain ${DEMO_EXPLAIN_EXAMPLE}`,
    )
    .action(async (identity: string, resource: string, opts: { directory?: string; format: string; policies?: string }, cmd: Command) => {
      if (opts.format !== 'text' && opts.format !== 'json') throw new UsageError(`unknown format "${opts.format}": expected text or json`);
      const config = configFor(cmd.optsWithGlobals<GlobalOptions>(), opts.policies ? { policy: { dir: opts.policies } } : {});
      const view = await withVigie(config, (cli) => cli.run('explain-access', { identity, resource, directory: opts.directory }));
      process.stdout.write(opts.format === 'json' ? `${JSON.stringify(view, null, 2)}\n` : formatExplanation(view));
    });
}
