import { SILENT_LOGGER, type VigieLogger } from '#vigie/logging';
import { type TrailActor, TrailContext, type TrailRecordInput, type TrailWriter } from '#vigie/trail';
import type { AttemptCount, SignInAttemptStore } from './ports/sign-in-attempt.store.js';
import type { SecurityAlerts } from './ports/security-alerts.js';
import { SignInAttempts, type SignInAttempt, type SignInBlock } from './ports/sign-in-attempts.js';
import {
  type AttemptScope,
  type AttemptWindow,
  type SignInAttemptSettings,
  afterFailure,
  blockedUntil,
  isBurst,
  retryAfterSeconds,
  unreportedClosed,
  windowAt,
} from './sign-in-attempts.policy.js';

export interface SignInThrottleDeps {
  store: SignInAttemptStore;
  trail: TrailWriter;
  alerts: SecurityAlerts;
  settings: SignInAttemptSettings;
  /** A keyed hash of a login (the trail's pseudonym): the store never holds the login itself. */
  accountKey: (login: string) => string;
  logger?: VigieLogger;
  now?: () => Date;
}

/** A counted key of an attempt, with what the trail and an alert may say of it. */
interface Keyed {
  scope: 'source' | 'account';
  key: string;
}

const SIGN_IN: TrailActor = { type: 'system', id: 'sign-in' };
/** A source address the edge could not tell (a test, a socket without one): counted as one source. */
const UNKNOWN_SOURCE = 'unknown';
/**
 * Closed by then: every window, the running one included (an account that signs in reports all of its own). A
 * four-digit year: the embedded PGlite refuses JavaScript's last date (+275760-09-13), which a sign-in on the demo sent.
 */
const END_OF_TIME = new Date('9999-12-31T23:59:59.999Z');
const SWEEP_BATCH = 500;
/** How long a key found without counters is taken as clear by this process, and how many such keys it remembers. */
const CLEAR_MS = 1000;
const MAX_CLEAR = 10_000;
const clearKey = (k: Keyed) => `${k.scope}\u0000${k.key}`;

/**
 * Failed sign-ins and failed tokens, counted per source and per account in the database (the counters hold across
 * replicas), with a growing delay then a lockout per account, a lockout per source, all expiring on their own. The
 * trail gets one entry per window and key, never one per attempt: the window's first failure (seen at once), the
 * start of a lockout (with its count), and a summary with the count when a window that had more failures closes. A
 * lockout, or a burst of failures across sources, alerts the security officer at once, once per key and window.
 */
export class SignInThrottle extends SignInAttempts {
  private readonly logger: VigieLogger;
  private readonly now: () => Date;
  private readonly sending = new Set<Promise<unknown>>();
  /**
   * Keys this process found without any counter, until when it need not ask again: a busy client's every request
   * would otherwise read the database once more (a third of the throughput of the cheapest routes). For at most
   * CLEAR_MS a lockout another replica starts is not seen here; every failure is still counted in the database, and a
   * failure here forgets the key at once.
   */
  private readonly clear = new Map<string, number>();

  constructor(private readonly deps: SignInThrottleDeps) {
    super();
    this.logger = deps.logger ?? SILENT_LOGGER;
    this.now = deps.now ?? (() => new Date());
  }

  async blocked(attempt: SignInAttempt): Promise<SignInBlock | null> {
    const at = this.now();
    const keys = this.keysOf(attempt);
    if (keys.every((k) => (this.clear.get(clearKey(k)) ?? 0) > at.getTime())) return null;
    const rows = await Promise.all(keys.map((k) => this.deps.store.rowsOf(k.scope, k.key)));
    this.rememberClear(keys, rows, at);
    // The next attempt of a key tells the trail of its windows that closed since (the worker's sweep does it too).
    for (const [i, k] of keys.entries()) if (unreportedClosed(rows[i]!, at).length) await this.summarise(at, k);
    for (const [i, k] of keys.entries()) {
      const until = blockedUntil(rows[i]!, at);
      if (until) return { scope: k.scope, retryAfterSeconds: retryAfterSeconds(until, at) };
    }
    return null;
  }

  async failed(attempt: SignInAttempt, reason: string): Promise<void> {
    const { store, settings } = this.deps;
    const at = this.now();
    for (const k of this.keysOf(attempt)) this.clear.delete(clearKey(k));
    const window = windowAt(at, settings.windowMinutes);
    const keys = this.keysOf(attempt);
    const counts = await Promise.all(keys.map((k) => store.countFailure({ ...k, windowStart: window.start, windowEnd: window.end }, at)));
    if (counts.some((c) => c.failures === 1)) {
      await this.record(this.firstFailure(attempt, reason, window, at));
      await Promise.all(counts.filter((c) => c.failures === 1).map((c) => store.markReported(c, 1)));
    }
    for (const count of counts) {
      const scope = count.scope as 'source' | 'account';
      const outcome = afterFailure(scope, count.failures, at, settings);
      if (outcome.kind === 'delay') await store.delay(count, outcome.until);
      if (outcome.kind === 'lockout' && (await store.lockOut(count, outcome.until, at))) {
        await this.lockedOut(attempt, reason, count, outcome.until, at);
      }
    }
    await this.countBurst(attempt, window, at);
  }

  async succeeded(attempt: SignInAttempt): Promise<void> {
    if (!attempt.account) return;
    const key = this.deps.accountKey(attempt.account);
    await this.summarise(END_OF_TIME, { scope: 'account', key });
    await this.deps.store.forget('account', key);
  }

  private rememberClear(keys: Keyed[], rows: unknown[][], at: Date): void {
    if (this.clear.size >= MAX_CLEAR) this.clear.clear();
    for (const [i, k] of keys.entries()) {
      if (rows[i]!.length === 0) this.clear.set(clearKey(k), at.getTime() + CLEAR_MS);
      else this.clear.delete(clearKey(k));
    }
  }

  /**
   * The worker's sweep: a summary for every window closed with failures the trail was not told of, then the counters
   * that block nothing any more are dropped.
   */
  async sweep(): Promise<{ summarised: number; purged: number }> {
    const at = this.now();
    let summarised = 0;
    let batch: number;
    do {
      batch = await this.summarise(at, null);
      summarised += batch;
    } while (batch === SWEEP_BATCH);
    return { summarised, purged: await this.deps.store.purge(at) };
  }

  /** Resolves once the alerts sent so far have been delivered or have failed (they are not awaited by an attempt). */
  async idle(): Promise<void> {
    while (this.sending.size) await Promise.all([...this.sending]);
  }

  private keysOf(attempt: SignInAttempt): Keyed[] {
    // An address is at most 45 characters (IPv6 with IPv4); the cut only guards the column against an edge that passes anything.
    const keys: Keyed[] = [{ scope: 'source', key: (attempt.source || UNKNOWN_SOURCE).slice(0, 128) }];
    if (attempt.account) keys.push({ scope: 'account', key: this.deps.accountKey(attempt.account) });
    return keys;
  }

  private firstFailure(attempt: SignInAttempt, reason: string, window: AttemptWindow, at: Date): TrailRecordInput {
    return {
      action: 'auth.failed',
      actor: attempt.method === 'token' ? { type: 'token', id: 'unknown' } : SIGN_IN,
      target: { type: attempt.method === 'token' ? 'api' : 'sign-in', id: attempt.route ?? attempt.method },
      after: { method: attempt.method, reason, windowStart: window.start.toISOString(), windowMinutes: this.deps.settings.windowMinutes },
      sourceAddress: attempt.source ?? null,
      subjects: attempt.account ? [{ login: attempt.account }] : undefined,
      at,
    };
  }

  private async lockedOut(attempt: SignInAttempt, reason: string, count: AttemptCount, until: Date, at: Date): Promise<void> {
    const { settings, store } = this.deps;
    const scope = count.scope as 'source' | 'account';
    this.logger.warn({ msg: 'sign-in locked out', scope, failures: count.failures, until: until.toISOString() });
    await this.record({
      action: 'auth.locked-out',
      actor: SIGN_IN,
      target: { type: 'sign-in', id: scope === 'account' ? count.key : 'source' },
      after: {
        scope,
        method: attempt.method,
        failures: count.failures,
        lockedUntil: until.toISOString(),
        windowStart: count.windowStart.toISOString(),
        reason,
      },
      sourceAddress: attempt.source ?? null,
      subjects: scope === 'account' && attempt.account ? [{ login: attempt.account }] : undefined,
      at,
    });
    await store.markReported(count, count.failures);
    if (!(await store.claimAlert(count))) return;
    const who = scope === 'source' ? `the address ${attempt.source ?? UNKNOWN_SOURCE}` : `the account ${attempt.account}`;
    const since = (count.firstFailureAt ?? at).toISOString();
    this.alert({
      kind: 'sign-in.locked-out',
      title: `[Vigie] sign-in locked out: ${who}`,
      lines: [
        `What: ${who} is locked out of Vigie for ${settings.lockoutMinutes} min (until ${until.toISOString()}) after failed ${attempt.method} sign-ins.`,
        `How many: ${count.failures} failures within ${settings.windowMinutes} min (threshold ${scope === 'source' ? settings.sourceLockoutAfter : settings.accountLockoutAfter}).`,
        `From: ${attempt.source ?? UNKNOWN_SOURCE}${attempt.route ? `, on ${attempt.route}` : ''}.`,
        `Since: ${since}.`,
        `Last refusal: ${reason}.`,
      ],
    });
  }

  /** Every failure in the minute, all sources together: a burst alerts once per window of the settings. */
  private async countBurst(attempt: SignInAttempt, window: AttemptWindow, at: Date): Promise<void> {
    const { store, settings } = this.deps;
    const minute = windowAt(at, 1);
    const all = await store.countFailure({ scope: 'all', key: 'minute', windowStart: minute.start, windowEnd: minute.end }, at);
    if (!isBurst(all.failures, settings)) return;
    if (!(await store.claimAlert({ scope: 'all', key: 'burst-alert', windowStart: window.start, windowEnd: window.end }))) return;
    const sources = await store.busiest('source', window.start, 5);
    this.logger.warn({ msg: 'burst of failed sign-ins', failures: all.failures, perMinute: settings.burstAlertPerMinute });
    this.alert({
      kind: 'sign-in.burst',
      title: `[Vigie] burst of failed sign-ins: ${all.failures} within a minute`,
      lines: [
        `What: ${all.failures} failed sign-ins within one minute, all sources together (threshold ${settings.burstAlertPerMinute}); the latest a ${attempt.method} sign-in.`,
        `How many: ${all.failures} since ${minute.start.toISOString()}.`,
        `From: ${sources.map((s) => `${s.key} (${s.failures} in ${settings.windowMinutes} min)`).join(', ') || (attempt.source ?? UNKNOWN_SOURCE)}.`,
        `Since: ${(all.firstFailureAt ?? minute.start).toISOString()}.`,
        `No further burst alert until ${window.end.toISOString()}.`,
      ],
    });
  }

  /** Summaries of the windows closed by `closedBy` not reported yet (of one key, or any); answers how many. */
  private async summarise(closedBy: Date, of: { scope: AttemptScope; key: string } | null): Promise<number> {
    const claimed = await this.deps.store.claimUnreported(closedBy, of, SWEEP_BATCH);
    const at = this.now();
    for (const c of claimed) {
      // About its window, not about the request that happened to close it: never that caller's address.
      await TrailContext.run({ sourceAddress: undefined }, () =>
        this.record({
          action: 'auth.failures-summarised',
          actor: SIGN_IN,
          target: { type: 'sign-in', id: c.scope === 'account' ? c.key : 'source' },
          after: {
            scope: c.scope,
            failures: c.failures,
            windowStart: c.windowStart.toISOString(),
            windowEnd: c.windowEnd.toISOString(),
            firstFailureAt: c.firstFailureAt?.toISOString() ?? null,
            lastFailureAt: c.lastFailureAt?.toISOString() ?? null,
          },
          sourceAddress: c.scope === 'source' ? c.key : null,
          at,
        }),
      );
    }
    return claimed.length;
  }

  /** The trail being down does not stop sign-ins from being counted and refused: logged, not thrown. */
  private async record(input: TrailRecordInput): Promise<void> {
    await this.deps.trail
      .record(input)
      .catch((err: unknown) => this.logger.error({ msg: 'could not record a failed sign-in in the trail', action: input.action, err }));
  }

  /** Sent at once, not awaited: a slow mail server must not hold the caller's answer (nor a lockout's). */
  private alert(event: { kind: string; title: string; lines: string[] }): void {
    const sent = this.deps.alerts
      .securityEvent(event)
      .catch((err: unknown) => this.logger.error({ msg: 'could not alert the security officer of a sign-in event', kind: event.kind, err }))
      .finally(() => this.sending.delete(sent));
    this.sending.add(sent);
  }
}
