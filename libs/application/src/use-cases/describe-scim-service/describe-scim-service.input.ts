import * as z from 'zod';

/** One of SCIM's discovery documents (RFC 7644 §4), or one schema or resource type of it by id. */
export const describeScimServiceInput = z
  .object({
    document: z.enum(['ServiceProviderConfig', 'Schemas', 'ResourceTypes']),
    id: z.string().min(1).max(200).optional(),
  })
  .strict();
