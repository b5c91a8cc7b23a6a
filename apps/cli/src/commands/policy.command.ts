import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { formatPolicySimulation } from '#vigie/application';
import { UsageError } from '#vigie/common';
import { formatPolicyIssue, formatPolicyTestReport, shortPolicyVersion } from '#vigie/policy';
import { type GlobalOptions, configFor } from '../global-options.js';
import { outputFileError } from '../output-file.js';
import { withVigie } from '../with-vigie.js';

const TEST_FORMATS = ['text', 'json'] as const;
const SIMULATE_FORMATS = ['table', 'json'] as const;

export function registerPolicyCommand(program: Command): void {
  const policy = program.command('policy').description('work with the security policy files');

  policy
    .command('validate')
    .description('check every policy file, and the group names against the directory; report each error with file, line and what is expected')
    .option('-p, --policies <dir>', 'policy directory (default: policy.dir from the configuration)')
    .option(
      '-d, --directory <name|file.ldif>',
      'check group names against this synchronised directory, or an LDIF export (default: every synchronised directory)',
    )
    .option('--offline', 'check the files only, without the directory (no database)')
    .action(async (opts: { policies?: string; directory?: string; offline?: boolean }, cmd: Command) => {
      const {
        dir,
        policy: p,
        groupNames,
        warnings,
      } = await withVigie(configFor(cmd.optsWithGlobals<GlobalOptions>()), (cli) =>
        cli.run('validate-policy', { policies: opts.policies, directory: opts.directory, offline: !!opts.offline }),
      );
      const sod = p.sodRules.length ? `, ${p.sodRules.length} SoD rules` : '';
      process.stdout.write(
        `${dir}: valid (${p.files.length} files, ${p.resources.length} resources, ${p.accessRules.length} access rules)${sod}, version ${p.version.slice(0, 12)}\n`,
      );
      process.stdout.write(`  group names: ${groupNames}\n`);
      // Valid, so exit 0; but each line says where the policy and the directory disagree, in the file:line form of errors.
      for (const warning of warnings) process.stderr.write(`warning: ${formatPolicyIssue(warning)}\n`);
    });

  policy
    .command('status')
    .description('the policy in force: the directory, the last valid version stored for the service, the last failed load')
    .action(async (_opts: unknown, cmd: Command) => {
      const { dir, local, lastValid, lastFailure } = await withVigie(configFor(cmd.optsWithGlobals<GlobalOptions>()), (cli) => cli.run('policy-status', {}));
      const state = local.valid
        ? `valid, version ${shortPolicyVersion(local.version)}`
        : `INVALID (${local.problems} problem${local.problems > 1 ? 's' : ''}; run \`vigie policy validate\`)`;
      const lines = [`policy directory   ${dir}: ${state}`];
      lines.push(
        lastValid
          ? `last valid stored  ${shortPolicyVersion(lastValid.version)} from ${lastValid.source}, last loaded ${lastValid.lastValidAt.toISOString()} (first ${lastValid.firstStoredAt.toISOString()})`
          : 'last valid stored  none yet: the service stores the policy each time it loads it valid',
      );
      if (lastFailure) {
        const used = lastFailure.fallbackVersion
          ? `audited with ${shortPolicyVersion(lastFailure.fallbackVersion)}`
          : 'nothing to fall back on: the audit failed';
        lines.push(`last failed load   ${lastFailure.at.toISOString()} ${lastFailure.source}: ${lastFailure.errors.length} problem(s), ${used}`);
        for (const line of lastFailure.message.split('\n').slice(0, 20)) lines.push(`  ${line.trim()}`);
      } else {
        lines.push('last failed load   none');
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    });

  policy
    .command('test')
    .description('run the *_test.yaml suites kept beside the policy: expected decisions and expected findings')
    .option('-p, --policies <dir>', 'policy directory (default: policy.dir from the configuration)')
    .option('-f, --format <format>', `output format: ${TEST_FORMATS.join(' or ')}`, 'text')
    .option('--require-coverage', 'also fail unless every access rule has an allowed and a denied test, and every SoD rule a findings test')
    .action(async (opts: { policies?: string; format: string; requireCoverage?: boolean }, cmd: Command) => {
      if (!(TEST_FORMATS as readonly string[]).includes(opts.format))
        throw new UsageError(`unknown format "${opts.format}": expected ${TEST_FORMATS.join(' or ')}`);
      const { report, passed, note } = await withVigie(configFor(cmd.optsWithGlobals<GlobalOptions>()), (cli) =>
        cli.run('test-policy', { policies: opts.policies, requireCoverage: !!opts.requireCoverage }),
      );
      process.stdout.write(opts.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatPolicyTestReport(report));
      if (note) process.stderr.write(`vigie: ${note}\n`);
      if (!passed) process.exitCode = 1;
    });

  policy
    .command('simulate')
    .description('what-if before merging a policy change: findings that would appear or disappear, access that would change compliance')
    .requiredOption(
      '-p, --policies <dir|git-ref>',
      'the candidate policy: a directory, or a git ref (branch, tag, commit) of the repository holding the policy directory',
    )
    .option('--base <dir|git-ref>', 'the policy to compare with (default: policy.dir from the configuration)')
    .option('-d, --directory <name|file.ldif>', 'simulate on one synchronised directory, or offline on an LDIF export (no database)')
    .option('--hr <file>', 'HR roster (CSV or JSON) for G-LEAVER, G-ORPHAN and G-MOVER (default: hr.rosterFile)')
    .option('-f, --format <format>', `output format: ${SIMULATE_FORMATS.join(' or ')}`, 'table')
    .option('-o, --output <file>', 'write the result to a file instead of standard output')
    .action(async (opts: { policies: string; base?: string; directory?: string; hr?: string; format: string; output?: string }, cmd: Command) => {
      if (!(SIMULATE_FORMATS as readonly string[]).includes(opts.format))
        throw new UsageError(`unknown format "${opts.format}": expected ${SIMULATE_FORMATS.join(' or ')}`);
      const simulation = await withVigie(configFor(cmd.optsWithGlobals<GlobalOptions>()), (cli) =>
        cli.run('simulate-policy', { policies: opts.policies, base: opts.base, directory: opts.directory, hr: opts.hr }),
      );
      const text = opts.format === 'json' ? `${JSON.stringify(simulation, null, 2)}\n` : await formatPolicySimulation(simulation);
      if (opts.output) {
        const output = opts.output;
        await writeFile(output, text).catch((err: unknown) => {
          throw outputFileError(output, err);
        });
        const { appeared, disappeared } = simulation.findings;
        process.stderr.write(`${appeared.length} findings would appear, ${disappeared.length} disappear; written to ${opts.output}\n`);
      } else {
        process.stdout.write(text);
      }
    });
}
