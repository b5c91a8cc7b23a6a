import { stat } from 'node:fs/promises';
import { readPolicyAtGitRef } from './git/git-policy-files.js';
import type { Policy } from './policy.types.js';
import { PolicyValidationError } from './policy-validation.error.js';
import { loadPolicy, loadPolicyFromFiles } from './policy-loader.js';

/**
 * Loads a policy named the way `vigie policy simulate` accepts it: a directory, or else a git ref of the repository
 * that holds `repositoryDir` (the configured policy directory), read at the same relative folder. A directory wins
 * when a name is both. `role` names the policy in errors ("the candidate policy").
 */
export async function loadPolicySpec(spec: string, repositoryDir: string, role: string): Promise<Policy> {
  const isDirectory = (await stat(spec).catch(() => undefined))?.isDirectory() ?? false;
  try {
    if (isDirectory) return await loadPolicy(spec);
    const { origin, files } = await readPolicyAtGitRef(repositoryDir, spec);
    return loadPolicyFromFiles(origin, files);
  } catch (error) {
    if (error instanceof PolicyValidationError) {
      throw new PolicyValidationError(error.errors, `${role} (${spec}) is invalid; fix it and run \`vigie policy validate\`:`);
    }
    throw error;
  }
}
