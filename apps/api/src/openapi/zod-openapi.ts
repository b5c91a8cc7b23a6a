import type { SchemaObject } from '@nestjs/swagger';
import * as z from 'zod';

/**
 * A zod schema as an inline OpenAPI 3.0 schema object (`nullable`, no `$schema` key), for the places where
 * @nestjs/swagger takes a raw schema rather than a zod one: request bodies and non-JSON responses. Responses in JSON
 * pass their zod schema as `standardSchema`, which @nestjs/swagger converts the same way and whose `id`s it moves to
 * components.
 */
export function openApiSchema(schema: z.ZodType, io: 'input' | 'output'): SchemaObject {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io }) as SchemaObject;
}
