import { createHash } from 'node:crypto';

export interface VersionedFile {
  /** Relative to the policy directory, `/`-separated. */
  path: string;
  bytes: Uint8Array;
}

/**
 * The policy version: sha256 (hex) over the sorted relative paths and exact bytes of the loaded files. Moving the
 * directory keeps the version; renaming a file or touching a byte changes it. Each path and body is length-prefixed
 * so no two different sets of files can feed the hash the same stream.
 */
export function computePolicyVersion(files: readonly VersionedFile[]): string {
  const hash = createHash('sha256');
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const { path, bytes } of sorted) {
    const name = Buffer.from(path, 'utf8');
    hash.update(`${name.length}:`).update(name).update(`${bytes.length}:`).update(bytes);
  }
  return hash.digest('hex');
}

/** The first 16 hex digits, for display; keep and compare the full version. */
export const shortPolicyVersion = (version: string): string => version.slice(0, 16);
