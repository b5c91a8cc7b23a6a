import type * as z from 'zod';
import type { HrEventStore } from '#vigie/hr';
import type { ScimUserWrites } from '../../scim/scim-user-writes.js';
import { scimResourceOf } from '../../scim/scim-resources.js';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { writeScimUserInput } from './write-scim-user.input.js';

/**
 * A SCIM client's write of a user (POST, PUT, PATCH, DELETE /scim/v2/Users): an HR event received (hire, update, move,
 * leave, rehire) and the person's data as written, in one unit of work; answers the user as it now reads (null for a
 * DELETE). For the SCIM routes only, which run it as the system once the SCIM token is checked.
 */
export class WriteScimUser implements UseCase<typeof writeScimUserInput, Record<string, unknown> | null> {
  static readonly definition: UseCaseDefinition<typeof writeScimUserInput> = { name: 'write-scim-user', input: writeScimUserInput };
  readonly definition = WriteScimUser.definition;

  constructor(
    private readonly writes: ScimUserWrites,
    private readonly hr: HrEventStore,
    private readonly baseUrl: string,
  ) {}

  async execute(input: z.output<typeof writeScimUserInput>): Promise<Record<string, unknown> | null> {
    if (input.operation === 'delete') {
      await this.writes.remove(input.id);
      return null;
    }
    const person =
      input.operation === 'create'
        ? await this.writes.create(input.body)
        : input.operation === 'replace'
          ? await this.writes.replace(input.id, input.body)
          : await this.writes.patch(input.id, input.body);
    return scimResourceOf(person, this.hr, this.baseUrl);
  }
}
