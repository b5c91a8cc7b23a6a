import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import { promisify } from 'node:util';
import { TEST_SUITE } from '../loader/policy-files.js';
import { PolicyLoadError } from '../policy-validation.error.js';
import type { VersionedFile } from '../policy-version.js';

const run = promisify(execFile);
const YAML_FILE = /\.ya?ml$/;

export interface GitPolicyFiles {
  /** e.g. `main (3f2a9c1d0b4e):policies/`, for messages and `Policy.dir`. */
  origin: string;
  commit: string;
  files: VersionedFile[];
}

/**
 * The policy files as they are at a git ref of the repository holding `policyDir` (`main`, `origin/main`, `HEAD~1`, a
 * tag or a commit): the same folder, read with `git ls-tree` and `git cat-file`, bytes exact, so a policy is the same
 * version whether read from the working tree or from git. Nothing in the working tree changes.
 */
export async function readPolicyAtGitRef(policyDir: string, ref: string): Promise<GitPolicyFiles> {
  const dir = await realpath(policyDir).catch(() => {
    throw new PolicyLoadError(`cannot read the policy at git ref "${ref}": the policy directory ${policyDir} does not exist`);
  });
  const top = await git(dir, ['rev-parse', '--show-toplevel']).catch((error: Error) => {
    throw new PolicyLoadError(`"${ref}" is neither a policy directory nor a git ref: ${policyDir} is not in a git repository (${firstLine(error)})`);
  });
  const prefix = (await git(dir, ['rev-parse', '--show-prefix'])).replace(/\/?$/, '/');
  // `--end-of-options` keeps a ref that starts with a dash from being read as an option.
  const commit = await git(top, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]).catch(() => {
    throw new PolicyLoadError(`"${ref}" is neither a policy directory nor a git ref of the repository ${top}`);
  });
  const listing = await git(top, ['ls-tree', '-r', '-z', '--full-tree', commit, '--', prefix === '/' ? '.' : prefix], true);
  const blobs = listing
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const [meta, path] = [line.slice(0, line.indexOf('\t')), line.slice(line.indexOf('\t') + 1)];
      return { type: meta.split(' ')[1], id: meta.split(' ')[2], path: prefix === '/' ? path : path.slice(prefix.length) };
    })
    .filter(({ type, path }) => type === 'blob' && YAML_FILE.test(path) && !TEST_SUITE.test(path) && !path.split('/').some((s) => s.startsWith('.')));
  const where = `${ref} (${commit.slice(0, 12)}):${prefix === '/' ? '' : prefix}`;
  if (blobs.length === 0) throw new PolicyLoadError(`at git ref ${where} there are no policy files`);
  const files = await Promise.all(blobs.map(async ({ id, path }) => ({ path, bytes: await blob(top, id) })));
  return { origin: where, commit, files };
}

async function git(cwd: string, args: string[], raw = false): Promise<string> {
  const { stdout } = await run('git', ['-C', cwd, ...args], { maxBuffer: 64 * 1024 * 1024 });
  return raw ? stdout : stdout.trim();
}

async function blob(cwd: string, id: string): Promise<Uint8Array> {
  // cat-file gives the blob's exact bytes: no textconv, no line-ending conversion.
  const { stdout } = await run('git', ['-C', cwd, 'cat-file', 'blob', id], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
  return new Uint8Array(stdout);
}

const firstLine = (error: Error) => ((error as { stderr?: string }).stderr || error.message).split('\n')[0].trim();
