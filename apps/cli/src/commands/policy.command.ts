import type { Command } from 'commander';
import { formatPolicyTestReport, isFullyCovered, loadPolicy, runPolicyTests } from '#vigie/policy';
import { type GlobalOptions, configFor } from '../global-options.js';
import { fragmentFindingsOracle } from '../policy/fragment-findings.oracle.js';
import { UsageError } from '../run-main.js';

const TEST_FORMATS = ['text', 'json'] as const;

export function registerPolicyCommand(program: Command): void {
  const policy = program.command('policy').description('work with the security policy files');
  const policyDir = (opts: { policies?: string }, cmd: Command) => opts.policies ?? configFor(cmd.optsWithGlobals<GlobalOptions>()).policy.dir;

  policy
    .command('validate')
    .description('check every policy file; report each error with file, line and what is expected')
    .option('-p, --policies <dir>', 'policy directory (default: policy.dir from the configuration)')
    .action(async (opts: { policies?: string }, cmd: Command) => {
      const dir = policyDir(opts, cmd);
      const p = await loadPolicy(dir);
      process.stdout.write(`${dir}: valid (${p.files.length} files, ${p.resources.length} resources, ${p.accessRules.length} access rules), version ${p.version.slice(0, 12)}\n`);
    });

  policy
    .command('test')
    .description('run the *_test.yaml suites kept beside the policy: expected decisions and expected findings')
    .option('-p, --policies <dir>', 'policy directory (default: policy.dir from the configuration)')
    .option('-f, --format <format>', `output format: ${TEST_FORMATS.join(' or ')}`, 'text')
    .option('--require-coverage', 'also fail unless every access rule has an allowed and a denied test, and every SoD rule a findings test')
    .action(async (opts: { policies?: string; format: string; requireCoverage?: boolean }, cmd: Command) => {
      if (!(TEST_FORMATS as readonly string[]).includes(opts.format)) throw new UsageError(`unknown format "${opts.format}": expected ${TEST_FORMATS.join(' or ')}`);
      const dir = policyDir(opts, cmd);
      const report = await runPolicyTests(dir, { oracle: fragmentFindingsOracle });
      process.stdout.write(opts.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatPolicyTestReport(report));
      const tests = report.passed + report.failed;
      if (tests === 0 && report.errors.length === 0) process.stderr.write(`vigie: no *_test.yaml suite in ${dir}: nothing was tested\n`);
      else if (opts.requireCoverage && !isFullyCovered(report)) process.stderr.write('vigie: some rules have no test (see the coverage above)\n');
      const failed = report.failed > 0 || report.errors.length > 0 || tests === 0 || (opts.requireCoverage && !isFullyCovered(report));
      if (failed) process.exitCode = 1;
    });
}
