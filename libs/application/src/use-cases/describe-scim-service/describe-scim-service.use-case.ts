import type * as z from 'zod';
import { ScimError } from '../../scim/scim-error.js';
import { SCIM_MAX_OPERATIONS, SCIM_MAX_PAYLOAD_BYTES, SCIM_MAX_RESULTS } from '../../scim/scim-settings.js';
import { scimListResponse, scimResourceTypes, scimSchemas, scimServiceProviderConfig } from '../../scim/scimmy.js';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { describeScimServiceInput } from './describe-scim-service.input.js';

/**
 * What a SCIM client reads before it provisions (RFC 7644 §4): ServiceProviderConfig (PATCH, Bulk and filters
 * supported; sort, ETags and password changes not), the User and enterprise schemas, the User resource type.
 */
export class DescribeScimService implements UseCase<typeof describeScimServiceInput, Record<string, unknown>> {
  static readonly definition: UseCaseDefinition<typeof describeScimServiceInput> = { name: 'describe-scim-service', input: describeScimServiceInput };
  readonly definition = DescribeScimService.definition;

  constructor(
    private readonly baseUrl: string,
    private readonly documentationUri: string | null,
  ) {}

  async execute(input: z.output<typeof describeScimServiceInput>): Promise<Record<string, unknown>> {
    if (input.document === 'ServiceProviderConfig') {
      return scimServiceProviderConfig({
        baseUrl: this.baseUrl,
        maxOperations: SCIM_MAX_OPERATIONS,
        maxPayloadSize: SCIM_MAX_PAYLOAD_BYTES,
        maxResults: SCIM_MAX_RESULTS,
        documentationUri: this.documentationUri,
      });
    }
    const all = input.document === 'Schemas' ? scimSchemas(this.baseUrl) : scimResourceTypes(this.baseUrl);
    if (input.id === undefined) return scimListResponse(all, all.length, 1);
    const one = all.find((d) => d.id === input.id);
    if (!one) throw new ScimError('not-found', null, `no ${input.document === 'Schemas' ? 'schema' : 'resource type'} has the id ${input.id}`);
    return one;
  }
}
