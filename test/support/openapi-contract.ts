/**
 * Checks real responses against the committed OpenAPI document (docs/openapi.json): the document is what clients are
 * generated from, so it is the document, not the code's zod schemas, that responses are validated against.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';

type Schema = Record<string, unknown>;

export interface OpenApiOperation {
  operationId: string;
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, Schema> };
}

export const committedOpenApiDocument = (): OpenApiDocument => JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));

/** Every operation of the document, as `GET /api/findings/{id}` (OpenAPI path templates). */
export function documentedOperations(document: OpenApiDocument): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
}

const ROOT_ID = 'vigie-openapi';
const SUBSCHEMA = new Set(['items', 'not', 'additionalProperties']);
const SUBSCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf']);

/**
 * An OpenAPI 3.0 schema object as the JSON Schema (draft-07) Ajv validates: `nullable: true` becomes "or null" (an
 * enum in OpenAPI 3.0 would otherwise refuse the null it allows), and refs to components point at definitions of one
 * schema registered under ROOT_ID. Only schema positions are rewritten, never values (enum, default).
 */
export function toJsonSchema(schema: Schema): Schema {
  const { nullable, ...rest } = schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(rest)) {
    if (key === '$ref') out.$ref = String(value).replace('#/components/schemas/', `${ROOT_ID}#/definitions/`);
    else if (key === 'properties') out.properties = Object.fromEntries(Object.entries(value as Record<string, Schema>).map(([k, v]) => [k, toJsonSchema(v)]));
    else if (SUBSCHEMA.has(key) && typeof value === 'object' && value !== null) out[key] = toJsonSchema(value as Schema);
    else if (SUBSCHEMA_LISTS.has(key)) out[key] = (value as Schema[]).map(toJsonSchema);
    else out[key] = value;
  }
  return nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
}

/** Validates a response body against the schema the document declares for its operation, status and media type. */
export class OpenApiResponseValidator {
  private readonly ajv = new Ajv({ strict: true, allErrors: true });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenApiDocument) {
    this.ajv.addFormat('date-time', { type: 'string', validate: (s: string) => !Number.isNaN(Date.parse(s)) });
    this.ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    // A file served as it is (a report's download): the recorder reads it as text, any string is one.
    this.ajv.addFormat('binary', { type: 'string', validate: () => true });
    const definitions = Object.fromEntries(Object.entries(document.components.schemas).map(([name, s]) => [name, toJsonSchema(s)]));
    this.ajv.addSchema({ $id: ROOT_ID, definitions });
  }

  /** The problems found, empty when the response is one the document declares. */
  check(exchange: { method: string; path: string; status: number; contentType: string | null; body: unknown }): string[] {
    const where = `${exchange.method} ${exchange.path} → ${exchange.status}`;
    const operation = this.document.paths[exchange.path]?.[exchange.method.toLowerCase()];
    if (!operation) return [`${where}: the document has no such operation`];
    const response = operation.responses[String(exchange.status)];
    if (!response) return [`${where}: the document does not declare this status (it declares ${Object.keys(operation.responses).join(', ')})`];
    const mediaType = (exchange.contentType ?? '').split(';')[0].trim();
    const content = response.content?.[mediaType];
    if (!content)
      return [`${where}: answered ${mediaType || 'no content type'}, the document declares ${Object.keys(response.content ?? {}).join(', ') || 'no content'}`];
    const key = `${exchange.method} ${exchange.path} ${exchange.status} ${mediaType}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(content.schema));
      this.compiled.set(key, validate);
    }
    if (validate(exchange.body)) return [];
    return (validate.errors ?? []).map(
      (e) =>
        `${where}: ${e.instancePath || '(body)'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`,
    );
  }
}
