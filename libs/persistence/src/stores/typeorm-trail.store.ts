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
/** PostgreSQL takes at most 65535 parameters a statement; 14 a row. */
const ROWS_PER_INSERT = 2000;

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
      for (let i = 0; i < sealed.length; i += ROWS_PER_INSERT) await insertEntries(m, sealed.slice(i, i + ROWS_PER_INSERT));
      const personal = sealed.flatMap((e, i) => (drafts[i].personal ? [{ e, p: drafts[i].personal! }] : []));
      for (let i = 0; i < personal.length; i += ROWS_PER_INSERT) {
        const slice = personal.slice(i, i + ROWS_PER_INSERT);
        const params: unknown[] = [];
        const values = slice.map(({ e, p }) => {
          params.push(e.chain, e.seq, p.data.targetId ?? null, JSON.stringify(p.data), p.salt);
          const n = params.length;
          return `($${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}::jsonb, $${n})`;
        });
        await m.query(`INSERT INTO trail_personal (chain, seq, target_id, data, salt) VALUES ${values.join(', ')}`, params);
      }
      if (persons.length) await upsertPersons(m, persons);
      const last = sealed[sealed.length - 1];
      if (last) await m.query(`UPDATE trail_head SET seq = $2, hash = $3 WHERE chain = $1`, [chain, last.seq, last.hash]);
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

async function insertEntries(m: EntityManager, entries: SealedEntry[]): Promise<void> {
  const params: unknown[] = [];
  const values = entries.map((e) => {
    params.push(e.chain, e.seq, e.at, e.actorType, e.actorId, e.action, e.targetType, e.targetId, e.details === null ? null : JSON.stringify(e.details), e.correlationId, JSON.stringify(e.subjects), e.personalDigest, e.prevHash, e.hash);
    const n = params.length - 14;
    return `(${Array.from({ length: 14 }, (_, i) => `$${n + i + 1}${i === 8 || i === 10 ? '::jsonb' : ''}`).join(', ')})`;
  });
  await m.query(
    `INSERT INTO trail_entry (chain, seq, at, actor_type, actor_id, action, target_type, target_id, details, correlation_id, subjects, personal_digest, prev_hash, hash) VALUES ${values.join(', ')}`,
    params,
  );
}

async function upsertPersons(m: EntityManager, persons: TrailPerson[]): Promise<void> {
  const params: unknown[] = [];
  const values = persons.map((x) => {
    params.push(x.pseudonym, x.login, x.employeeId, x.directory, x.displayName);
    const n = params.length;
    return `($${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
  });
  // An erased person stays erased: a later entry about the same pseudonym does not bring their name back here.
  await m.query(
    `INSERT INTO trail_person (pseudonym, login, employee_id, directory, display_name) VALUES ${values.join(', ')}
     ON CONFLICT (pseudonym) DO UPDATE SET login = COALESCE(EXCLUDED.login, trail_person.login), employee_id = COALESCE(EXCLUDED.employee_id, trail_person.employee_id),
       directory = COALESCE(EXCLUDED.directory, trail_person.directory), display_name = COALESCE(EXCLUDED.display_name, trail_person.display_name)
     WHERE trail_person.erased_at IS NULL`,
    params,
  );
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
