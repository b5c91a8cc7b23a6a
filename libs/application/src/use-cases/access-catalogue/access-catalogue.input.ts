import * as z from 'zod';
import { directoryName } from '../shared/input-schemas.js';

/**
 * What one may ask for, for oneself or (a manager, the command line) for someone else: every requestable resource and
 * level with what it means, whether the policy allows it for the beneficiary, the approval chain and the durations.
 */
export const accessCatalogueInput = z
  .object({
    /** The beneficiary's login (sAMAccountName or uid); the caller when absent. The command line must name one. */
    for: z.string().min(1).max(256).optional(),
    directory: directoryName.optional(),
  })
  .strict();
