import { VigieError } from './vigie-error.js';

/** A mistake on the command line itself (a flag's value, a missing argument): the message says the right form. */
export class UsageError extends VigieError {
  constructor(message: string) {
    super('usage', message);
  }
}
