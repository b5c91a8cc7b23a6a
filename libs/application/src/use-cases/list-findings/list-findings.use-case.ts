import type * as z from 'zod';
import type { FindingFilter, FindingsPage, FindingsQueryService } from '#vigie/audit';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { listFindingsInput } from './list-findings.input.js';

/**
 * The current findings (those of the latest successful audit run), filtered, most severe first, a page at a time:
 * `nextCursor` goes on from where a page ended, in the run that page came from.
 */
export class ListFindings implements UseCase<typeof listFindingsInput, FindingsPage> {
  static readonly definition: UseCaseDefinition<typeof listFindingsInput> = { name: 'list-findings', input: listFindingsInput, ability: ['read', 'Finding'] };
  readonly definition = ListFindings.definition;

  constructor(private readonly findings: FindingsQueryService) {}

  execute(input: z.output<typeof listFindingsInput>): Promise<FindingsPage> {
    const { limit, offset, cursor, total, ...filter } = input;
    return this.findings.current(filter as FindingFilter, { limit, offset, cursor, withTotal: total });
  }
}
