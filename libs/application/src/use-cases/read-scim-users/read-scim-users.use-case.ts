import type * as z from 'zod';
import type { HrEventStore, HrPersonQuery } from '#vigie/hr';
import { ScimError } from '../../scim/scim-error.js';
import { SCIM_MAX_RESULTS } from '../../scim/scim-settings.js';
import { scimResourceOf } from '../../scim/scim-resources.js';
import { parseUserFilter, scimListResponse } from '../../scim/scimmy.js';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { readScimUsersInput } from './read-scim-users.input.js';

/**
 * GET /scim/v2/Users/:id, and GET /scim/v2/Users with an optional filter (externalId or userName eq) a page at a time:
 * the people Vigie knows from HR events, as SCIM users. For the SCIM routes only.
 */
export class ReadScimUsers implements UseCase<typeof readScimUsersInput, Record<string, unknown>> {
  static readonly definition: UseCaseDefinition<typeof readScimUsersInput> = { name: 'read-scim-users', input: readScimUsersInput };
  readonly definition = ReadScimUsers.definition;

  constructor(
    private readonly hr: HrEventStore,
    private readonly baseUrl: string,
  ) {}

  async execute(input: z.output<typeof readScimUsersInput>): Promise<Record<string, unknown>> {
    if ('id' in input) {
      const person = await this.hr.getPersonByScimId(input.id);
      if (!person) throw new ScimError('not-found', null, `no user has the id ${input.id}`);
      return scimResourceOf(person, this.hr, this.baseUrl);
    }
    const startIndex = Math.max(1, input.startIndex ?? 1);
    const query: HrPersonQuery = { startIndex, count: Math.min(SCIM_MAX_RESULTS, Math.max(0, input.count ?? SCIM_MAX_RESULTS)) };
    if (input.filter !== undefined) {
      const { attribute, value } = parseUserFilter(input.filter);
      if (attribute === 'externalId') query.employeeId = value;
      else query.userName = value;
    }
    const { items, total } = await this.hr.findPersons(query);
    const resources = await Promise.all(items.map((p) => scimResourceOf(p, this.hr, this.baseUrl)));
    return scimListResponse(resources, total, startIndex);
  }
}
