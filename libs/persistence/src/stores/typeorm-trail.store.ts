import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type ChainHead,
  type Checkpoint,
  type CheckpointReason,
  type DraftEntry,
  GENESIS_HASH,
  type PersonalRow,
  type SealedEntry,
  type StoredEntry,
  TRAIL_KINDS,
  type TrailCursor,
  type TrailFilter,
  type TrailKind,
  type TrailPerson,
  TrailStore,
  sealEntries,
} from '#vigie/trail';

const ENTRY_COLUMNS = 'e.chain, e.seq, e.at, e.actor_type, e.actor_id, e.action, e.target_type, e.target_id, e.details, e.correlation_id, e.subjects, e.personal_digest, e.prev_hash, e.hash, p.data AS p_data, p.salt AS p_salt';
const FROM_ENTRIES = 'trail_entry e LEFT JOIN trail_personal p ON p.chain = e.chain AND p.seq = e.seq';
/** PostgreSQL takes at most 65535 parameters a statement: an entry takes 14, its personal part 5, a person 5. */
const ROWS_PER_STATEMENT = 1000;

/**
 * The trail on PostgreSQL (and PGlite). Appends take the row lock of the chain's head: appenders on any
 * replica queue there, and each batch is numbered and linked under it, so every chain stays one line.
 */
@Injectable()
export class TypeormTrailStore extends TrailStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  append(chain: TrailKind, drafts: DraftEntry[], persons: TrailPerson[]): Promise<SealedEntry[]> {
    return this.ds.transaction(async (m) => {
      const head = await lockHead(m, chain);
      const sealed = sealEntries(head, drafts.map((d) => d.entry));
      // One statement per slice, so the head's lock is held for as few round trips as possible: the last slice
      // also moves the head and records the people named.
      for (let i = 0; i < sealed.length; i += ROWS_PER_STATEMENT) {
        const last = i + ROWS_PER_STATEMENT >= sealed.length;
        const personSlices = last ? persons : [];
        await appendStatement(m, sealed.slice(i, i + ROWS_PER_STATEMENT), drafts.slice(i, i + ROWS_PER_STATEMENT), last ? sealed[sealed.length - 1] : null, personSlices.length <= ROWS_PER_STATEMENT ? personSlices : []);
      }
      if (persons.length > ROWS_PER_STATEMENT) {
        for (let i = 0; i < persons.length; i += ROWS_PER_STATEMENT) await upsertPersons(m, persons.slice(i, i + ROWS_PER_STATEMENT));
      }
      return sealed;
    });
  }

  async heads(): Promise<ChainHead[]> {
    const rows: Array<{ chain: TrailKind; seq: string; hash: string }> = await this.ds.query(`SELECT chain, seq, hash FROM trail_head ORDER BY chain`);
    return rows.map((r) => ({ chain: r.chain, seq: Number(r.seq), hash: r.hash }));
  }

  async readAfter(chain: TrailKind, afterSeq: number, limit: number, toSeq?: number): Promise<StoredEntry[]> {
    const rows = await this.ds.query(
      `SELECT ${ENTRY_COLUMNS} FROM ${FROM_ENTRIES} WHERE e.chain = $1 AND e.seq > $2 ${toSeq === undefined ? '' : 'AND e.seq <= $4'} ORDER BY e.seq LIMIT $3`,
      toSeq === undefined ? [chain, afterSeq, limit] : [chain, afterSeq, limit, toSeq],
    );
    return rows.map(toStored);
  }

  async firstSeq(chain: TrailKind): Promise<number | null> {
    return scalarSeq(await this.ds.query(`SELECT min(seq) AS seq FROM trail_entry WHERE chain = $1`, [chain]));
  }

  async followerOf(chain: TrailKind, prevHash: string): Promise<number | null> {
    return scalarSeq(await this.ds.query(`SELECT min(seq) AS seq FROM trail_entry WHERE chain = $1 AND prev_hash = $2`, [chain, prevHash]));
  }

  async entryAt(chain: TrailKind, seq: number): Promise<StoredEntry | null> {
    const rows = await this.ds.query(`SELECT ${ENTRY_COLUMNS} FROM ${FROM_ENTRIES} WHERE e.chain = $1 AND e.seq = $2`, [chain, seq]);
    return rows.length ? toStored(rows[0]) : null;
  }

  async lastSeqAtOrBefore(chain: TrailKind, at: Date): Promise<number | null> {
    return scalarSeq(await this.ds.query(`SELECT max(seq) AS seq FROM trail_entry WHERE chain = $1 AND at <= $2`, [chain, at]));
  }

  async firstSeqAtOrAfter(chain: TrailKind, at: Date): Promise<number | null> {
    return scalarSeq(await this.ds.query(`SELECT min(seq) AS seq FROM trail_entry WHERE chain = $1 AND at >= $2`, [chain, at]));
  }

  async oldestEntryTimes(): Promise<Partial<Record<TrailKind, Date>>> {
    const out: Partial<Record<TrailKind, Date>> = {};
    for (const chain of TRAIL_KINDS) {
      const rows: Array<{ at: Date | string }> = await this.ds.query(`SELECT at FROM trail_entry WHERE chain = $1 ORDER BY seq LIMIT 1`, [chain]);
      if (rows.length) out[chain] = new Date(rows[0].at);
    }
    return out;
  }

  async insertCheckpoint(c: Checkpoint): Promise<void> {
    await this.ds.query(
      `INSERT INTO trail_checkpoint (id, chain, seq, hash, created_at, reason, key_id, public_key, signature) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [c.id, c.chain, c.seq, c.hash, c.createdAt, c.reason, c.keyId, c.publicKey, c.signature],
    );
  }

  async checkpoints(chain?: TrailKind): Promise<Checkpoint[]> {
    const rows = await this.ds.query(`SELECT * FROM trail_checkpoint ${chain ? 'WHERE chain = $1' : ''} ORDER BY chain, seq, created_at`, chain ? [chain] : []);
    return rows.map(toCheckpoint);
  }

  async checkpoint(id: string): Promise<Checkpoint | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const rows = await this.ds.query(`SELECT * FROM trail_checkpoint WHERE id = $1`, [id]);
    return rows.length ? toCheckpoint(rows[0]) : null;
  }

  async prune(chain: TrailKind, uptoSeq: number, checkpointId: string): Promise<number> {
    const rows: Array<{ n: string | number }> = await this.ds.query(`SELECT vigie_trail_prune($1, $2, $3) AS n`, [chain, uptoSeq, checkpointId]);
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
    if (filter.action) where.push(filter.action.endsWith('*') ? `e.action LIKE ${p(filter.action.slice(0, -1).replace(/[\\%_]/g, '\\$&') + '%')}` : `e.action = ${p(filter.action)}`);
    if (filter.targetType) where.push(`e.target_type = ${p(filter.targetType)}`);
    if (filter.targetId || filter.subjects?.length) {
      const any: string[] = [];
      if (filter.targetId) any.push(`e.target_id = ${p(filter.targetId)}`, `p.target_id = ${p(filter.targetId)}`);
      for (const s of filter.subjects ?? []) any.push(`e.subjects @> ${p(JSON.stringify([s]))}::jsonb`);
      where.push(`(${any.join(' OR ')})`);
    }
    if (filter.involving?.length) {
      where.push(`(e.actor_id IN (${list(filter.involving)}) OR ${filter.involving.map((s) => `e.subjects @> ${p(JSON.stringify([s]))}::jsonb`).join(' OR ')})`);
    }
    if (filter.from) where.push(`e.at >= ${p(filter.from)}`);
    if (filter.to) where.push(`e.at <= ${p(filter.to)}`);
    if (cursor) where.push(`(e.at, e.chain, e.seq) < (${p(cursor.at)}::timestamptz, ${p(cursor.chain)}, ${p(cursor.seq)})`);
    const rows = await this.ds.query(
      `SELECT ${ENTRY_COLUMNS} FROM ${FROM_ENTRIES} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY e.at DESC, e.chain DESC, e.seq DESC LIMIT ${p(limit)}`,
      params,
    );
    return rows.map(toStored);
  }

  async persons(pseudonyms: string[]): Promise<TrailPerson[]> {
    if (!pseudonyms.length) return [];
    const params = pseudonyms;
    const rows = await this.ds.query(`SELECT * FROM trail_person WHERE pseudonym IN (${params.map((_, i) => `$${i + 1}`).join(', ')})`, params);
    return rows.map(toPerson);
  }

  async findPersons(employeeIdOrLogin: string): Promise<TrailPerson[]> {
    const rows = await this.ds.query(`SELECT * FROM trail_person WHERE erased_at IS NULL AND (employee_id = $1 OR lower(login) = lower($1))`, [employeeIdOrLogin.trim()]);
    return rows.map(toPerson);
  }

  erasePersons(pseudonyms: string[]): Promise<{ entries: number; persons: number }> {
    if (!pseudonyms.length) return Promise.resolve({ entries: 0, persons: 0 });
    return this.ds.transaction((m) => erasePersonsIn(m, pseudonyms));
  }

  async pseudonymKeyCheck(value: string): Promise<string> {
    await this.ds.query(`INSERT INTO trail_setting (name, value) VALUES ('pseudonym_key_check', $1) ON CONFLICT (name) DO NOTHING`, [value]);
    const rows: Array<{ value: string }> = await this.ds.query(`SELECT value FROM trail_setting WHERE name = 'pseudonym_key_check'`);
    return rows[0].value;
  }
}

/** Scrubs the personal part of the entries naming these pseudonyms, and the people's rows; the chained table is only read. */
export async function erasePersonsIn(m: EntityManager, pseudonyms: string[]): Promise<{ entries: number; persons: number }> {
  if (!pseudonyms.length) return { entries: 0, persons: 0 };
  const params: unknown[] = [...pseudonyms];
  const inList = pseudonyms.map((_, i) => `$${i + 1}`).join(', ');
  const contains = pseudonyms.map((s) => {
    params.push(JSON.stringify([s]));
    return `e.subjects @> $${params.length}::jsonb`;
  });
  const [, entries] = await m.query(
    `UPDATE trail_personal p SET data = '{"erased":true}'::jsonb, salt = NULL, target_id = NULL, erased_at = now()
       FROM trail_entry e WHERE e.chain = p.chain AND e.seq = p.seq AND p.erased_at IS NULL AND (e.actor_id IN (${inList}) OR ${contains.join(' OR ')})`,
    params,
  );
  const [, persons] = await m.query(
    `UPDATE trail_person SET login = NULL, employee_id = NULL, directory = NULL, display_name = NULL, erased_at = now() WHERE pseudonym IN (${inList})`,
    pseudonyms,
  );
  return { entries: Number(entries ?? 0), persons: Number(persons ?? 0) };
}

async function lockHead(m: EntityManager, chain: TrailKind): Promise<ChainHead> {
  let rows: Array<{ seq: string; hash: string }> = await m.query(`SELECT seq, hash FROM trail_head WHERE chain = $1 FOR UPDATE`, [chain]);
  if (!rows.length) {
    await m.query(`INSERT INTO trail_head (chain, seq, hash) VALUES ($1, 0, $2) ON CONFLICT (chain) DO NOTHING`, [chain, GENESIS_HASH]);
    rows = await m.query(`SELECT seq, hash FROM trail_head WHERE chain = $1 FOR UPDATE`, [chain]);
  }
  return { chain, seq: Number(rows[0].seq), hash: rows[0].hash };
}

/** Entries, their personal parts, the head and the people named, in one statement (data-modifying CTEs). */
async function appendStatement(m: EntityManager, entries: SealedEntry[], drafts: DraftEntry[], head: SealedEntry | null, persons: TrailPerson[]): Promise<void> {
  const params: unknown[] = [];
  const p = (v: unknown, cast = '') => {
    params.push(v);
    return `$${params.length}${cast}`;
  };
  const parts: string[] = [];
  parts.push(
    `e AS (INSERT INTO trail_entry (chain, seq, at, actor_type, actor_id, action, target_type, target_id, details, correlation_id, subjects, personal_digest, prev_hash, hash) VALUES ${entries
      .map((e) => `(${[p(e.chain), p(e.seq), p(e.at), p(e.actorType), p(e.actorId), p(e.action), p(e.targetType), p(e.targetId), p(e.details === null ? null : JSON.stringify(e.details), '::jsonb'), p(e.correlationId), p(JSON.stringify(e.subjects), '::jsonb'), p(e.personalDigest), p(e.prevHash), p(e.hash)].join(', ')})`)
      .join(', ')})`,
  );
  const personal = entries.flatMap((e, i) => (drafts[i].personal ? [{ e, d: drafts[i].personal! }] : []));
  if (personal.length) {
    parts.push(`p AS (INSERT INTO trail_personal (chain, seq, target_id, data, salt) VALUES ${personal.map(({ e, d }) => `(${[p(e.chain), p(e.seq), p(d.data.targetId ?? null), p(JSON.stringify(d.data), '::jsonb'), p(d.salt)].join(', ')})`).join(', ')})`);
  }
  if (head) parts.push(`h AS (UPDATE trail_head SET seq = ${p(head.seq)}, hash = ${p(head.hash)} WHERE chain = ${p(head.chain)})`);
  if (persons.length) parts.push(`r AS (${personsUpsert(persons, p)})`);
  await m.query(`WITH ${parts.join(', ')} SELECT 1`, params);
}

async function upsertPersons(m: EntityManager, persons: TrailPerson[]): Promise<void> {
  const params: unknown[] = [];
  await m.query(personsUpsert(persons, (v) => (params.push(v), `$${params.length}`)), params);
}

// An erased person stays erased: a later entry about the same pseudonym does not bring their name back here.
// A known person is rewritten only when something changed (no new row version, no WAL, for every entry).
function personsUpsert(persons: TrailPerson[], p: (v: unknown) => string): string {
  return `INSERT INTO trail_person (pseudonym, login, employee_id, directory, display_name) VALUES ${persons.map((x) => `(${[p(x.pseudonym), p(x.login), p(x.employeeId), p(x.directory), p(x.displayName)].join(', ')})`).join(', ')}
     ON CONFLICT (pseudonym) DO UPDATE SET login = COALESCE(EXCLUDED.login, trail_person.login), employee_id = COALESCE(EXCLUDED.employee_id, trail_person.employee_id),
       directory = COALESCE(EXCLUDED.directory, trail_person.directory), display_name = COALESCE(EXCLUDED.display_name, trail_person.display_name)
     WHERE trail_person.erased_at IS NULL AND (
       trail_person.login IS DISTINCT FROM COALESCE(EXCLUDED.login, trail_person.login) OR trail_person.employee_id IS DISTINCT FROM COALESCE(EXCLUDED.employee_id, trail_person.employee_id)
       OR trail_person.directory IS DISTINCT FROM COALESCE(EXCLUDED.directory, trail_person.directory) OR trail_person.display_name IS DISTINCT FROM COALESCE(EXCLUDED.display_name, trail_person.display_name))`;
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
    at: new Date(r.at).toISOString(),
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
