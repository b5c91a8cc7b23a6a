import { readFile } from 'node:fs/promises';
import { VigieError } from '#vigie/common';
import type { AuthConfig } from '#vigie/config';

/** The break-glass password's argon2 hash: from VIGIE_AUTH_BREAK_GLASS_HASH (already in the config) or its file. */
export async function readBreakGlassHash(glass: AuthConfig['breakGlass']): Promise<string> {
  const hash = glass.passwordHash ?? (glass.passwordHashFile ? (await readFile(glass.passwordHashFile, 'utf8').catch(() => '')).trim() : '');
  if (!/^\$argon2(id|i|d)\$/.test(hash)) {
    throw new VigieError(
      'configuration',
      `the break-glass account is enabled but its password hash ${glass.passwordHashFile ? `in ${glass.passwordHashFile} ` : ''}is missing or not an argon2 hash: ` +
        'make one with `vigie auth hash-password` and set VIGIE_AUTH_BREAK_GLASS_HASH or auth.breakGlass.passwordHashFile',
    );
  }
  return hash;
}
