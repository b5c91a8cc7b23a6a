import * as z from 'zod';
import type { GdprService, SubjectAccessReport } from '#vigie/gdpr';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { knownMails, knownNames } from '../shared/input-schemas.js';

export const exportPersonalDataInput = z
  .object({
    /** The person's employee id or login. */
    person: z.string().trim().min(1, 'give the employee id or login of the person'),
    /** The person's names and mails as the request gives them: found in free text too, as erasure would scrub them. */
    names: knownNames,
    mails: knownMails,
  })
  .strict();

/** Everything Vigie holds about a person (GDPR art. 15); the export itself is recorded in the trail. */
export class ExportPersonalData implements UseCase<typeof exportPersonalDataInput, SubjectAccessReport> {
  static readonly definition: UseCaseDefinition<typeof exportPersonalDataInput> = { name: 'export-personal-data', input: exportPersonalDataInput };
  readonly definition = ExportPersonalData.definition;

  constructor(private readonly gdpr: GdprService) {}

  execute(input: z.output<typeof exportPersonalDataInput>): Promise<SubjectAccessReport> {
    return this.gdpr.export(input.person, { names: input.names, mails: input.mails });
  }
}
