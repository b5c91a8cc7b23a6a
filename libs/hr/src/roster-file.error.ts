import { VigieError } from '#vigie/common';

/** A roster file that cannot be used: which file, which line, what is wrong and what is expected. */
export class RosterFileError extends VigieError {
  constructor(
    readonly file: string,
    readonly line: number | null,
    problem: string,
  ) {
    super('invalid-input', `${file}${line ? `:${line}` : ''}: ${problem}`);
  }
}
