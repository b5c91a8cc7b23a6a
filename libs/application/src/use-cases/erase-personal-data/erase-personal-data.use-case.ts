import * as z from 'zod';
import type { ErasureResult, GdprService } from '#vigie/gdpr';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { knownMails, knownNames } from '../shared/input-schemas.js';

export const erasePersonalDataInput = z
  .object({
    /** The person's employee id or login. */
    person: z.string().trim().min(1, 'give the employee id or login of the person'),
    /** Erase even though the person is still in a synchronised directory (the next sync brings them back). */
    force: z.boolean().default(false),
    /** Why: recorded in the trail. */
    reason: z.string().trim().min(1).max(2000).optional(),
    /**
     * The person's names and mails as the request gives them: scrubbed from free text too. Vigie finds the forms its
     * own rows hold; a person who left the directory may be named in a decision's reason by a name no row keeps.
     */
    names: knownNames,
    mails: knownMails,
  })
  .strict();

/** Pseudonymises a person everywhere Vigie holds them (GDPR art. 17); the scrub and its trail entry commit together. */
export class ErasePersonalData implements UseCase<typeof erasePersonalDataInput, ErasureResult> {
  static readonly definition: UseCaseDefinition<typeof erasePersonalDataInput> = { name: 'erase-personal-data', input: erasePersonalDataInput };
  readonly definition = ErasePersonalData.definition;

  constructor(private readonly gdpr: GdprService) {}

  execute(input: z.output<typeof erasePersonalDataInput>): Promise<ErasureResult> {
    return this.gdpr.erase(input.person, { force: input.force, reason: input.reason, names: input.names, mails: input.mails });
  }
}
