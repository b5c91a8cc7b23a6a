import * as z from 'zod';
import { type UnitOfWork, VigieError } from '#vigie/common';
import { createPublicKey } from 'node:crypto';
import { type TrailCheckpointService, type TrailKeys, type TrailWriter, keyIdOf, keyRotationInput, openOrCreateSigningKey, rawPublicKey } from '#vigie/trail';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';

export const rotateTrailKeyInput = z
  .object({
    /** The new signing key: read from this file, or created there (mode 0600) when it does not exist. */
    newSigningKeyFile: z.string().trim().min(1, 'give the file of the new signing key (created when it does not exist)'),
  })
  .strict();

export interface RotatedTrailKey {
  from: string;
  to: string;
  /** base64 of the new raw public key: what to add to trail.pinnedPublicKeys. */
  publicKey: string;
  newSigningKeyFile: string;
  created: boolean;
  /** Position of the rotation's entry in the change trail. */
  seq: number;
}

/**
 * Hands the trust of the current signing key over to a new one: a trail entry signed by both keys, then a last
 * checkpoint signed by the current key over it, published. Verify then trusts the new key as far as the old one.
 * The process goes on signing with the current key until trail.signingKeyFile names the new one.
 */
export class RotateTrailKey implements UseCase<typeof rotateTrailKeyInput, RotatedTrailKey> {
  static readonly definition: UseCaseDefinition<typeof rotateTrailKeyInput> = { name: 'rotate-trail-key', input: rotateTrailKeyInput };
  readonly definition = RotateTrailKey.definition;

  constructor(
    private readonly keys: TrailKeys,
    private readonly uow: UnitOfWork<{ trail: TrailWriter }>,
    private readonly checkpoints: TrailCheckpointService,
  ) {}

  async execute(input: z.output<typeof rotateTrailKeyInput>): Promise<RotatedTrailKey> {
    const next = openOrCreateSigningKey(input.newSigningKeyFile);
    const publicKey = rawPublicKey(createPublicKey(next.key)).toString('base64');
    const to = keyIdOf(publicKey);
    if (to === this.keys.keyId)
      throw new VigieError(
        'conflict',
        `${input.newSigningKeyFile} holds the key this process signs with (${to}): give a new key file (it is created when missing)`,
      );
    const entry = await this.uow.run(({ trail }) => trail.record(keyRotationInput(this.keys, next.key)));
    await this.checkpoints.checkpointHeads('rotation');
    return { from: this.keys.keyId, to, publicKey, newSigningKeyFile: input.newSigningKeyFile, created: next.created, seq: entry.seq };
  }
}
