/**
 * Proves the response validator the contract test relies on: it must refuse what the document does not declare, or
 * the contract test would pass whatever the API answers.
 */
import { OpenApiResponseValidator, type OpenApiDocument } from './openapi-contract.js';

const document: OpenApiDocument = {
  paths: {
    '/things/{id}': {
      get: {
        operationId: 'Things_get',
        responses: {
          '200': { description: 'a thing', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
          '404': {
            description: 'none',
            content: {
              'application/json': {
                schema: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'], additionalProperties: false },
              },
            },
          },
        },
      },
    },
  },
  components: {
    securitySchemes: {},
    schemas: {
      Instant: { type: 'string', format: 'date-time' },
      Thing: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          colour: { type: 'string', enum: ['red', 'blue'], nullable: true },
          seenAt: { nullable: true, allOf: [{ $ref: '#/components/schemas/Instant' }] },
        },
        required: ['id', 'colour', 'seenAt'],
        additionalProperties: false,
      },
    },
  },
};

describe(OpenApiResponseValidator.name, () => {
  const sut = new OpenApiResponseValidator(document);
  const answer = (status: number, body: unknown, contentType = 'application/json; charset=utf-8') => ({
    method: 'GET',
    path: '/things/{id}',
    status,
    contentType,
    body,
  });

  it('accepts what the document declares, null included where it is nullable (an enum, a ref)', () => {
    expect(sut.check(answer(200, { id: 'a', colour: 'red', seenAt: '2026-05-01T08:00:00.000Z' }))).toEqual([]);
    expect(sut.check(answer(200, { id: 'a', colour: null, seenAt: null }))).toEqual([]);
    expect(sut.check(answer(404, { message: 'no thing a' }))).toEqual([]);
  });

  it('refuses a field the schema does not name, a missing or mistyped one, and a value outside an enum or a format', () => {
    expect(sut.check(answer(200, { id: 'a', colour: 'red', seenAt: null, extra: 1 }))).toEqual([
      'GET /things/{id} → 200: (body) must NOT have additional properties (extra)',
    ]);
    expect(sut.check(answer(200, { colour: 'green', seenAt: 'yesterday' }))).toEqual([
      "GET /things/{id} → 200: (body) must have required property 'id'",
      expect.stringMatching(/\/colour must be equal to one of the allowed values/),
      expect.stringMatching(/\/colour must be null/),
      expect.stringMatching(/\/colour must match a schema in anyOf/),
      expect.stringMatching(/\/seenAt must match format "date-time"/),
      expect.stringMatching(/\/seenAt must be null/),
      expect.stringMatching(/\/seenAt must match a schema in anyOf/),
    ]);
  });

  it('refuses a status, a media type or an operation the document does not declare', () => {
    expect(sut.check(answer(500, {}))).toEqual(['GET /things/{id} → 500: the document does not declare this status (it declares 200, 404)']);
    expect(sut.check(answer(200, 'a', 'text/plain'))).toEqual(['GET /things/{id} → 200: answered text/plain, the document declares application/json']);
    expect(sut.check({ ...answer(200, {}), method: 'DELETE' })).toEqual(['DELETE /things/{id} → 200: the document has no such operation']);
  });
});
