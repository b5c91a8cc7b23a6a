import * as z from 'zod';
import { DEFAULT_PSEUDONYM_KEY_FILE, DEFAULT_SIGNING_KEY_FILE, rawPublicKey, writeNewTrailKeys } from '#vigie/trail';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';

export const generateTrailKeysInput = z
  .object({
    signingKeyFile: z.string().min(1).default(DEFAULT_SIGNING_KEY_FILE),
    pseudonymKeyFile: z.string().min(1).default(DEFAULT_PSEUDONYM_KEY_FILE),
  })
  .strict();

export interface GeneratedTrailKeys {
  keyId: string;
  /** To keep outside Vigie, to check checkpoints with. */
  publicKeyPem: string;
  /** base64 of the raw public key: what trail.pinnedPublicKeys takes, as checkpoints carry it. */
  publicKey: string;
}

/** Creates the two trail keys in new files (mode 0600); never overwrites one. No database. */
export class GenerateTrailKeys implements UseCase<typeof generateTrailKeysInput, GeneratedTrailKeys> {
  static readonly definition: UseCaseDefinition<typeof generateTrailKeysInput> = { name: 'generate-trail-keys', input: generateTrailKeysInput };
  readonly definition = GenerateTrailKeys.definition;

  async execute(input: z.output<typeof generateTrailKeysInput>): Promise<GeneratedTrailKeys> {
    const keys = writeNewTrailKeys(input);
    return { keyId: keys.keyId, publicKeyPem: keys.publicKeyPem(), publicKey: rawPublicKey(keys.publicKey).toString('base64') };
  }
}
