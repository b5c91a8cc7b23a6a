import type { SchemaObject } from '@nestjs/swagger';
import * as z from 'zod';

/**
 * A zod schema as an inline OpenAPI 3.0 schema object (`nullable`, no `$schema` key), for the places where
 * @nestjs/swagger takes a raw schema rather than a zod one: request bodies and non-JSON responses. Responses in JSON
 * pass their zod schema as `standardSchema`, which @nestjs/swagger converts the same way and whose `id`s it moves to
 * components. An input that also takes a Date object (a use case called from code) reaches the API as ISO 8601 text:
 * documented as such.
 */
export function openApiSchema(schema: z.ZodType, io: 'input' | 'output'): SchemaObject {
  return z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io,
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema._zod.def.type === 'date') Object.assign(jsonSchema, { type: 'string', format: 'date-time' });
    },
  }) as SchemaObject;
}
