/**
 * The positional parameters of a statement built piece by piece. Lists go as one parameter each (`IN ($2, $3)`), not
 * as an array parameter, which PGlite has mis-serialised through TypeORM (see the stack notes).
 */
export class SqlParams {
  readonly values: unknown[] = [];

  /** The placeholder of a new parameter holding this value. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** The placeholders of a list, for `IN (…)`: one parameter per value. */
  list(values: readonly unknown[]): string {
    return values.map((v) => this.add(v)).join(', ');
  }
}
