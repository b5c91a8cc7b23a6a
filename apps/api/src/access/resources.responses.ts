import * as z from 'zod';

const ResourceSchema = z.strictObject({
  id: z.string(),
  type: z.string(),
  name: z.string(),
  criticality: z.string().nullable(),
  owner: z.string().nullable(),
  personalData: z.array(z.string()).nullable().describe('categories of personal data the resource holds; null when it holds none'),
});

export const ResourcePageSchema = z
  .strictObject({
    policyVersion: z.string(),
    items: z.array(ResourceSchema),
    nextCursor: z.string().nullable().describe('pass it as cursor for the next page; null on the last'),
  })
  .meta({ id: 'ResourcePage' });

export const ResourceDetailSchema = z.strictObject({ policyVersion: z.string(), resource: ResourceSchema }).meta({ id: 'ResourceDetail' });

export type ResourcePageResponse = z.infer<typeof ResourcePageSchema>;
export type ResourceDetailResponse = z.infer<typeof ResourceDetailSchema>;
