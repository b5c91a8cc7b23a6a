import type { HeldTransaction, HoldableUnitOfWork } from '../unit-of-work.js';

/** One transaction of an in-memory unit of work: its stores, and what makes their writes visible. */
export interface InMemoryTransaction<Tx> {
  tx: Tx;
  commit(): Promise<void>;
}

/**
 * A unit of work for unit specs over in-memory stores: `begin` makes a transaction's stores (typically buffering
 * what they write) and `commit` makes their writes visible; work that throws is never committed. It counts what it
 * did, so that a spec can say a use case wrote in one transaction.
 */
export class InMemoryUnitOfWork<Tx> implements HoldableUnitOfWork<Tx> {
  readonly counts = { runs: 0, commits: 0, rollbacks: 0 };

  constructor(
    private readonly begin: () => InMemoryTransaction<Tx>,
    private readonly options: { holdable?: boolean } = {},
  ) {}

  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const t = this.begin();
    this.counts.runs++;
    try {
      const result = await work(t.tx);
      await t.commit();
      this.counts.commits++;
      return result;
    } catch (err) {
      this.counts.rollbacks++;
      throw err;
    }
  }

  async hold(): Promise<HeldTransaction<Tx> | null> {
    if (!this.options.holdable) return null;
    const t = this.begin();
    this.counts.runs++;
    return {
      tx: t.tx,
      commit: async () => {
        await t.commit();
        this.counts.commits++;
      },
      rollback: async () => {
        this.counts.rollbacks++;
      },
    };
  }
}
