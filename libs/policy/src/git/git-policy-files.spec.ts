import { execFileSync } from 'node:child_process';
import { appendFile, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPolicy, loadPolicyFromFiles } from '../policy-loader.js';
import { loadPolicySpec } from '../policy-spec.js';
import { PolicyLoadError, PolicyValidationError } from '../policy-validation.error.js';
import { readPolicyAtGitRef } from './git-policy-files.js';

const acme = fileURLToPath(new URL('../__fixtures__/ok/acme', import.meta.url));

describe(readPolicyAtGitRef.name, () => {
  let repo: string;
  let policies: string;
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', repo, '-c', 'user.name=Vigie Test', '-c', 'user.email=test@vigie.invalid', ...args], { encoding: 'utf8' }).trim();

  beforeAll(async () => {
    repo = await mkdtemp(join(tmpdir(), 'vigie-git-policy-'));
    policies = join(repo, 'config', 'policies');
    git('init', '--quiet', '--initial-branch=main');
    await writeFile(join(repo, 'README.md'), '# company\n');
    git('add', '.');
    git('commit', '--quiet', '-m', 'before the policy existed');
    git('tag', 'no-policy');
    await mkdir(join(repo, 'config'), { recursive: true });
    await cp(acme, policies, { recursive: true });
    git('add', '.');
    git('commit', '--quiet', '-m', 'policy v1');
    await appendFile(join(policies, 'resources', 'shares.yaml'), '  - { id: share-new, type: share, name: New }\n');
    git('commit', '--quiet', '-am', 'policy v2');
  });
  afterAll(() => rm(repo, { recursive: true, force: true }));

  it('reads the policy folder as it was at a ref, byte for byte, without the test suites', async () => {
    const { origin, commit, files } = await readPolicyAtGitRef(policies, 'HEAD~1');
    expect(commit).toBe(git('rev-parse', 'HEAD~1'));
    expect(origin).toBe(`HEAD~1 (${commit.slice(0, 12)}):config/policies/`);
    expect(files.map(({ path }) => path)).toEqual([
      'access-rules/baseline.yaml',
      'resources/devices.yaml',
      'resources/shares.yaml',
      'settings/settings.yaml',
      'sod/finance.yaml',
    ]);
    expect(loadPolicyFromFiles(origin, files).version).toBe((await loadPolicy(acme)).version);
  });

  it('sees the change made since', async () => {
    const [before, after] = await Promise.all(['HEAD~1', 'main'].map(async (ref) => loadPolicyFromFiles(ref, (await readPolicyAtGitRef(policies, ref)).files)));
    expect(after.resources.map(({ id }) => id)).toContain('share-new');
    expect(before.resources.map(({ id }) => id)).not.toContain('share-new');
    expect(after.version).toBe((await loadPolicy(policies)).version);
  });

  it('refuses what is neither a ref nor a folder that existed then', async () => {
    await expect(readPolicyAtGitRef(policies, 'no-such-branch')).rejects.toThrow(
      new PolicyLoadError(`"no-such-branch" is neither a policy directory nor a git ref of the repository ${repo}`),
    );
    await expect(readPolicyAtGitRef(policies, '--output=/tmp/x')).rejects.toBeInstanceOf(PolicyLoadError);
    await expect(readPolicyAtGitRef(policies, 'no-policy')).rejects.toThrow(
      /^at git ref no-policy \([0-9a-f]{12}\):config\/policies\/ there are no policy files$/,
    );
  });

  it('refuses when the policy directory is not in a repository', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'vigie-no-git-'));
    try {
      await expect(readPolicyAtGitRef(outside, 'main')).rejects.toThrow(/"main" is neither a policy directory nor a git ref: .* is not in a git repository/);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  describe(loadPolicySpec.name, () => {
    it('takes a directory first, a git ref otherwise', async () => {
      expect((await loadPolicySpec(acme, policies, 'the candidate policy')).dir).toBe(acme);
      expect((await loadPolicySpec('HEAD~1', policies, 'the candidate policy')).dir).toMatch(/^HEAD~1 \(/);
    });

    it('says which policy is invalid', async () => {
      const invalid = fileURLToPath(new URL('../__fixtures__/not-ok/duplicate-id', import.meta.url));
      const error = await loadPolicySpec(invalid, policies, 'the candidate policy').catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(PolicyValidationError);
      expect((error as Error).message.split('\n')).toEqual([
        `the candidate policy (${invalid}) is invalid; fix it and run \`vigie policy validate\`:`,
        expect.stringMatching(/^ {2}resources\/b\.yaml:8:9 {2}resources\[1\]\.id: duplicate resource id "share-finance"/),
      ]);
    });
  });
});
