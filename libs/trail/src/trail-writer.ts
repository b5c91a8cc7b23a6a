import { randomBytes } from 'node:crypto';
import { toJsonValue } from './canonical-json.js';
import { type DirectoryChange, directoryChangeInputs } from './directory-change.js';
import { type DraftEntry, TrailStore } from './ports/trail.store.js';
import { Pseudonymiser } from './pseudonymiser.js';
import { TrailContext } from './trail-context.js';
import { type PersonRef, type SealedEntry, type TrailKind, type TrailPerson, type TrailRecordInput, defaultKindOf } from './trail-entry.model.js';
import { canonicalEntryParts, personalDigest } from './trail-hash.js';

/**
 * The one port every library records a change through. Entries are chained per kind; people are kept out of the
 * chain (pseudonyms), their data in a separate table that erasure can scrub.
 */
export abstract class TrailWriter {
  /** Records one entry; resolves once it is durably chained. */
  abstract record(input: TrailRecordInput): Promise<SealedEntry>;
  /** Records several entries, chained in the order given within each kind. */
  abstract recordMany(inputs: TrailRecordInput[]): Promise<SealedEntry[]>;

  /** The per-object changes a sync run found (added, modified with old and new values, removed; memberships). */
  recordDirectoryChanges(directory: string, syncRunId: string, changes: DirectoryChange[]): Promise<SealedEntry[]> {
    return this.prepareDirectoryChanges(directory, syncRunId, changes).record();
  }

  /**
   * The same in two steps: the entries are worked out now (pseudonyms, digests: the CPU part, in slices that give the
   * event loop back), and chained when `record` is called. A sync prepares them while its snapshot is being written in
   * the same transaction, and records them right after, before that transaction commits.
   */
  prepareDirectoryChanges(directory: string, syncRunId: string, changes: DirectoryChange[]): PreparedEntries {
    const inputs = directoryChangeInputs(directory, syncRunId, changes);
    return { record: () => this.recordMany(inputs) };
  }
}

/** Entries worked out, not chained yet. */
export interface PreparedEntries {
  record(): Promise<SealedEntry[]>;
}

/** An entry split into its chained part and its personal part, ready to append. */
interface Prepared {
  chain: TrailKind;
  draft: DraftEntry;
  persons: TrailPerson[];
}

interface Pending {
  draft: DraftEntry;
  persons: TrailPerson[];
  resolve(e: SealedEntry): void;
  reject(err: unknown): void;
}

/** Most entries a single transaction appends: big enough to batch a burst, small enough to keep the lock short. */
const MAX_BATCH = 500;
/** Entries prepared between two turns of the event loop (a few milliseconds of work). */
const PREPARE_SLICE = 25;

/**
 * Group commit: concurrent record() calls of one process queue up while a batch is being appended, then go
 * in the next transaction together. Across processes the database's lock on the chain head orders the batches.
 */
export class ChainedTrailWriter extends TrailWriter {
  private readonly queues = new Map<TrailKind, Pending[]>();
  private readonly draining = new Set<TrailKind>();
  private readonly pseudonyms: Pseudonymiser;
  private readonly salts = new SaltPool();

  constructor(
    private readonly store: TrailStore,
    pseudonymKey: Buffer,
    private readonly clock: () => Date = () => new Date(),
    /** Told after each batch is chained: the process signs a checkpoint once its use case ends. */
    private readonly onAppended: (chain: TrailKind) => void = () => undefined,
  ) {
    super();
    this.pseudonyms = new Pseudonymiser(pseudonymKey);
  }

  record(input: TrailRecordInput): Promise<SealedEntry> {
    return this.recordMany([input]).then((r) => r[0]);
  }

  recordMany(inputs: TrailRecordInput[]): Promise<SealedEntry[]> {
    return this.enqueue(inputs.map((input) => this.prepare(input)));
  }

  override prepareDirectoryChanges(directory: string, syncRunId: string, changes: DirectoryChange[]): PreparedEntries {
    const inputs = directoryChangeInputs(directory, syncRunId, changes);
    // Batch by batch, and within a batch in slices, giving the event loop back between them: the snapshot's writes
    // are sent meanwhile (each statement needs the loop), and 1,000 changes take ~90 ms to prepare.
    const batches: Array<Promise<Prepared[]>> = [];
    let previous: Promise<unknown> = Promise.resolve();
    for (let from = 0; from < inputs.length; from += MAX_BATCH) {
      const slice = inputs.slice(from, from + MAX_BATCH);
      const batch = previous.then(async () => {
        const out: Prepared[] = [];
        for (let i = 0; i < slice.length; i += PREPARE_SLICE) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          for (let j = i; j < Math.min(slice.length, i + PREPARE_SLICE); j++) out.push(this.prepare(slice[j]!));
        }
        return out;
      });
      batch.catch(() => undefined);
      batches.push(batch);
      previous = batch;
    }
    return { record: async () => this.enqueue((await Promise.all(batches)).flat()) };
  }

  private enqueue(prepared: Prepared[]): Promise<SealedEntry[]> {
    const promises = prepared.map(({ chain, draft, persons }) => {
      return new Promise<SealedEntry>((resolve, reject) => {
        const queue = this.queues.get(chain) ?? [];
        queue.push({ draft, persons, resolve, reject });
        this.queues.set(chain, queue);
      });
    });
    for (const chain of this.queues.keys()) void this.drain(chain);
    return Promise.all(promises);
  }

  /** Splits the input into the chained part and the personal part. */
  prepare(input: TrailRecordInput): Prepared {
    if (!input.action || !/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/.test(input.action)) {
      throw new Error(`trail action "${input.action}" must look like "object.verb" in lower case (e.g. "api-token.created")`);
    }
    const ctx = TrailContext.current();
    const actor = input.actor ?? ctx.actor ?? { type: 'system' as const, id: 'vigie' };
    const chain = input.kind ?? defaultKindOf(input.action);
    const persons = new Map<string, TrailPerson>();
    const personOf = (ref: PersonRef) => {
      const pseudonym = this.pseudonyms.pseudonym(ref);
      const known = persons.get(pseudonym);
      persons.set(pseudonym, {
        pseudonym,
        login: ref.login ?? known?.login ?? null,
        employeeId: ref.employeeId ?? known?.employeeId ?? null,
        directory: ref.directory ?? known?.directory ?? null,
        displayName: ref.displayName ?? known?.displayName ?? null,
      });
      return pseudonym;
    };
    const actorId = actor.type === 'person' ? personOf({ login: actor.id }) : actor.id;
    const subjects = [...new Set((input.subjects ?? []).map(personOf))];
    const sourceAddress = input.sourceAddress ?? ctx.sourceAddress ?? undefined;
    const details = compact({
      before: input.before === undefined ? undefined : toJsonValue(input.before),
      after: input.after === undefined ? undefined : toJsonValue(input.after),
    });
    const aboutPeople = subjects.length > 0;
    const personalData = compact({
      ...(aboutPeople ? { targetId: input.target?.id, ...details } : {}),
      reason: input.reason ?? undefined,
      labels: input.personal && Object.keys(input.personal).length ? (toJsonValue(input.personal) as Record<string, unknown>) : undefined,
      sourceAddress,
    });
    const personal = Object.keys(personalData).length ? { salt: this.salts.next(), data: personalData } : null;
    const entry: DraftEntry['entry'] = {
      at: (input.at ?? this.clock()).toISOString(),
      actorType: actor.type,
      actorId,
      action: input.action,
      targetType: input.target?.type ?? null,
      targetId: aboutPeople ? null : (input.target?.id ?? null),
      details: aboutPeople || !Object.keys(details).length ? null : details,
      correlationId: input.correlationId ?? ctx.correlationId ?? null,
      subjects,
      personalDigest: personal ? personalDigest(personal.salt, personal.data) : null,
    };
    return { chain, draft: { entry, personal, parts: canonicalEntryParts(chain, entry) }, persons: [...persons.values()] };
  }

  private async drain(chain: TrailKind): Promise<void> {
    if (this.draining.has(chain)) return;
    this.draining.add(chain);
    try {
      const queue = this.queues.get(chain) ?? [];
      while (queue.length) {
        const batch = queue.splice(0, MAX_BATCH);
        try {
          const persons = new Map(batch.flatMap((p) => p.persons).map((p) => [p.pseudonym, p]));
          const sealed = await this.store.append(
            chain,
            batch.map((p) => p.draft),
            [...persons.values()],
          );
          this.onAppended(chain);
          batch.forEach((p, i) => p.resolve(sealed[i]));
        } catch (err) {
          batch.forEach((p) => p.reject(err));
        }
      }
    } finally {
      this.draining.delete(chain);
    }
  }
}

function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
}

/**
 * Salts of personal parts, 16 random bytes each, cut from a larger draw: one call into the random
 * source per 256 entries instead of one per entry (a sync of a thousand changes makes a thousand).
 */
class SaltPool {
  private static readonly SALTS = 256;
  private pool = Buffer.alloc(0);
  private at = 0;

  next(): string {
    if (this.at === this.pool.length) {
      this.pool = randomBytes(16 * SaltPool.SALTS);
      this.at = 0;
    }
    const salt = this.pool.toString('hex', this.at, this.at + 16);
    // Each salt is used once: the bytes are wiped once read.
    this.pool.fill(0, this.at, this.at + 16);
    this.at += 16;
    return salt;
  }
}
