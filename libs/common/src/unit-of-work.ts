/**
 * One PostgreSQL transaction: the stores given to `work` write on it, and every row and trail entry it wrote lands at
 * once when `work` resolves, or none does when it throws. Each library names the stores it needs (`Tx`); the
 * composition root provides one implementation for all of them (libs/application).
 */
export interface UnitOfWork<Tx> {
  run<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}
