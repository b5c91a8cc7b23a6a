import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { kindByFolder, type PolicyKind, POLICY_KINDS } from '../schema/policy-kinds.js';
import { PolicyValidationError } from '../policy-validation.error.js';

export interface PolicyFile {
  /** Relative to the policy directory, `/`-separated: the same on every OS, so the version is too. */
  path: string;
  absolutePath: string;
  /** The kind its folder holds. */
  folderKind: PolicyKind;
}

export interface PolicyFileListing {
  files: PolicyFile[];
  /** YAML files outside the kind folders: never loaded, so reported rather than silently ignored. */
  strays: string[];
}

const YAML_FILE = /\.ya?ml$/;
// Policy test suites sit beside the policies (cerbos, OPA); they are run by the test runner, not loaded.
const TEST_SUITE = /_test\.ya?ml$/;

export async function listPolicyFiles(root: string): Promise<PolicyFileListing> {
  await assertDirectory(root);
  const files: PolicyFile[] = [];
  const strays: string[] = [];
  for (const path of await walk(root, '')) {
    if (!YAML_FILE.test(path) || TEST_SUITE.test(path)) continue;
    const segments = path.split('/');
    const folderKind = segments.length > 1 ? kindByFolder(segments[0]) : undefined;
    if (folderKind) files.push({ path, absolutePath: join(root, ...segments), folderKind });
    else strays.push(path);
  }
  if (files.length === 0 && strays.length === 0) {
    const folders = POLICY_KINDS.map((kind) => `${kind.folder}/`).join(', ');
    throw directoryError(`policy directory ${root} holds no policy files; expected YAML files under ${folders}`);
  }
  return { files, strays };
}

async function assertDirectory(root: string): Promise<void> {
  const info = await stat(root).catch(() => undefined);
  if (!info) throw directoryError(`policy directory ${root} does not exist`);
  if (!info.isDirectory()) throw directoryError(`policy directory ${root} is not a directory`);
}

/** Every file below `dir`, relative and sorted by code unit so the order never depends on the OS or locale. */
async function walk(root: string, relative: string): Promise<string[]> {
  const entries = await readdir(join(root, relative), { withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = relative ? `${relative}/${entry.name}` : entry.name;
    const info = entry.isSymbolicLink() ? await stat(join(root, path)) : entry;
    if (info.isDirectory()) found.push(...(await walk(root, path)));
    else if (info.isFile()) found.push(path);
  }
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function directoryError(message: string): PolicyValidationError {
  return new PolicyValidationError([{ file: '.', line: 0, column: 0, path: '', message }]);
}
