import { stat } from 'node:fs/promises';
import { VigieError } from '#vigie/common';

/** The synchronised directories a policy command works on: every one, or the one named. */
export function chooseSnapshots<T extends { directory: string }>(all: T[], name: string | undefined, purpose: string): T[] {
  if (all.length === 0)
    throw new VigieError('conflict', `there is no synchronised directory ${purpose}: run \`vigie sync\` first, or give --directory FILE.ldif`);
  if (name === undefined) return all;
  const chosen = all.filter((snapshot) => snapshot.directory === name);
  if (chosen.length === 0) {
    throw new VigieError(
      'not-found',
      `no synchronised directory named "${name}"; synchronised: ${all.map((s) => s.directory).join(', ')} (or give an .ldif file)`,
    );
  }
  return chosen;
}

export const isDirectory = async (path: string) => (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
export const isFile = async (path: string) => (await stat(path).catch(() => undefined))?.isFile() ?? false;

/** Whether a --directory value names an LDIF export (a file, or a name ending in .ldif) rather than a synchronised directory. */
export async function isLdifExport(directory: string): Promise<boolean> {
  return /\.ldif$/i.test(directory) || (await isFile(directory));
}
