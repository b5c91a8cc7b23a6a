import type { ApiTokenStore, StaffSessionStore } from '#vigie/access-control';
import type { FindingStore } from '#vigie/audit';
import type { HeldTransaction, HoldableUnitOfWork, JobOutbox } from '#vigie/common';
import type { PersonalDataStore } from '#vigie/gdpr';
import type { HrEventStore } from '#vigie/hr';
import type { SnapshotStore, SyncRunStore } from '#vigie/identity';
import type { SqlClient } from '#vigie/persistence';
import type { PolicyStore } from '#vigie/policy';
import type { ReportStore } from '#vigie/reporting';
import type { AccessRequestStore } from '#vigie/requests';
import type { TrailWriter } from '#vigie/trail';

/**
 * Every store a use case may write in one transaction, bound to it: what each library's unit of work names
 * (`SyncTransaction`, `AuditTransaction`, ...) is a part of this.
 */
export interface TransactionStores {
  snapshots: SnapshotStore;
  runs: SyncRunStore;
  findings: FindingStore;
  tokens: ApiTokenStore;
  sessions: StaffSessionStore;
  personalData: PersonalDataStore;
  policies: PolicyStore;
  /** Access requests and delegations (issue 16), in the transaction. */
  requests: AccessRequestStore;
  /** HR events, the people they describe and their follow-ups (issue 17), in the transaction. */
  hr: HrEventStore;
  /** Generated compliance reports (issue 18), in the transaction. */
  reports: ReportStore;
  /** The trail, chained in the transaction: its entries land with the rows, or not at all. */
  trail: TrailWriter;
  /** The job queue's outbox in the transaction: a job enqueued here exists only if the transaction commits. */
  jobs: JobOutbox;
}

/** Rolls a held transaction back: the error `transaction()` sees, and swallows. */
class RolledBack extends Error {}

/** Told, inside the transaction, just before it commits: what its work recorded in the trail. */
export type BeforeCommit = (recordedActions: readonly string[]) => void;

/** The unit of work on the database: one SQL transaction, the stores made on its connection. */
export class SqlUnitOfWork implements HoldableUnitOfWork<TransactionStores> {
  constructor(
    private readonly db: SqlClient,
    private readonly storesOn: (tx: SqlClient) => TransactionStores & { recordedActions(): readonly string[] },
    private readonly beforeCommit: BeforeCommit = () => undefined,
  ) {}

  run<T>(work: (tx: TransactionStores) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      const stores = this.storesOn(tx);
      const result = await work(stores);
      this.beforeCommit(stores.recordedActions());
      return result;
    });
  }

  /**
   * A transaction on a connection of its own, kept open until commit or rollback while other statements run on the
   * pool. None on the embedded PGlite, whose one session the transaction would hold.
   */
  async hold(): Promise<HeldTransaction<TransactionStores> | null> {
    if (!this.db.concurrentTransactions) return null;
    let end!: (commit: boolean) => void;
    let opened!: (tx: SqlClient) => void;
    const ready = new Promise<SqlClient>((resolve) => (opened = resolve));
    const decided = new Promise<boolean>((resolve) => (end = resolve));
    let stores: ReturnType<typeof this.storesOn> | undefined;
    const done = this.db.transaction(async (tx) => {
      stores = this.storesOn(tx);
      opened(tx);
      if (!(await decided)) throw new RolledBack();
      this.beforeCommit(stores.recordedActions());
    });
    // A transaction that could not even begin fails `ready` through `done`.
    await Promise.race([ready, done.then(() => Promise.reject(new Error('the transaction ended before it was held')))]);
    let ended = false;
    const finish = async (commit: boolean) => {
      if (ended) throw new Error('this transaction has already ended');
      ended = true;
      end(commit);
      await done.catch((err: unknown) => {
        if (!(err instanceof RolledBack) || commit) throw err;
      });
    };
    return { tx: stores!, commit: () => finish(true), rollback: () => finish(false) };
  }
}
