import type { Checkpoint } from '../checkpoint.js';
import type { ChainHead, ChainedEntry, PersonalPart, SealedEntry, StoredEntry, TrailKind, TrailPerson } from '../trail-entry.model.js';

/** An entry ready to be chained: everything but its position, known only under the chain's lock. */
export interface DraftEntry {
  entry: Omit<ChainedEntry, 'seq' | 'chain'>;
  personal: { salt: string; data: PersonalPart } | null;
  /**
   * The entry's canonical text before and after its seq (canonicalEntryParts), when the writer worked it out
   * already: a sync prepares its entries while its snapshot commits, so that only the chaining is left after.
   */
  parts?: { pre: string; post: string };
}

export interface TrailFilter {
  chain?: TrailKind[];
  /** Actor id (token id, job name) or pseudonyms of a person. */
  actorIds?: string[];
  action?: string;
  targetType?: string;
  /** A target id as stored in the chain or in the personal part, or the pseudonyms of a person. */
  targetId?: string;
  subjects?: string[];
  /** Entries whose actor or subjects include one of these pseudonyms (a data subject's whole trail). */
  involving?: string[];
  from?: Date;
  to?: Date;
}

/** Position in the listing, newest first: the entry's time, then its chain and seq to break ties. */
export interface TrailCursor {
  at: string;
  chain: TrailKind;
  seq: number;
}

/** Where the trail lives. The adapter serialises appends per chain in the database, so replicas keep one chain each. */
export abstract class TrailStore {
  /**
   * Appends the drafts to the chain in one transaction, under a lock on the chain's head (sealEntries numbers and
   * links them there), with their personal parts and the people they name.
   */
  abstract append(chain: TrailKind, drafts: DraftEntry[], persons: TrailPerson[]): Promise<SealedEntry[]>;
  abstract heads(): Promise<ChainHead[]>;
  /** Entries with seq > afterSeq (and <= toSeq), in seq order, with their personal part. */
  abstract readAfter(chain: TrailKind, afterSeq: number, limit: number, toSeq?: number): Promise<StoredEntry[]>;
  abstract firstSeq(chain: TrailKind): Promise<number | null>;
  abstract followerOf(chain: TrailKind, prevHash: string): Promise<number | null>;
  abstract entryAt(chain: TrailKind, seq: number): Promise<StoredEntry | null>;
  /** The last entry recorded at or before the given time. */
  abstract lastSeqAtOrBefore(chain: TrailKind, at: Date): Promise<number | null>;
  /** The first entry recorded at or after the given time. */
  abstract firstSeqAtOrAfter(chain: TrailKind, at: Date): Promise<number | null>;
  abstract oldestEntryTimes(): Promise<Partial<Record<TrailKind, Date>>>;

  abstract insertCheckpoint(c: Checkpoint): Promise<void>;
  abstract checkpoints(chain?: TrailKind): Promise<Checkpoint[]>;
  /** The checkpoint of the highest entry of each chain that has one. */
  abstract latestCheckpoints(): Promise<Checkpoint[]>;
  /** The entries of the change chain with these actions (key rotations, erasure records), in seq order. */
  abstract signedRecords(actions: string[]): Promise<StoredEntry[]>;
  abstract checkpoint(id: string): Promise<Checkpoint | null>;

  /**
   * Removes the entries of a chain up to seq through the database's one pruning path, which checks that a
   * checkpoint of that very entry exists so the rest still verifies. Returns how many entries went.
   */
  abstract prune(chain: TrailKind, uptoSeq: number, checkpointId: string): Promise<number>;

  abstract query(filter: TrailFilter, cursor: TrailCursor | null, limit: number): Promise<StoredEntry[]>;
  abstract persons(pseudonyms: string[]): Promise<TrailPerson[]>;
  /** People whose employee id or login (any case) is the given value, erased ones excluded. */
  abstract findPersons(employeeIdOrLogin: string): Promise<TrailPerson[]>;

  /** Stores the check value of the pseudonym key at first start; returns the stored one. */
  abstract pseudonymKeyCheck(value: string): Promise<string>;
}
