import { getHeapStatistics } from 'node:v8';
import { VigieError } from '#vigie/common';

/** The audit would need more memory than the process may use: stopped before V8 aborts with a heap dump. */
export class AuditOutOfMemoryError extends VigieError {
  constructor(usedMb: number, limitMb: number, where: string) {
    super(
      'resource-exhausted',
      `the audit stopped ${where}: it uses ${usedMb} MB of the ${limitMb} MB heap Node gives this process, and would run out of memory. ` +
        `Give it a larger heap, e.g. NODE_OPTIONS=--max-old-space-size=${Math.ceil((limitMb * 2) / 1024) * 1024} (in MB, within the machine's memory), and run it again`,
    );
  }
}

type HeapStatistics = () => { used_heap_size: number; heap_size_limit: number };

/**
 * Watches the heap between the steps of an audit. Past `ratio` of the limit, V8 is about to collect for its life and
 * then abort the process with a "JavaScript heap out of memory" dump; the guard throws a VigieError instead, so the
 * run is recorded as failed and the operator reads what to do. Garbage not yet collected also counts as used, so the
 * guard stops only when the heap stays that full for `patience` checks in a row.
 */
export class HeapGuard {
  private over = 0;

  constructor(
    private readonly ratio = 0.9,
    private readonly patience = 3,
    private readonly statistics: HeapStatistics = getHeapStatistics,
  ) {}

  check(where: string): void {
    const { used_heap_size: used, heap_size_limit: limit } = this.statistics();
    if (used < this.ratio * limit) {
      this.over = 0;
      return;
    }
    if (++this.over < this.patience) return;
    throw new AuditOutOfMemoryError(Math.round(used / 2 ** 20), Math.round(limit / 2 ** 20), where);
  }
}
