/**
 * The trail: every change Vigie sees or makes, as hash-chained entries. One chain per kind of entry, so each
 * kind keeps its own retention (a chain can only lose its oldest entries, never some in the middle).
 */
export const TRAIL_KINDS = ['access', 'change', 'operation'] as const;
/** access: logins and failed logins to Vigie; change: changes to directories, tokens, configuration, findings, the trail itself; operation: job runs. */
export type TrailKind = (typeof TRAIL_KINDS)[number];

export type ActorType = 'person' | 'token' | 'system';

/** Who did it: a person (by login), an API token (by id) or a system job (e.g. `sync`, `cli`). */
export interface TrailActor {
  type: ActorType;
  id: string;
}

export interface TrailTarget {
  type: string;
  id: string;
}

/** A person the entry names. The chain keeps only a keyed pseudonym; these values go to the personal-data table. */
export interface PersonRef {
  login?: string | null;
  employeeId?: string | null;
  directory?: string | null;
  displayName?: string | null;
}

/** What a library hands to the trail port. */
export interface TrailRecordInput {
  action: string;
  /** Defaults from the action: `auth.*` is access, `*-run.*` and `sync.*` are operation, the rest change. */
  kind?: TrailKind;
  /** Defaults to the actor of the current request or job (TrailContext), else the system. */
  actor?: TrailActor;
  target?: TrailTarget | null;
  before?: unknown;
  after?: unknown;
  /** Free text written by people: it may name someone, so it is kept in the personal part, out of the chain. */
  reason?: string | null;
  /** Other free text that may name people (a token's label, a comment): kept in the personal part too. */
  personal?: Record<string, unknown>;
  /** Defaults to the request id or job id of the current TrailContext. */
  correlationId?: string | null;
  sourceAddress?: string | null;
  /** The people the entry is about (an account changed, a person erased): target, before, after and reason then go to the personal-data table. */
  subjects?: PersonRef[];
  at?: Date;
}

/** The part of an entry the hash covers: no personal data, only pseudonyms and a digest of the personal part. */
export interface ChainedEntry {
  chain: TrailKind;
  seq: number;
  /** ISO 8601 with milliseconds, UTC. */
  at: string;
  actorType: ActorType;
  /** Token id or system job name, or the pseudonym of a person. */
  actorId: string;
  action: string;
  targetType: string | null;
  /** null when the target names a person: its id is then in the personal part. */
  targetId: string | null;
  /** before and after when the entry names no person; null otherwise. */
  details: { before?: unknown; after?: unknown } | null;
  correlationId: string | null;
  /** Pseudonyms of the people the entry is about. */
  subjects: string[];
  /** HMAC-SHA-256 of the canonical personal part under a per-entry random salt; null when there is none. */
  personalDigest: string | null;
}

export interface SealedEntry extends ChainedEntry {
  prevHash: string;
  hash: string;
}

/** What the personal-data table holds for one entry; erasure replaces it with `{ erased: true }` and drops the salt. */
export interface PersonalPart {
  targetId?: string;
  before?: unknown;
  after?: unknown;
  reason?: string;
  labels?: Record<string, unknown>;
  sourceAddress?: string;
}

export interface PersonalRow {
  chain: TrailKind;
  seq: number;
  data: PersonalPart | { erased: true };
  /** hex; null once erased. */
  salt: string | null;
}

/** One person known to the trail, by pseudonym: the only place the chain's pseudonyms can be resolved. */
export interface TrailPerson {
  pseudonym: string;
  login: string | null;
  employeeId: string | null;
  directory: string | null;
  displayName: string | null;
  erasedAt?: Date | null;
}

/** An entry as stored, with its personal part when there is one. */
export interface StoredEntry extends SealedEntry {
  personal: PersonalRow | null;
}

/** The last entry of a chain, under the chain's lock while appending. */
export interface ChainHead {
  chain: TrailKind;
  seq: number;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

export function defaultKindOf(action: string): TrailKind {
  if (action.startsWith('auth.')) return 'access';
  if (/^(sync|audit-run|job)\b/.test(action) || action.startsWith('policy.')) return 'operation';
  return 'change';
}

export function isTrailKind(v: string): v is TrailKind {
  return (TRAIL_KINDS as readonly string[]).includes(v);
}
