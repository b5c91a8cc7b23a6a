import { VigieError } from '#vigie/common';
import { asInput } from '../http/caller.decorator.js';

/**
 * A query or body for a request use case, refused when it names `as`: the command line's way of naming the person
 * it acts for. Over the API, the person is the caller (their session), and no field lets them act as someone else.
 */
export function callerInput<T>(raw: Record<string, unknown> | undefined): T {
  if (raw && Object.hasOwn(raw, 'as')) {
    const message = 'as: not a field of the API (the request acts as the signed-in caller; `as` is for the command line)';
    throw new VigieError('invalid-input', message, { details: [message] });
  }
  return asInput<T>(raw);
}
