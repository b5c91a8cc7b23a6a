// Types only: a store's module must not load its domain library (the command line loads stores it never uses).
import type { HrEvent, HrEventPage, HrEventQuery, HrEventSource, HrEventStore, HrFollowUp, HrPerson, HrPersonQuery } from '#vigie/hr';
import { VigieError } from '#vigie/common';
import type { SqlClient } from '../sql-client.js';
import { dateOf, dateOrNull } from './row-values.js';
import { SqlParams } from './sql-params.js';
import { decodeCursor, encodeCursor, isUuid } from './newest-first-cursor.js';

const EVENT = 'id, source, event_id, type, status, employee_id, effective_at, received_at, processed_at, attempts, version, body';
const PERSON = 'employee_id, scim_id, user_name, active, version, created_at, updated_at, body';
const FOLLOW_UP = 'id, kind, employee_id, event_id, due_at, status, done_at, body';

interface EventRow {
  id: string;
  source: string;
  event_id: string;
  type: string;
  status: string;
  employee_id: string;
  effective_at: Date | string;
  received_at: Date | string;
  processed_at: Date | string | null;
  attempts: number;
  version: number;
  body: unknown;
}

interface EventBody {
  immediate: boolean;
  person: HrEvent['person'];
  cancels: string | null;
  fetchDetails: boolean;
  lastError: HrEvent['lastError'];
  actions: Array<Omit<HrEvent['actions'][number], 'at'> & { at: string }>;
}

interface PersonRow {
  employee_id: string;
  scim_id: string;
  user_name: string | null;
  active: boolean;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
  body: unknown;
}

interface PersonBody {
  data: HrPerson['data'];
  account: HrPerson['account'];
  leaverGroups: string[];
  /** Dates as ISO text (JSON). */
  moved?: { at: string; previousDepartment: string | null; previousTitle: string | null } | null;
  leftAt?: string | null;
}

interface FollowUpRow {
  id: string;
  kind: string;
  employee_id: string;
  event_id: string;
  due_at: Date | string;
  status: string;
  done_at: Date | string | null;
  body: unknown;
}

interface FollowUpBody {
  directory: string;
  dn: string;
  groups: string[];
  lastError: string | null;
}

/**
 * HR events (hr_event), the people they describe (hr_person) and their follow-ups (hr_follow_up), on PostgreSQL or
 * the embedded PGlite. What lookups read sits in columns; the rest of each record in `body` (JSON).
 */
export class PgHrEventStore implements HrEventStore {
  constructor(private readonly db: SqlClient) {}

  /**
   * The unique index on (source, event_id) decides between two inserts of one event, even at once: ON CONFLICT waits
   * for the other transaction and does nothing, and the stored row is read back (this transaction stays usable).
   */
  async insert(event: HrEvent): Promise<{ event: HrEvent; duplicate: boolean }> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO hr_event (${EVENT})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb)
       ON CONFLICT (source, event_id) DO NOTHING RETURNING id`,
      [
        event.id,
        event.source,
        event.eventId,
        event.type,
        event.status,
        event.person.employeeId,
        event.effectiveAt,
        event.receivedAt,
        event.processedAt,
        event.attempts,
        event.version,
        JSON.stringify(bodyOf(event)),
      ],
    );
    if (rows.length) return { event, duplicate: false };
    const stored = await this.findBySourceId(event.source, event.eventId);
    // Inserted and deleted meanwhile (an erasure): nothing to answer but a retry.
    if (!stored) throw new VigieError('conflict', `the HR event ${event.source}/${event.eventId} changed while it was being stored: send it again`);
    return { event: stored, duplicate: true };
  }

  async get(id: string): Promise<HrEvent | null> {
    if (!isUuid(id)) return null;
    const rows: EventRow[] = await this.db.query(`SELECT ${EVENT} FROM hr_event WHERE id = $1`, [id]);
    return rows.length ? toEvent(rows[0]!) : null;
  }

  async getForUpdate(id: string): Promise<HrEvent | null> {
    if (!isUuid(id)) return null;
    const rows: EventRow[] = await this.db.query(`SELECT ${EVENT} FROM hr_event WHERE id = $1 FOR UPDATE`, [id]);
    return rows.length ? toEvent(rows[0]!) : null;
  }

  async findBySourceId(source: HrEventSource, eventId: string): Promise<HrEvent | null> {
    const rows: EventRow[] = await this.db.query(`SELECT ${EVENT} FROM hr_event WHERE source = $1 AND event_id = $2`, [source, eventId]);
    return rows.length ? toEvent(rows[0]!) : null;
  }

  async update(event: HrEvent): Promise<HrEvent> {
    const [rows] = (await this.db.query(
      `UPDATE hr_event SET version = version + 1, type = $3, status = $4, employee_id = $5, effective_at = $6, processed_at = $7,
              attempts = $8, body = $9::jsonb
        WHERE id = $1 AND version = $2 RETURNING version`,
      [
        event.id,
        event.version,
        event.type,
        event.status,
        event.person.employeeId,
        event.effectiveAt,
        event.processedAt,
        event.attempts,
        JSON.stringify(bodyOf(event)),
      ],
    )) as [Array<{ version: number }>, number];
    if (rows.length) return { ...event, version: rows[0]!.version };
    const stored: Array<{ version: number }> = await this.db.query(`SELECT version FROM hr_event WHERE id = $1`, [event.id]);
    if (!stored.length) throw new VigieError('not-found', `no HR event has the id ${event.id}`);
    throw new VigieError(
      'conflict',
      `the HR event ${event.id} changed meanwhile (version ${stored[0]!.version}, not ${event.version}): read it again and retry`,
    );
  }

  async list(query: HrEventQuery): Promise<HrEventPage> {
    const p = new SqlParams();
    const where: string[] = [];
    if (query.status?.length) where.push(`status IN (${p.list(query.status)})`);
    if (query.employeeId !== undefined) where.push(`employee_id = ${p.add(query.employeeId)}`);
    if (query.cursor) {
      const after = decodeCursor(query.cursor);
      where.push(`(received_at, id) < (${p.add(after.at)}::timestamptz, ${p.add(after.id)}::uuid)`);
    }
    const limit = Math.min(Math.max(1, Math.trunc(query.limit)), 500);
    const rows: EventRow[] = await this.db.query(
      `SELECT ${EVENT} FROM hr_event ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY received_at DESC, id DESC LIMIT ${p.add(limit + 1)}`,
      p.values,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map(toEvent), nextCursor: rows.length > limit && last ? encodeCursor(dateOf(last.received_at), last.id) : null };
  }

  async due(now: Date, limit: number): Promise<HrEvent[]> {
    const rows: EventRow[] = await this.db.query(
      `SELECT ${EVENT} FROM hr_event WHERE status = 'pending' AND effective_at <= $1 ORDER BY effective_at, id LIMIT $2`,
      [now, limit],
    );
    return rows.map(toEvent);
  }

  async openFor(employeeId: string): Promise<HrEvent[]> {
    const rows: EventRow[] = await this.db.query(
      `SELECT ${EVENT} FROM hr_event WHERE employee_id = $1 AND status IN ('pending', 'retrying') ORDER BY effective_at, received_at, id`,
      [employeeId],
    );
    return rows.map(toEvent);
  }

  async getPerson(employeeId: string): Promise<HrPerson | null> {
    const rows: PersonRow[] = await this.db.query(`SELECT ${PERSON} FROM hr_person WHERE employee_id = $1`, [employeeId]);
    return rows.length ? toPerson(rows[0]!) : null;
  }

  async getPersonForUpdate(employeeId: string): Promise<HrPerson | null> {
    const rows: PersonRow[] = await this.db.query(`SELECT ${PERSON} FROM hr_person WHERE employee_id = $1 FOR UPDATE`, [employeeId]);
    return rows.length ? toPerson(rows[0]!) : null;
  }

  async getPersonByScimId(scimId: string): Promise<HrPerson | null> {
    if (!isUuid(scimId)) return null;
    const rows: PersonRow[] = await this.db.query(`SELECT ${PERSON} FROM hr_person WHERE scim_id = $1`, [scimId]);
    return rows.length ? toPerson(rows[0]!) : null;
  }

  /**
   * A new person is inserted as it is (its version kept); a known one replaced with version + 1 where its stored version
   * is still person.version. Two first events of one person at once: the second insert waits for the first on the
   * primary key and, finding it there, is a conflict like a stale replace (its caller reads the person again).
   */
  async savePerson(person: HrPerson): Promise<HrPerson> {
    const values = [
      person.employeeId,
      person.scimId,
      person.userName,
      person.active,
      person.version,
      person.createdAt,
      person.updatedAt,
      JSON.stringify({
        data: person.data,
        account: person.account,
        leaverGroups: person.leaverGroups,
        moved: person.moved ? { ...person.moved, at: person.moved.at.toISOString() } : null,
        leftAt: person.leftAt ? person.leftAt.toISOString() : null,
      } satisfies PersonBody),
    ];
    const [updated] = (await this.db.query(
      `UPDATE hr_person SET version = version + 1, user_name = $3, active = $4, updated_at = $5, body = $6::jsonb
        WHERE employee_id = $1 AND version = $2 RETURNING version`,
      [person.employeeId, person.version, person.userName, person.active, person.updatedAt, values[7]],
    )) as [Array<{ version: number }>, number];
    if (updated.length) return { ...person, version: updated[0]!.version };
    const inserted: unknown[] = await this.db.query(
      `INSERT INTO hr_person (${PERSON}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb) ON CONFLICT DO NOTHING RETURNING employee_id`,
      values,
    );
    if (inserted.length) return { ...person };
    const stored: Array<{ version: number; scim_id: string }> = await this.db.query(`SELECT version, scim_id FROM hr_person WHERE employee_id = $1`, [
      person.employeeId,
    ]);
    if (!stored.length) throw new VigieError('conflict', `the SCIM id ${person.scimId} is another person's: give this person another one`);
    throw new VigieError(
      'conflict',
      `the HR person ${person.employeeId} changed meanwhile (version ${stored[0]!.version}, not ${person.version}): read it again and retry`,
    );
  }

  async findPersons(query: HrPersonQuery): Promise<{ items: HrPerson[]; total: number }> {
    const p = new SqlParams();
    const where: string[] = [];
    if (query.employeeId !== undefined) where.push(`employee_id = ${p.add(query.employeeId)}`);
    if (query.userName !== undefined) where.push(`lower(user_name) = lower(${p.add(query.userName)})`);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ n }]: Array<{ n: number }> = await this.db.query(`SELECT count(*)::int AS n FROM hr_person ${filter}`, p.values);
    const count = Math.min(Math.max(0, Math.trunc(query.count)), 500);
    if (!count) return { items: [], total: n };
    const offset = Math.max(0, Math.trunc(query.startIndex) - 1);
    const rows: PersonRow[] = await this.db.query(
      `SELECT ${PERSON} FROM hr_person ${filter} ORDER BY created_at, employee_id LIMIT ${p.add(count)} OFFSET ${p.add(offset)}`,
      p.values,
    );
    return { items: rows.map(toPerson), total: n };
  }

  async personsAfter(afterEmployeeId: string | null, limit: number): Promise<HrPerson[]> {
    const size = Math.min(Math.max(1, Math.trunc(limit)), 5000);
    // Keyset on the primary key: a page costs the same at any depth of a 100,000-person roster.
    const rows: PersonRow[] =
      afterEmployeeId === null
        ? await this.db.query(`SELECT ${PERSON} FROM hr_person ORDER BY employee_id LIMIT $1`, [size])
        : await this.db.query(`SELECT ${PERSON} FROM hr_person WHERE employee_id > $1 ORDER BY employee_id LIMIT $2`, [afterEmployeeId, size]);
    return rows.map(toPerson);
  }

  async insertFollowUp(f: HrFollowUp): Promise<void> {
    await this.db.query(`INSERT INTO hr_follow_up (${FOLLOW_UP}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`, [
      f.id,
      f.kind,
      f.employeeId,
      f.eventId,
      f.dueAt,
      f.status,
      f.doneAt,
      JSON.stringify(followUpBodyOf(f)),
    ]);
  }

  async getFollowUpForUpdate(id: string): Promise<HrFollowUp | null> {
    if (!isUuid(id)) return null;
    const rows: FollowUpRow[] = await this.db.query(`SELECT ${FOLLOW_UP} FROM hr_follow_up WHERE id = $1 FOR UPDATE`, [id]);
    return rows.length ? toFollowUp(rows[0]!) : null;
  }

  async updateFollowUp(f: HrFollowUp): Promise<void> {
    const [, affected] = (await this.db.query(`UPDATE hr_follow_up SET due_at = $2, status = $3, done_at = $4, body = $5::jsonb WHERE id = $1`, [
      f.id,
      f.dueAt,
      f.status,
      f.doneAt,
      JSON.stringify(followUpBodyOf(f)),
    ])) as [unknown, number];
    if (!affected) throw new VigieError('not-found', `no HR follow-up has the id ${f.id}`);
  }

  async dueFollowUps(now: Date, limit: number): Promise<HrFollowUp[]> {
    const rows: FollowUpRow[] = await this.db.query(
      `SELECT ${FOLLOW_UP} FROM hr_follow_up WHERE status = 'scheduled' AND due_at <= $1 ORDER BY due_at, id LIMIT $2`,
      [now, limit],
    );
    return rows.map(toFollowUp);
  }

  async followUpsOf(employeeId: string, kind?: HrFollowUp['kind']): Promise<HrFollowUp[]> {
    const p = new SqlParams();
    const rows: FollowUpRow[] = await this.db.query(
      `SELECT ${FOLLOW_UP} FROM hr_follow_up WHERE employee_id = ${p.add(employeeId)} AND status = 'scheduled'
        ${kind ? `AND kind = ${p.add(kind)}` : ''} ORDER BY due_at, id`,
      p.values,
    );
    return rows.map(toFollowUp);
  }
}

function bodyOf(e: HrEvent): EventBody {
  return {
    immediate: e.immediate,
    person: e.person,
    cancels: e.cancels,
    fetchDetails: e.fetchDetails,
    lastError: e.lastError,
    actions: e.actions.map((a) => ({ ...a, at: a.at.toISOString() })),
  };
}

function followUpBodyOf(f: HrFollowUp): FollowUpBody {
  return { directory: f.directory, dn: f.dn, groups: f.groups, lastError: f.lastError };
}

function json<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

function toEvent(row: EventRow): HrEvent {
  const b = json<EventBody>(row.body);
  return {
    id: row.id,
    source: row.source as HrEvent['source'],
    eventId: row.event_id,
    type: row.type as HrEvent['type'],
    effectiveAt: dateOf(row.effective_at),
    immediate: b.immediate,
    person: b.person,
    cancels: b.cancels,
    fetchDetails: b.fetchDetails,
    status: row.status as HrEvent['status'],
    attempts: row.attempts,
    lastError: b.lastError,
    actions: b.actions.map((a) => ({ ...a, at: dateOf(a.at) })),
    receivedAt: dateOf(row.received_at),
    processedAt: dateOrNull(row.processed_at),
    version: row.version,
  };
}

function toPerson(row: PersonRow): HrPerson {
  const b = json<PersonBody>(row.body);
  return {
    employeeId: row.employee_id,
    scimId: row.scim_id,
    userName: row.user_name,
    data: b.data,
    active: row.active,
    account: b.account,
    leaverGroups: b.leaverGroups,
    moved: b.moved ? { ...b.moved, at: new Date(b.moved.at) } : null,
    leftAt: b.leftAt ? new Date(b.leftAt) : null,
    createdAt: dateOf(row.created_at),
    updatedAt: dateOf(row.updated_at),
    version: row.version,
  };
}

function toFollowUp(row: FollowUpRow): HrFollowUp {
  const b = json<FollowUpBody>(row.body);
  return {
    id: row.id,
    kind: row.kind as HrFollowUp['kind'],
    employeeId: row.employee_id,
    eventId: row.event_id,
    dueAt: dateOf(row.due_at),
    directory: b.directory,
    dn: b.dn,
    groups: b.groups,
    status: row.status as HrFollowUp['status'],
    lastError: b.lastError,
    doneAt: dateOrNull(row.done_at),
  };
}
