import { existsSync } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { VigieConfig } from '#vigie/config';
import { rdnValue } from '#vigie/directory';
import { readRosterFile } from '#vigie/hr';
import { type DirectorySnapshot, SnapshotStore } from '#vigie/identity';
import {
  formatPolicyTestReport,
  isFullyCovered,
  type KnownGroups,
  loadPolicy,
  loadPolicySpec,
  PolicyStore,
  PolicyValidationError,
  runPolicyTests,
  shortPolicyVersion,
} from '#vigie/policy';
import { withCliContext } from '../cli-context.js';
import { type GlobalOptions, configFor } from '../global-options.js';
import { fragmentFindingsOracle } from '../policy/fragment-findings.oracle.js';
import { snapshotFromLdif } from '../policy/ldif-snapshot.js';
import { simulatePolicyChange } from '../policy/policy-simulation.js';
import { formatPolicySimulation } from '../policy/policy-simulation.formatter.js';
import { UsageError } from '../run-main.js';

const TEST_FORMATS = ['text', 'json'] as const;
const SIMULATE_FORMATS = ['table', 'json'] as const;

export class NothingToSimulateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NothingToSimulateError';
  }
}

export function registerPolicyCommand(program: Command): void {
  const policy = program.command('policy').description('work with the security policy files');
  const policyDir = (opts: { policies?: string }, cmd: Command) => opts.policies ?? configFor(cmd.optsWithGlobals<GlobalOptions>()).policy.dir;

  policy
    .command('validate')
    .description('check every policy file, and the group names against the directory; report each error with file, line and what is expected')
    .option('-p, --policies <dir>', 'policy directory (default: policy.dir from the configuration)')
    .option('-d, --directory <name|file.ldif>', 'check group names against this synchronised directory, or an LDIF export (default: every synchronised directory)')
    .option('--offline', 'check the files only, without the directory (no database)')
    .action(async (opts: { policies?: string; directory?: string; offline?: boolean }, cmd: Command) => {
      const config = configFor(cmd.optsWithGlobals<GlobalOptions>());
      const dir = opts.policies ?? config.policy.dir;
      const directory = opts.offline ? { note: 'not checked (--offline)' } : await directoryGroups(config, opts.directory);
      const p = await loadPolicy(dir, directory.known ? { knownGroups: directory.known } : {}).catch((error: unknown) => {
        if (!(error instanceof PolicyValidationError)) throw error;
        const count = error.errors.length;
        throw new PolicyValidationError(error.errors, `${dir} is invalid (${count} problem${count > 1 ? 's' : ''}; group names ${directory.note}):`);
      });
      const sod = p.sodRules.length ? `, ${p.sodRules.length} SoD rules` : '';
      process.stdout.write(`${dir}: valid (${p.files.length} files, ${p.resources.length} resources, ${p.accessRules.length} access rules)${sod}, version ${p.version.slice(0, 12)}\n`);
      process.stdout.write(`  group names: ${directory.note}\n`);
    });

  policy
    .command('status')
    .description('the policy in force: the directory, the last valid version stored for the service, the last failed load')
    .action(async (_opts: unknown, cmd: Command) => {
      const config = configFor(cmd.optsWithGlobals<GlobalOptions>());
      const dir = config.policy.dir;
      const local = await loadPolicy(dir).then(
        (p) => `valid, version ${shortPolicyVersion(p.version)}`,
        (error: unknown) => {
          if (!(error instanceof PolicyValidationError)) throw error;
          return `INVALID (${error.errors.length} problem${error.errors.length > 1 ? 's' : ''}; run \`vigie policy validate\`)`;
        },
      );
      const [stored, failure] = await withCliContext(config, async (ctx) => {
        const store = ctx.get(PolicyStore);
        return Promise.all([store.lastValid(), store.lastFailure()]);
      });
      const lines = [`policy directory   ${dir}: ${local}`];
      lines.push(
        stored
          ? `last valid stored  ${shortPolicyVersion(stored.version)} from ${stored.source}, last loaded ${stored.lastValidAt.toISOString()} (first ${stored.firstStoredAt.toISOString()})`
          : 'last valid stored  none yet: the service stores the policy each time it loads it valid',
      );
      if (failure) {
        const used = failure.fallbackVersion ? `audited with ${shortPolicyVersion(failure.fallbackVersion)}` : 'nothing to fall back on: the audit failed';
        lines.push(`last failed load   ${failure.at.toISOString()} ${failure.source}: ${failure.errors.length} problem(s), ${used}`);
        for (const line of failure.message.split('\n').slice(0, 20)) lines.push(`  ${line.trim()}`);
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

  policy
    .command('simulate')
    .description('what-if before merging a policy change: findings that would appear or disappear, access that would change compliance')
    .requiredOption('-p, --policies <dir|git-ref>', 'the candidate policy: a directory, or a git ref (branch, tag, commit) of the repository holding the policy directory')
    .option('--base <dir|git-ref>', 'the policy to compare with (default: policy.dir from the configuration)')
    .option('-d, --directory <name|file.ldif>', 'simulate on one synchronised directory, or offline on an LDIF export (no database)')
    .option('--hr <file>', 'HR roster (CSV or JSON) for G-LEAVER, G-ORPHAN and G-MOVER (default: hr.rosterFile)')
    .option('-f, --format <format>', `output format: ${SIMULATE_FORMATS.join(' or ')}`, 'table')
    .option('-o, --output <file>', 'write the result to a file instead of standard output')
    .action(async (opts: { policies: string; base?: string; directory?: string; hr?: string; format: string; output?: string }, cmd: Command) => {
      if (!(SIMULATE_FORMATS as readonly string[]).includes(opts.format)) throw new UsageError(`unknown format "${opts.format}": expected ${SIMULATE_FORMATS.join(' or ')}`);
      const config = configFor(cmd.optsWithGlobals<GlobalOptions>(), opts.hr ? { hr: { rosterFile: opts.hr } } : {});
      const baseSpec = opts.base ?? config.policy.dir;
      // Git refs are read from the repository of the base policy when it is a directory, else of the configured one.
      const repository = (await isDirectory(baseSpec)) ? baseSpec : config.policy.dir;
      const current = await loadPolicySpec(baseSpec, repository, 'the current policy');
      const candidate = await loadPolicySpec(opts.policies, repository, 'the candidate policy');
      const ldif = opts.directory !== undefined && (/\.ldif$/i.test(opts.directory) || (await isFile(opts.directory)));
      const snapshots = ldif
        ? [await snapshotFromLdif(opts.directory!)]
        : await withCliContext(config, async (ctx) => storedSnapshots(await ctx.get(SnapshotStore).load(), opts.directory));
      const hr = config.hr.rosterFile ? await readRosterFile(config.hr.rosterFile) : null;
      const simulation = simulatePolicyChange(snapshots, current, candidate, new Date(), hr);
      const text = opts.format === 'json' ? `${JSON.stringify(simulation, null, 2)}\n` : formatPolicySimulation(simulation);
      if (opts.output) {
        await writeFile(opts.output, text);
        const { appeared, disappeared } = simulation.findings;
        process.stderr.write(`${appeared.length} findings would appear, ${disappeared.length} disappear; written to ${opts.output}\n`);
      } else {
        process.stdout.write(text);
      }
    });
}

/**
 * The groups `validate` checks the policy's group names against: an LDIF export, or the synchronised directories when
 * a database exists (the configured PostgreSQL, or an embedded one already created). Never creates a database.
 */
async function directoryGroups(config: VigieConfig, directory?: string): Promise<{ known?: KnownGroups; note: string }> {
  const groupsOf = (snapshots: DirectorySnapshot[]) => new Set(snapshots.flatMap((s) => s.groups.flatMap((g) => [g.name, g.dn, rdnValue(g.dn)])));
  if (directory !== undefined && (/\.ldif$/i.test(directory) || (await isFile(directory)))) {
    const snapshot = await snapshotFromLdif(directory);
    return { known: { groups: groupsOf([snapshot]), label: `the LDIF export ${directory}` }, note: `checked against the LDIF export ${directory} (${snapshot.groups.length} groups)` };
  }
  if (directory === undefined && !config.database.url && !existsSync(config.database.dataDir)) {
    return { note: 'not checked: no database yet (run `vigie sync`, or give --directory FILE.ldif)' };
  }
  const snapshots = await withCliContext(config, async (ctx) => ctx.get(SnapshotStore).load());
  if (snapshots.length === 0 && directory === undefined) {
    return { note: 'not checked: no synchronised directory yet (run `vigie sync`, or give --directory FILE.ldif)' };
  }
  const chosen = storedSnapshots(snapshots, directory);
  const names = chosen.map((s) => s.directory).join(', ');
  const label = `${chosen.length > 1 ? 'directories' : 'directory'} ${names}`;
  return { known: { groups: groupsOf(chosen), label }, note: `checked against ${label} (${chosen.reduce((n, s) => n + s.groups.length, 0)} groups)` };
}

function storedSnapshots<T extends { directory: string }>(all: T[], name?: string): T[] {
  if (all.length === 0) {
    throw new NothingToSimulateError('there is no synchronised directory to simulate on: run `vigie sync` first, or give --directory FILE.ldif');
  }
  if (name === undefined) return all;
  const chosen = all.filter((snapshot) => snapshot.directory === name);
  if (chosen.length === 0) {
    throw new NothingToSimulateError(`no synchronised directory named "${name}"; synchronised: ${all.map((s) => s.directory).join(', ')} (or give an .ldif file)`);
  }
  return chosen;
}

const isDirectory = async (path: string) => (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
const isFile = async (path: string) => (await stat(path).catch(() => undefined))?.isFile() ?? false;
