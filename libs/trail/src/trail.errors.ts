import { type ErrorKind, VigieError } from '#vigie/common';

/**
 * A trail key is missing, unreadable or of the wrong kind (configuration), or a key file would be overwritten
 * (conflict): the message says which and what to do.
 */
export class TrailKeyError extends VigieError {
  constructor(message: string, kind: Extract<ErrorKind, 'configuration' | 'conflict'> = 'configuration') {
    super(kind, message);
  }
}

/**
 * A trail operation that cannot be done as asked: a bad range or cursor (invalid input), an unknown checkpoint (not
 * found), a trail whose state forbids it, such as pruning a chain that does not verify (conflict).
 */
export class TrailUsageError extends VigieError {
  constructor(message: string, kind: Extract<ErrorKind, 'invalid-input' | 'not-found' | 'conflict'> = 'invalid-input') {
    super(kind, message);
  }
}
