import { VigieError } from '#vigie/common';
import type { SqlClient, SqlQuery } from '../sql-client.js';
import {
  type ChainHead,
  type Checkpoint,
  type CheckpointReason,
  type DraftEntry,
  type PersonalRow,
  type SealedEntry,
  type StoredEntry,
  TRAIL_KINDS,
  type TrailCursor,
  type TrailFilter,
  type TrailKind,
  type TrailPerson,
  TrailStore,
  canonicalEntryParts,
  partsHash,
} from '#vigie/trail';

// Time as ISO text straight from the database: a million entries are not parsed into Dates and back.
const ENTRY_COLUMNS = `e.chain, e.seq, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, e.actor_type, e.actor_id, e.action, e.target_type, e.target_id, e.details, e.correlation_id, e.subjects, e.personal_digest, e.prev_hash, e.hash, p.data AS p_data, p.salt AS p_salt`;
const FROM_ENTRIES = 'trail_entry e LEFT JOIN trail_personal p ON p.chain = e.chain AND p.seq = e.seq';

/**
 * The trail on PostgreSQL (and PGlite). Appends go through vigie_trail_append, which takes the row lock of the
 * chain's head: appenders on any replica queue there, and each batch is numbered and linked under it in one
 * statement, so every chain stays one line and the lock is held for no round trip.
 */
export class PgTrailStore extends TrailStore {
  constructor(private readonly db: SqlClient) {
    super();
  }

  append(chain: TrailKind, drafts: DraftEntry[], persons: TrailPerson[]): Promise<SealedEntry[]> {
    return appendOn(this.db, chain, drafts, persons);
  }

  async heads(): Promise<ChainHead[]> {
    const rows: Array<{ chain: TrailKind; seq: string; hash: string }> = await this.db.query(`SELECT chain, seq, hash FROM trail_head ORDER BY chain`);
    return rows.map((r) => ({ chain: r.chain, seq: Number(r.seq), hash: r.hash }));
  }

  async readAfter(chain: TrailKind, afterSeq: number, limit: number, toSeq?: number): Promise<StoredEntry[]> {
    const rows = await this.db.query(
      `SELECT ${ENTRY_COLUMNS} FROM ${FROM_ENTRIES} WHERE e.chain = $1 AND e.seq > $2 ${toSeq === undefined ? '' : 'AND e.seq <= $4'} ORDER BY e.seq LIMIT $3`,
      toSeq === undefined ? [chain, afterSeq, limit] : [chain, afterSeq, limit, toSeq],
    );
    return rows.map(toStored);
  }

  async firstSeq(chain: TrailKind): Promise<number | null> {
    return scalarSeq(await this.db.query(`SELECT min(seq) AS seq FROM trail_entry WHERE chain = $1`, [chain]));
  }

  async followerOf(chain: TrailKind, prevHash: string): Promise<number | null> {
    return scalarSeq(await this.db.query(`SELECT min(seq) AS seq FROM trail_entry WHERE chain = $1 AND prev_hash = $2`, [chain, prevHash]));
  }

  async entryAt(chain: TrailKind, seq: number): Promise<StoredEntry | null> {
    const rows = await this.db.query(`SELECT ${ENTRY_COLUMNS} FROM ${FROM_ENTRIES} WHERE e.chain = $1 AND e.seq = $2`, [chain, seq]);
    return rows.length ? toStored(rows[0]) : null;
  }

  async lastSeqAtOrBefore(chain: TrailKind, at: Date): Promise<number | null> {
    return scalarSeq(await this.db.query(`SELECT max(seq) AS seq FROM trail_entry WHERE chain = $1 AND at <= $2`, [chain, at]));
  }

  async firstSeqAtOrAfter(chain: TrailKind, at: Date): Promise<number | null> {
    return scalarSeq(await this.db.query(`SELECT min(seq) AS seq FROM trail_entry WHERE chain = $1 AND at >= $2`, [chain, at]));
  }

  async oldestEntryTimes(): Promise<Partial<Record<TrailKind, Date>>> {
    const out: Partial<Record<TrailKind, Date>> = {};
    for (const chain of TRAIL_KINDS) {
      const rows: Array<{ at: Date | string }> = await this.db.query(`SELECT at FROM trail_entry WHERE chain = $1 ORDER BY seq LIMIT 1`, [chain]);
      if (rows.length) out[chain] = new Date(rows[0].at);
    }
    return out;
  }

  async insertCheckpoint(c: Checkpoint): Promise<void> {
    await this.db.query(
      `INSERT INTO trail_checkpoint (id, chain, seq, hash, created_at, reason, key_id, public_key, signature) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [c.id, c.chain, c.seq, c.hash, c.createdAt, c.reason, c.keyId, c.publicKey, c.signature],
    );
  }

  async checkpoints(chain?: TrailKind): Promise<Checkpoint[]> {
    const rows = await this.db.query(`SELECT * FROM trail_checkpoint ${chain ? 'WHERE chain = $1' : ''} ORDER BY chain, seq, created_at`, chain ? [chain] : []);
    return rows.map(toCheckpoint);
  }

  async latestCheckpoints(): Promise<Checkpoint[]> {
    const rows = await this.db.query(`SELECT DISTINCT ON (chain) * FROM trail_checkpoint ORDER BY chain, seq DESC, created_at DESC`);
    return rows.map(toCheckpoint);
  }

  async signedRecords(actions: string[]): Promise<StoredEntry[]> {
    if (!actions.length) return [];
    if (!actions.every((a) => /^[a-z][a-z0-9.-]*$/.test(a))) throw new Error(`not trail actions: ${actions.join(', ')}`);
    // Written out, not bound: the partial index of these records (TrailErasurePath) is used only when the planner sees them.
    const rows = await this.db.query(
      `SELECT ${ENTRY_COLUMNS} FROM ${FROM_ENTRIES} WHERE e.chain = 'change' AND e.action IN (${actions.map((a) => `'${a}'`).join(', ')}) ORDER BY e.seq`,
    );
    return rows.map(toStored);
  }

  async checkpoint(id: string): Promise<Checkpoint | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const rows = await this.db.query(`SELECT * FROM trail_checkpoint WHERE id = $1`, [id]);
    return rows.length ? toCheckpoint(rows[0]) : null;
  }

  async prune(chain: TrailKind, uptoSeq: number, checkpointId: string): Promise<number> {
    const rows: Array<{ n: string | number }> = await this.db.query(`SELECT vigie_trail_prune($1, $2, $3) AS n`, [chain, uptoSeq, checkpointId]);
    return Number(rows[0].n);
  }

  async query(filter: TrailFilter, cursor: TrailCursor | null, limit: number): Promise<StoredEntry[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const list = (vs: string[]) => vs.map(p).join(', ');
    if (filter.chain?.length) where.push(`e.chain IN (${list(filter.chain)})`);
    if (filter.actorIds?.length) where.push(`e.actor_id IN (${list(filter.actorIds)})`);
    if (filter.action)
      where.push(
        filter.action.endsWith('*') ? `e.action LIKE ${p(filter.action.slice(0, -1).replace(/[\\%_]/g, '\\$&') + '%')}` : `e.action = ${p(filter.action)}`,
      );
    if (filter.targetType) where.push(`e.target_type = ${p(filter.targetType)}`);
    if (filter.targetId || filter.subjects?.length) {
      const any: string[] = [];
      if (filter.targetId) any.push(`e.target_id = ${p(filter.targetId)}`, `p.target_id = ${p(filter.targetId)}`);
      for (const s of filter.subjects ?? []) any.push(`e.subjects @> ${p(JSON.stringify([s]))}::jsonb`);
      where.push(`(${any.join(' OR ')})`);
    }
    if (filter.involving?.length) {
      where.push(
        `(e.actor_id IN (${list(filter.involving)}) OR ${filter.involving.map((s) => `e.subjects @> ${p(JSON.stringify([s]))}::jsonb`).join(' OR ')})`,
      );
    }
    if (filter.from) where.push(`e.at >= ${p(filter.from)}`);
    if (filter.to) where.push(`e.at <= ${p(filter.to)}`);
    if (cursor) where.push(`(e.at, e.chain, e.seq) < (${p(cursor.at)}::timestamptz, ${p(cursor.chain)}, ${p(cursor.seq)})`);
    const rows = await this.db.query(
      `SELECT ${ENTRY_COLUMNS} FROM ${FROM_ENTRIES} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY e.at DESC, e.chain DESC, e.seq DESC LIMIT ${p(limit)}`,
      params,
    );
    return rows.map(toStored);
  }

  async persons(pseudonyms: string[]): Promise<TrailPerson[]> {
    if (!pseudonyms.length) return [];
    const params = pseudonyms;
    const rows = await this.db.query(`SELECT * FROM trail_person WHERE pseudonym IN (${params.map((_, i) => `$${i + 1}`).join(', ')})`, params);
    return rows.map(toPerson);
  }

  async findPersons(employeeIdOrLogin: string): Promise<TrailPerson[]> {
    const rows = await this.db.query(`SELECT * FROM trail_person WHERE erased_at IS NULL AND (employee_id = $1 OR lower(login) = lower($1))`, [
      employeeIdOrLogin.trim(),
    ]);
    return rows.map(toPerson);
  }

  async pseudonymKeyCheck(value: string): Promise<string> {
    await this.db.query(`INSERT INTO trail_setting (name, value) VALUES ('pseudonym_key_check', $1) ON CONFLICT (name) DO NOTHING`, [value]);
    const rows: Array<{ value: string }> = await this.db.query(`SELECT value FROM trail_setting WHERE name = 'pseudonym_key_check'`);
    return rows[0].value;
  }
}

/** A value to blank wherever it appears in a personal part, as a PostgreSQL regular expression and its replacement. */
export interface PersonalReplacement {
  pattern: string;
  by: string;
}

/**
 * The trail's one erasure path: blanks, through vigie_trail_erase, the personal part of the entries naming these
 * pseudonyms (whole) and of those whose personal part mentions one of the values (replaced, its salt dropped: the
 * digest no longer applies), and forgets the people. Returns the entries concerned, for the signed erasure record
 * (erasureRecordInput) that the caller writes in the same transaction: verify accepts a blank personal part only
 * where such a record names it. Part of an erasure (PgPersonalDataStore.erase), in its transaction.
 */
export async function erasePersonsIn(
  m: SqlQuery,
  erasureId: string,
  pseudonyms: string[],
  replacements: PersonalReplacement[] = [],
): Promise<{ entries: Array<{ chain: TrailKind; seq: number }>; persons: number }> {
  if (!pseudonyms.length && !replacements.length) return { entries: [], persons: 0 };
  const rows: Array<{ o_chain: TrailKind; o_seq: string | number }> = await m.query(`SELECT o_chain, o_seq FROM vigie_trail_erase($1, $2::jsonb, $3::jsonb)`, [
    erasureId,
    JSON.stringify(pseudonyms),
    JSON.stringify(replacements),
  ]);
  let persons = 0;
  if (pseudonyms.length) {
    const [, n] = await m.query(
      `UPDATE trail_person SET login = NULL, employee_id = NULL, directory = NULL, display_name = NULL, erased_at = now() WHERE pseudonym IN (${pseudonyms.map((_, i) => `$${i + 1}`).join(', ')})`,
      pseudonyms,
    );
    persons = Number(n ?? 0);
  }
  return { entries: rows.map((r) => ({ chain: r.o_chain, seq: Number(r.o_seq) })), persons };
}

interface EntryRow {
  chain: TrailKind;
  seq: string | number;
  at: Date | string;
  actor_type: SealedEntry['actorType'];
  actor_id: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: SealedEntry['details'];
  correlation_id: string | null;
  subjects: string[];
  personal_digest: string | null;
  prev_hash: string;
  hash: string;
  p_data: PersonalRow['data'] | null;
  p_salt: string | null;
}

function toStored(r: EntryRow): StoredEntry {
  const seq = Number(r.seq);
  return {
    chain: r.chain,
    seq,
    at: typeof r.at === 'string' ? r.at : new Date(r.at).toISOString(),
    actorType: r.actor_type,
    actorId: r.actor_id,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    details: r.details,
    correlationId: r.correlation_id,
    subjects: r.subjects,
    personalDigest: r.personal_digest,
    prevHash: r.prev_hash,
    hash: r.hash,
    personal: r.p_data ? { chain: r.chain, seq, data: r.p_data, salt: r.p_salt } : null,
  };
}

function toCheckpoint(r: Record<string, unknown>): Checkpoint {
  return {
    id: r.id as string,
    chain: r.chain as TrailKind,
    seq: Number(r.seq),
    hash: r.hash as string,
    createdAt: new Date(r.created_at as string).toISOString(),
    reason: r.reason as CheckpointReason,
    keyId: r.key_id as string,
    publicKey: r.public_key as string,
    signature: r.signature as string,
  };
}

function toPerson(r: Record<string, unknown>): TrailPerson {
  return {
    pseudonym: r.pseudonym as string,
    login: (r.login as string | null) ?? null,
    employeeId: (r.employee_id as string | null) ?? null,
    directory: (r.directory as string | null) ?? null,
    displayName: (r.display_name as string | null) ?? null,
    erasedAt: r.erased_at ? new Date(r.erased_at as string) : null,
  };
}

function scalarSeq(rows: Array<{ seq: string | number | null }>): number | null {
  return rows.length && rows[0].seq !== null ? Number(rows[0].seq) : null;
}

/** Chains and stores one batch through this connection or pool (vigie_trail_append), and checks the hashes the database computed. */
async function appendOn(ds: SqlQuery, chain: TrailKind, drafts: DraftEntry[], persons: TrailPerson[]): Promise<SealedEntry[]> {
  const parts = drafts.map((d) => d.parts ?? canonicalEntryParts(chain, d.entry));
  const batch = {
    entries: drafts.map((d, i) => ({ ...d.entry, ...parts[i] })),
    personal: drafts.flatMap((d, index) => (d.personal ? [{ index, data: d.personal.data, salt: d.personal.salt }] : [])),
    persons,
  };
  // One statement: the database function takes the head's lock, numbers, links and stores the batch.
  const rows: Array<{ o_seq: string | number; o_prev: string; o_hash: string }> = await ds.query(
    `SELECT o_seq, o_prev, o_hash FROM vigie_trail_append($1, $2::jsonb)`,
    [chain, JSON.stringify(batch)],
  );
  return drafts.map((d, i) => {
    const sealed: SealedEntry = { ...d.entry, chain, seq: Number(rows[i].o_seq), prevHash: rows[i].o_prev, hash: rows[i].o_hash };
    // The database and the verifier must hash alike: a difference (say, a database not in UTF-8) stops here,
    // loudly. The text hashed is the one sent (canonicalEntry's, split around seq: trail-hash.spec checks that).
    const { pre, post } = parts[i]!;
    if (partsHash(sealed.prevHash, pre, sealed.seq, post) !== sealed.hash)
      throw new VigieError(
        'configuration',
        `the database chained entry ${sealed.seq} of the ${chain} trail with a hash Vigie does not compute: check that the database encoding is UTF8`,
      );
    return sealed;
  });
}
