import type { ErrorKind } from '#vigie/common';

/**
 * The HTTP status of a VigieError, by kind: the one place the API decides it. Configuration is a 500: the caller can
 * do nothing about Vigie's own settings, the operator must (the message says what).
 */
export const ERROR_STATUS: Readonly<Record<ErrorKind, number>> = {
  'invalid-input': 400,
  usage: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  configuration: 500,
  unavailable: 503,
  'resource-exhausted': 503,
  'too-many-requests': 429,
};

/**
 * The kind of an HTTP error Nest raises itself (an unknown route, a body that is not JSON, a guard's refusal), so that
 * every error body of the API names a kind. Statuses no kind stands for keep Nest's body.
 */
export const KIND_OF_STATUS: Readonly<Partial<Record<number, ErrorKind>>> = {
  400: 'invalid-input',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  429: 'too-many-requests',
  503: 'unavailable',
};
