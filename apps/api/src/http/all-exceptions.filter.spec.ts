import { type ArgumentsHost, BadRequestException, HttpException, Logger, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { VigieError } from '#vigie/common';
import { AllExceptionsFilter } from './all-exceptions.filter.js';

/** What the filter answered: the status and the JSON body (and its content type when it set one). */
function answer(
  exception: unknown,
  path = '/api/findings',
): { status: number; body: Record<string, unknown>; headers?: Record<string, string>; type?: string } {
  const sent: { status: number; body: Record<string, unknown>; headers?: Record<string, string>; type?: string } = { status: 0, body: {} };
  const res = {
    type(value: string) {
      sent.type = value;
      return this;
    },
    send(text: string) {
      sent.body = JSON.parse(text) as Record<string, unknown>;
    },
    setHeader(name: string, value: string) {
      sent.headers = { ...sent.headers, [name]: value };
    },
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: Record<string, unknown>) {
      sent.body = body;
    },
  };
  const req = { id: 'req-42', path };
  const host = { switchToHttp: () => ({ getResponse: () => res, getRequest: () => req }) } as unknown as ArgumentsHost;
  new AllExceptionsFilter().catch(exception, host);
  return sent;
}

describe(AllExceptionsFilter.name, () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('answers on /scim a SCIM error (RFC 7644 §3.12) as application/scim+json, with its scimType', () => {
    const scimError = (status: string, detail: string, scimType?: string) => ({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status,
      ...(scimType ? { scimType } : {}),
      detail,
    });
    expect(answer(new VigieError('not-found', 'no user has the id x'), '/scim/v2/Users/x')).toEqual({
      status: 404,
      type: 'application/scim+json; charset=utf-8',
      body: scimError('404', 'no user has the id x'),
    });
    expect(answer(new VigieError('invalid-input', 'title: too long'), '/scim/v2/Users').body).toEqual(scimError('400', 'title: too long', 'invalidValue'));
    expect(answer(new BadRequestException('Unexpected end of JSON input'), '/scim/v2/Users').body).toEqual(
      scimError('400', 'Unexpected end of JSON input', 'invalidSyntax'),
    );
    expect(answer(new Error('connection reset'), '/scim/v2/Bulk')).toMatchObject({
      status: 500,
      body: scimError('500', 'internal error (correlation id req-42)'),
    });
  });

  it('answers a VigieError with the status of its kind, the kind and the message', () => {
    expect(answer(new VigieError('not-found', 'no finding with id 0000'))).toEqual({
      status: 404,
      body: { statusCode: 404, error: 'not-found', message: 'no finding with id 0000' },
    });
  });

  it('answers too-many-requests with a 429 and a Retry-After in whole seconds, at least one', () => {
    expect(answer(new VigieError('too-many-requests', 'too many failed attempts from this address', { retryAfterSeconds: 41.2 }))).toEqual({
      status: 429,
      body: { statusCode: 429, error: 'too-many-requests', message: 'too many failed attempts from this address' },
      headers: { 'Retry-After': '42' },
    });
    expect(answer(new VigieError('too-many-requests', 'wait', { retryAfterSeconds: 0 })).headers).toEqual({ 'Retry-After': '1' });
  });

  it('lists every problem in details when there are several', () => {
    const { status, body } = answer(
      new VigieError('invalid-input', 'the policy is invalid:\n  a.yaml:1:1 x\n  b.yaml:2:1 y', { details: ['a.yaml:1:1 x', 'b.yaml:2:1 y'] }),
    );
    expect(status).toBe(400);
    expect(body.details).toEqual(['a.yaml:1:1 x', 'b.yaml:2:1 y']);
  });

  it('gives the correlation id with an error on the server side, which the operator fixes', () => {
    expect(answer(new VigieError('unavailable', 'cannot connect to PostgreSQL'))).toEqual({
      status: 503,
      body: { statusCode: 503, error: 'unavailable', message: 'cannot connect to PostgreSQL', correlationId: 'req-42' },
    });
  });

  it("answers Nest's own HTTP errors with the kind of their status, and a body a route chose as it is", () => {
    expect(answer(new BadRequestException({ statusCode: 400, message: ['colour is not allowed', 'size is too big'] }))).toEqual({
      status: 400,
      body: { statusCode: 400, error: 'invalid-input', message: 'colour is not allowed; size is too big' },
    });
    expect(answer(new NotFoundException('Cannot GET /api/nowhere'))).toEqual({
      status: 404,
      body: { statusCode: 404, error: 'not-found', message: 'Cannot GET /api/nowhere' },
    });
    // The readiness answer of /health/ready: its own shape, which the document declares.
    expect(answer(new ServiceUnavailableException({ status: 'error', checks: { database: 'down' } }))).toEqual({
      status: 503,
      body: { status: 'error', checks: { database: 'down' } },
    });
    // A status no kind stands for keeps Nest's body.
    expect(answer(new HttpException({ statusCode: 413, message: 'request entity too large' }, 413))).toEqual({
      status: 413,
      body: { statusCode: 413, message: 'request entity too large' },
    });
  });

  it('answers anything else with a 500 and a correlation id, never its message', () => {
    expect(answer(new TypeError("Cannot read properties of undefined (reading 'dn')"))).toEqual({
      status: 500,
      body: { statusCode: 500, message: 'internal error', correlationId: 'req-42' },
    });
  });
});
