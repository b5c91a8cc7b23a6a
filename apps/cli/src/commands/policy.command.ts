import type { Command } from 'commander';
import { loadPolicy } from '#vigie/policy';
import { type GlobalOptions, configFor } from '../global-options.js';

export function registerPolicyCommand(program: Command): void {
  const policy = program.command('policy').description('work with the security policy files');
  policy
    .command('validate')
    .description('check every policy file; report each error with file, line and what is expected')
    .option('-p, --policies <dir>', 'policy directory (default: policy.dir from the configuration)')
    .action(async (opts: { policies?: string }, cmd: Command) => {
      const dir = opts.policies ?? configFor(cmd.optsWithGlobals<GlobalOptions>()).policy.dir;
      const p = await loadPolicy(dir);
      process.stdout.write(`${dir}: valid (${p.files.length} files, ${p.resources.length} resources, ${p.accessRules.length} access rules), version ${p.version.slice(0, 12)}\n`);
    });
}
