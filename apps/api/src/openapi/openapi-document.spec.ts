import type { OpenAPIObject } from '@nestjs/swagger';
import { buildOpenApiDocument } from './openapi-preview.js';

type Node = Record<string, unknown>;
interface Operation {
  operationId: string;
  parameters?: Array<{ name: string; in: string; schema?: Node }>;
  security?: Array<Record<string, string[]>>;
  responses: Record<string, { content?: Record<string, { schema?: Node }> }>;
}

/** Every object in the document with the JSON pointer to it, for checks that hold for every schema. */
function* nodes(value: unknown, pointer = ''): Generator<[string, Node]> {
  if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* nodes(v, `${pointer}/${i}`);
  else if (value && typeof value === 'object') {
    yield [pointer, value as Node];
    for (const [k, v] of Object.entries(value)) yield* nodes(v, `${pointer}/${k}`);
  }
}

function operations(document: OpenAPIObject): Array<[string, Operation]> {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>).map(([method, op]): [string, Operation] => [`${method.toUpperCase()} ${path}`, op]),
  );
}

// That docs/openapi.json is this document is checked beside the script that writes it (scripts/openapi.spec.ts).
describe('the OpenAPI document', () => {
  let document: OpenAPIObject;

  beforeAll(async () => {
    document = await buildOpenApiDocument();
  });

  it('declares the bearer token as what it is: opaque, not a JWT', () => {
    expect(document.components?.securitySchemes?.bearer).toEqual({ type: 'http', scheme: 'bearer', description: expect.stringMatching(/opaque/) });
    expect(JSON.stringify(document)).not.toMatch(/JWT/);
  });

  it('gives every operation a success response with a schema, and every guarded one its 401 and 403', () => {
    const missing = operations(document).flatMap(([name, op]) => {
      const success = Object.entries(op.responses).filter(([status, r]) => /^2\d\d$/.test(status) && Object.values(r.content ?? {}).some((c) => c.schema));
      // The OIDC routes answer with a redirect, which has no body.
      const redirects = Boolean(op.responses['302']);
      const guarded = (op.security ?? []).some((s) => 'bearer' in s);
      // Routes open to anyone signed in check no ability: they can refuse the credentials (401), nothing else.
      const anyStaff = name === 'GET /api/auth/session';
      return [
        ...(success.length || redirects ? [] : [`${name}: no 2xx response with a schema`]),
        ...(guarded && !(op.responses['401'] && (op.responses['403'] || anyStaff)) ? [`${name}: no 401 or 403`] : []),
      ];
    });
    expect(operations(document).length).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });

  it('guards every route but /health, signing in and the HR webhook (its HMAC signature) with the bearer token or the session cookie', () => {
    const guards = (op: Operation) => (op.security ?? []).flatMap((s) => Object.keys(s)).sort();
    const open = operations(document)
      .filter(([, op]) => !guards(op).length)
      .map(([name]) => name);
    expect(open).toEqual([
      'GET /health/live',
      'GET /health/ready',
      'GET /health',
      'POST /api/auth/sign-in',
      'GET /api/auth/oidc/start',
      'GET /api/auth/oidc/callback',
      'POST /api/hr/events',
    ]);
    const halfGuarded = operations(document)
      .filter(([, op]) => guards(op).length && guards(op).join() !== 'bearer,session')
      .map(([name]) => name);
    expect(halfGuarded).toEqual([]);
  });

  it('types every parameter, so that the generated client checks what it sends', () => {
    const untyped = operations(document).flatMap(([name, op]) => (op.parameters ?? []).filter((p) => !p.schema?.type).map((p) => `${name}: ${p.in} ${p.name}`));
    expect(untyped).toEqual([]);
  });

  it('declares strict objects, so that a field the schema does not name fails validation', () => {
    const loose = [...nodes(document.components?.schemas), ...nodes(document.paths)]
      .filter(([, n]) => n.type === 'object' && n.properties && n.additionalProperties !== false)
      .map(([pointer]) => pointer);
    expect(loose).toEqual([]);
  });

  it('lists null in the values of a nullable enum, as OpenAPI 3.0 validators require', () => {
    const wrong = [...nodes(document)].filter(([, n]) => n.nullable === true && Array.isArray(n.enum) && !n.enum.includes(null)).map(([pointer]) => pointer);
    expect(wrong).toEqual([]);
  });
});
