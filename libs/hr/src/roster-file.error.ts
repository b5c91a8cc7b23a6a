/** A roster file that cannot be used: which file, which line, what is wrong and what is expected. */
export class RosterFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    problem: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${problem}`);
    this.name = 'RosterFileError';
  }
}
