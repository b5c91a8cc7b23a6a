/**
 * When a process signs checkpoints on its own: at the end of each use case that wrote trail entries, at most one
 * per `minIntervalMs` (a use case ending sooner is covered by a checkpoint when the interval is up), and once more
 * before the process closes. The entries not yet covered by a published checkpoint, those an attacker could still cut
 * or rewrite unseen, are at any time those of the use cases running and of the last interval.
 */
export class TrailCheckpointCadence {
  private written = false;
  private lastAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly sign: () => Promise<unknown>,
    private readonly onError: (err: unknown) => void,
    readonly minIntervalMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** An entry was appended (told by the trail writers of this process). */
  noteWritten(): void {
    this.written = true;
  }

  /** The end of a use case: a checkpoint now if entries were written and the last one is old enough, else one soon. */
  async settle(): Promise<void> {
    if (!this.written || this.timer || this.closed) return;
    const wait = this.lastAt + this.minIntervalMs - this.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.run();
      }, wait);
      this.timer.unref();
      return;
    }
    await this.run();
  }

  /**
   * Before the database closes: the last entries get their checkpoint; a use case still in flight after that leaves
   * its checkpoint to the worker's schedule.
   */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.closed = true;
    await this.running;
    if (this.written) await this.run();
  }

  /** The database opened again after a close: use cases sign again. */
  reopen(): void {
    this.closed = false;
  }

  private run(): Promise<void> {
    if (this.running) return this.running;
    this.written = false;
    this.lastAt = this.now();
    this.running = this.sign()
      .then(
        () => undefined,
        (err: unknown) => {
          // Tried again after the next use case that writes, and by the worker's schedule meanwhile.
          this.written = true;
          this.onError(err);
        },
      )
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }
}
