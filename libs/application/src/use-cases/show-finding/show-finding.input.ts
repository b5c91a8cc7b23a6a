import * as z from 'zod';
import { REMEDIATION_LANGS } from '#vigie/audit';
import { oneOf } from '../shared/input-schemas.js';

export const showFindingInput = z
  .object({
    id: z.string().trim().min(1, 'expected a finding id (see `vigie findings list`)').max(256),
    /** The language of the remediation texts. */
    lang: oneOf(REMEDIATION_LANGS).default('en'),
  })
  .strict();
