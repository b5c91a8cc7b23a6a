import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import * as z from 'zod';
import { ERROR_KINDS } from '#vigie/common';

/** The body of every error a caller can cause or act on; a 500 is a bug and carries only a correlation id. */
export const ErrorBodySchema = z
  .strictObject({
    statusCode: z.int().min(400).max(599),
    error: z.enum(ERROR_KINDS).describe('the kind of error, one per way of putting it right'),
    message: z.string().describe('what is wrong and what to do'),
    details: z.array(z.string()).optional().describe('every problem found, when there are several'),
  })
  .meta({ id: 'ErrorBody' });

export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 429 | 503;

const WHEN: Record<ErrorStatus, string> = {
  400: 'the input is not valid: the message says which part and how to put it right',
  401: 'no token, or a token that is unknown, revoked or expired',
  403: "the token's role may not do this",
  404: 'what the path names does not exist',
  409: 'the current state does not allow it',
  413: 'the body is larger than the route takes',
  429: 'too many failed sign-ins from this address: wait the seconds of the Retry-After header',
  503: 'a server Vigie depends on cannot be reached: try again later',
};

/**
 * Declares the errors a route can answer, each with the error body; `true` takes the usual reason, a string says
 * what causes it on this route.
 */
export function ApiErrors(errors: Partial<Record<ErrorStatus, string | true>>): MethodDecorator & ClassDecorator {
  // A route that checks a token can refuse a throttled source before checking it (auth.attempts).
  const all = errors[401] && !errors[429] ? { ...errors, 429: true as const } : errors;
  return applyDecorators(
    ...Object.entries(all).map(([status, when]) =>
      ApiResponse({ status: Number(status), description: when === true ? WHEN[Number(status) as ErrorStatus] : when, standardSchema: ErrorBodySchema }),
    ),
  );
}
