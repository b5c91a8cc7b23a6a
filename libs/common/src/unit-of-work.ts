/**
 * One PostgreSQL transaction: the stores given to `work` write on it, and every row and trail entry it wrote lands at
 * once when `work` resolves, or none does when it throws. Each library names the stores it needs (`Tx`); the
 * composition root provides one implementation for all of them (libs/application).
 */
export interface UnitOfWork<Tx> {
  run<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}

/** A transaction kept open across a long piece of work; exactly one of commit and rollback must be called. */
export interface HeldTransaction<Tx> {
  readonly tx: Tx;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/**
 * A unit of work that can also be held open while something else goes on (a first snapshot written while the
 * directory is read). `hold()` is null where the database cannot keep a transaction open beside other statements
 * (the embedded PGlite has one session): the caller then does the long work first and writes in `run`.
 */
export interface HoldableUnitOfWork<Tx> extends UnitOfWork<Tx> {
  hold(): Promise<HeldTransaction<Tx> | null>;
}
