import type { AttemptCount, AttemptKey } from '../ports/sign-in-attempt.store.js';
import { SignInAttemptStore } from '../ports/sign-in-attempt.store.js';
import type { AttemptScope } from '../sign-in-attempts.policy.js';

/** The counters in a map, for unit specs: each method does what the PostgreSQL store's one statement does. */
export class InMemorySignInAttemptStore extends SignInAttemptStore {
  readonly rows = new Map<string, AttemptCount & { alerted: boolean }>();

  async countFailure(key: AttemptKey & { windowEnd: Date }, at: Date): Promise<AttemptCount> {
    const row = this.rows.get(id(key)) ?? this.create(key);
    row.failures += 1;
    row.firstFailureAt ??= at;
    row.lastFailureAt = !row.lastFailureAt || at > row.lastFailureAt ? at : row.lastFailureAt;
    return copy(row);
  }

  async rowsOf(scope: AttemptScope, key: string): Promise<AttemptCount[]> {
    return [...this.rows.values()].filter((r) => r.scope === scope && r.key === key).map(copy);
  }

  async lockOut(key: AttemptKey, until: Date, at: Date): Promise<boolean> {
    const row = this.rows.get(id(key));
    if (!row || (row.lockedUntil && row.lockedUntil > at)) return false;
    row.lockedUntil = until;
    return true;
  }

  async delay(key: AttemptKey, until: Date): Promise<void> {
    const row = this.rows.get(id(key));
    if (row && (!row.waitUntil || until > row.waitUntil)) row.waitUntil = until;
  }

  async markReported(key: AttemptKey, failures: number): Promise<void> {
    const row = this.rows.get(id(key));
    if (row) row.reported = Math.max(row.reported, failures);
  }

  async claimUnreported(closedBy: Date, of: { scope: AttemptScope; key: string } | null, limit: number): Promise<AttemptCount[]> {
    const claimed = [...this.rows.values()]
      .filter((r) => r.scope !== 'all' && r.windowEnd <= closedBy && r.failures > r.reported && (!of || (r.scope === of.scope && r.key === of.key)))
      .sort((a, b) => a.windowStart.getTime() - b.windowStart.getTime())
      .slice(0, limit);
    for (const r of claimed) r.reported = r.failures;
    return claimed.map(copy);
  }

  async claimAlert(key: AttemptKey & { windowEnd: Date }): Promise<boolean> {
    const row = this.rows.get(id(key)) ?? this.create(key);
    if (row.alerted) return false;
    row.alerted = true;
    return true;
  }

  async busiest(scope: AttemptScope, windowStart: Date, limit: number): Promise<Array<{ key: string; failures: number }>> {
    return [...this.rows.values()]
      .filter((r) => r.scope === scope && r.windowStart.getTime() === windowStart.getTime())
      .sort((a, b) => b.failures - a.failures)
      .slice(0, limit)
      .map((r) => ({ key: r.key, failures: r.failures }));
  }

  async forget(scope: AttemptScope, key: string): Promise<void> {
    for (const [k, r] of this.rows) if (r.scope === scope && r.key === key) this.rows.delete(k);
  }

  async purge(at: Date): Promise<number> {
    let purged = 0;
    for (const [k, r] of this.rows) {
      const done = r.windowEnd <= at && (r.scope === 'all' || r.failures <= r.reported);
      const idle = (!r.lockedUntil || r.lockedUntil <= at) && (!r.waitUntil || r.waitUntil <= at);
      if (done && idle) {
        this.rows.delete(k);
        purged++;
      }
    }
    return purged;
  }

  private create(key: AttemptKey & { windowEnd: Date }): AttemptCount & { alerted: boolean } {
    const row = {
      scope: key.scope,
      key: key.key,
      windowStart: key.windowStart,
      windowEnd: key.windowEnd,
      failures: 0,
      reported: 0,
      firstFailureAt: null,
      lastFailureAt: null,
      lockedUntil: null,
      waitUntil: null,
      alerted: false,
    };
    this.rows.set(id(key), row);
    return row;
  }
}

const id = (k: AttemptKey) => `${k.scope}|${k.key}|${k.windowStart.toISOString()}`;

function copy(r: AttemptCount): AttemptCount {
  return {
    scope: r.scope,
    key: r.key,
    windowStart: r.windowStart,
    windowEnd: r.windowEnd,
    failures: r.failures,
    reported: r.reported,
    firstFailureAt: r.firstFailureAt,
    lastFailureAt: r.lastFailureAt,
    lockedUntil: r.lockedUntil,
    waitUntil: r.waitUntil,
  };
}
