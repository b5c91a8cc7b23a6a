import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { kindByFolder, type PolicyKind, POLICY_KINDS } from '../schema/policy-kinds.js';
import { PolicyValidationError } from '../policy-validation.error.js';
import type { VersionedFile } from '../policy-version.js';

export interface PolicyFile {
  /** Relative to the policy directory, `/`-separated: the same on every OS, so the version is too. */
  path: string;
  /** The kind its folder holds. */
  folderKind: PolicyKind;
}

export interface PolicyFileListing {
  files: PolicyFile[];
  /** YAML files outside the kind folders: never loaded, so reported rather than silently ignored. */
  strays: string[];
  /** `*_test.yaml` suites, anywhere: run by `vigie policy test`, never part of the policy. */
  suites: string[];
}

const YAML_FILE = /\.ya?ml$/;
// Policy test suites sit beside the policies (cerbos, OPA); they are run by the test runner, not loaded.
export const TEST_SUITE = /_test\.ya?ml$/;

/** Sorts the relative paths of a policy tree into policy files, test suites and strays. Paths are `/`-separated. */
export function classifyPolicyPaths(paths: readonly string[], root: string): PolicyFileListing {
  const files: PolicyFile[] = [];
  const strays: string[] = [];
  const suites: string[] = [];
  for (const path of [...paths].sort(byCodeUnit)) {
    if (!YAML_FILE.test(path)) continue;
    if (TEST_SUITE.test(path)) {
      suites.push(path);
      continue;
    }
    const segments = path.split('/');
    const folderKind = segments.length > 1 ? kindByFolder(segments[0]) : undefined;
    if (folderKind) files.push({ path, folderKind });
    else strays.push(path);
  }
  if (files.length === 0 && strays.length === 0) {
    const folders = POLICY_KINDS.map((kind) => `${kind.folder}/`).join(', ');
    throw directoryError(`policy directory ${root} holds no policy files; expected YAML files under ${folders}`);
  }
  return { files, strays, suites };
}

/** Every file below the policy directory, relative and `/`-separated; dot-folders and dot-files are skipped. */
export async function listPolicyTree(root: string): Promise<string[]> {
  await assertDirectory(root);
  return walk(root, '');
}

/** The bytes of the policy files (not the suites, not the strays) of a directory, for the loader and the stores. */
export async function readPolicyDirectory(root: string): Promise<{ listing: PolicyFileListing; files: VersionedFile[] }> {
  const listing = classifyPolicyPaths(await listPolicyTree(root), root);
  const files = await Promise.all(listing.files.map(async ({ path }) => ({ path, bytes: new Uint8Array(await readFile(join(root, ...path.split('/')))) })));
  return { listing, files };
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
  return found.sort(byCodeUnit);
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function directoryError(message: string): PolicyValidationError {
  return new PolicyValidationError([{ file: '.', line: 0, column: 0, path: '', message }]);
}
