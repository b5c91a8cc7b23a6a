// Types only: a store's module must not load its domain library (the command line loads stores it never uses).
import type {
  AccessRequest,
  AccessRequestPage,
  AccessRequestQuery,
  AccessRequestStore,
  ApprovalStage,
  ApprovedMembership,
  Delegation,
  Grant,
  PendingDue,
} from '#vigie/requests';
import { VigieError } from '#vigie/common';
import type { SqlClient } from '../sql-client.js';
import { dateOf, dateOrNull } from './row-values.js';
import { SqlParams } from './sql-params.js';
import { decodeCursor, encodeCursor, isUuid } from './newest-first-cursor.js';

const SELECT = 'id, version, status, body';
/** Grants a membership stands behind: not yet confirmed, confirmed, or their removal not yet confirmed. */
const GRANTED = `('provisioning', 'active', 'removing')`;
/**
 * The rows of open requests, which IDX_access_request_one_open keeps to one per beneficiary, resource and level (the
 * same text as the index's, for ON CONFLICT to name it).
 */
const OPEN_REQUEST = `"status" = 'pending' OR ("status" = 'approved' AND "grant_status" IN ${GRANTED})`;

interface RequestRow {
  id: string;
  version: number;
  status: string;
  body: unknown;
}

interface DelegationRow {
  id: string;
  delegator: string;
  deputy: unknown;
  valid_from: Date | string;
  valid_until: Date | string;
  created_by: string;
  created_at: Date | string;
  revoked_at: Date | string | null;
}

/**
 * Access requests (table access_request) and approvers' delegations (approval_delegation), on PostgreSQL or the
 * embedded PGlite. A request is kept whole in `body`; the columns beside it are derived from it at each write, for
 * the lookups that must not read every request.
 */
export class PgAccessRequestStore implements AccessRequestStore {
  constructor(private readonly db: SqlClient) {}

  /**
   * A second open request for the same access, even one inserted at the same moment by another transaction, is a
   * 'conflict' naming the open one: the unique index decides (ON CONFLICT waits for the other transaction's outcome),
   * and this transaction stays usable for the caller's next statement.
   */
  async insert(request: AccessRequest): Promise<void> {
    const p = new SqlParams();
    const c = columnsOf(request);
    const rows: unknown[] = await this.db.query(
      `INSERT INTO access_request (id, version, ${Object.keys(c).join(', ')})
       VALUES (${p.add(request.id)}, ${p.add(request.version)}, ${Object.values(c)
         .map((v) => placeholder(p, v))
         .join(', ')})
       ON CONFLICT (beneficiary_key, resource_id, level) WHERE ${OPEN_REQUEST} DO NOTHING
       RETURNING id`,
      p.values,
    );
    if (rows.length) return;
    const open = await this.openFor(request.beneficiary.key, request.resource.id, request.level);
    throw new VigieError(
      'conflict',
      `an open request for this access exists: request ${open?.id ?? '(just closed)'} (${open?.status ?? 'closed'}) for ${request.level} on ${request.resource.name}`,
    );
  }

  async get(id: string): Promise<AccessRequest | null> {
    if (!isUuid(id)) return null;
    const rows: RequestRow[] = await this.db.query(`SELECT ${SELECT} FROM access_request WHERE id = $1`, [id]);
    return rows.length ? toRequest(rows[0]!) : null;
  }

  async getForUpdate(id: string): Promise<AccessRequest | null> {
    if (!isUuid(id)) return null;
    const rows: RequestRow[] = await this.db.query(`SELECT ${SELECT} FROM access_request WHERE id = $1 FOR UPDATE`, [id]);
    return rows.length ? toRequest(rows[0]!) : null;
  }

  async update(request: AccessRequest): Promise<AccessRequest> {
    const p = new SqlParams();
    const sets = Object.entries(columnsOf(request)).map(([column, v]) => `${column} = ${placeholder(p, v)}`);
    const [rows] = (await this.db.query(
      `UPDATE access_request SET version = version + 1, ${sets.join(', ')}
        WHERE id = ${p.add(request.id)} AND version = ${p.add(request.version)} RETURNING version`,
      p.values,
    )) as [Array<{ version: number }>, number];
    if (rows.length) return { ...request, version: rows[0]!.version };
    const stored: Array<{ version: number }> = await this.db.query(`SELECT version FROM access_request WHERE id = $1`, [request.id]);
    if (!stored.length) throw new VigieError('not-found', `no access request has the id ${request.id}`);
    throw new VigieError(
      'conflict',
      `the access request ${request.id} changed while it was being decided (version ${stored[0]!.version}, not ${request.version}): read it again`,
    );
  }

  async list(query: AccessRequestQuery): Promise<AccessRequestPage> {
    const p = new SqlParams();
    const where: string[] = [];
    if (query.visibleTo) {
      const keys = query.visibleTo;
      if (!keys.length) return { items: [], nextCursor: null };
      where.push(
        `(requester_key IN (${p.list(keys)}) OR beneficiary_key IN (${p.list(keys)}) OR beneficiary_manager_key IN (${p.list(keys)}) OR ${containsAny('owner_keys', keys, p)})`,
      );
    }
    if (query.awaitingDecisionBy) {
      const { keys, securityOfficer } = query.awaitingDecisionBy;
      const either = [
        ...(keys.length ? [containsAny('current_approvers', keys, p)] : []),
        ...(securityOfficer ? [`current_stage_kind = 'security-officer'`] : []),
      ];
      if (!either.length) return { items: [], nextCursor: null };
      where.push(`status = 'pending'`, `(${either.join(' OR ')})`);
    }
    if (query.madeByOrFor) where.push(`(requester_key = ${p.add(query.madeByOrFor)} OR beneficiary_key = ${p.add(query.madeByOrFor)})`);
    if (query.requester) where.push(`requester_key = ${p.add(query.requester)}`);
    if (query.beneficiary) where.push(`beneficiary_key = ${p.add(query.beneficiary)}`);
    if (query.status?.length) where.push(`status IN (${p.list(query.status)})`);
    if (query.resourceId) where.push(`resource_id = ${p.add(query.resourceId)}`);
    if (query.cursor) {
      const after = decodeCursor(query.cursor);
      where.push(`(created_at, id) < (${p.add(after.at)}::timestamptz, ${p.add(after.id)}::uuid)`);
    }
    const limit = Math.min(Math.max(1, Math.trunc(query.limit)), 500);
    const rows: Array<RequestRow & { created_at: Date | string }> = await this.db.query(
      `SELECT ${SELECT}, created_at FROM access_request ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY created_at DESC, id DESC LIMIT ${p.add(limit + 1)}`,
      p.values,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map(toRequest), nextCursor: rows.length > limit && last ? encodeCursor(dateOf(last.created_at), last.id) : null };
  }

  async openFor(beneficiaryKey: string, resourceId: string, level: string): Promise<AccessRequest | null> {
    const rows: RequestRow[] = await this.db.query(
      `SELECT ${SELECT} FROM access_request
        WHERE beneficiary_key = $1 AND resource_id = $2 AND level = $3
          AND (${OPEN_REQUEST})
        ORDER BY created_at DESC LIMIT 1`,
      [beneficiaryKey, resourceId, level],
    );
    return rows.length ? toRequest(rows[0]!) : null;
  }

  /** Each branch of the OR reads its own partial index (decide_by; stage_opened_at not reminded; not escalated). */
  async pendingDue(due: PendingDue, limit: number): Promise<AccessRequest[]> {
    const rows: RequestRow[] = await this.db.query(
      `SELECT ${SELECT} FROM access_request
        WHERE status = 'pending'
          AND (decide_by <= $1
            OR (stage_reminded_at IS NULL AND stage_opened_at <= $2)
            OR (stage_escalated_at IS NULL AND stage_opened_at <= $3))
        ORDER BY decide_by, id LIMIT $4`,
      [due.now, due.remindOpenedBefore, due.escalateOpenedBefore, limit],
    );
    return rows.map(toRequest);
  }

  async grantsEnded(now: Date, limit: number): Promise<AccessRequest[]> {
    const rows: RequestRow[] = await this.db.query(
      `SELECT ${SELECT} FROM access_request WHERE grant_status = 'active' AND grant_ends_at <= $1 ORDER BY grant_ends_at, id LIMIT $2`,
      [now, limit],
    );
    return rows.map(toRequest);
  }

  async approvedMemberships(since: Date): Promise<ApprovedMembership[]> {
    const rows: RequestRow[] = await this.db.query(
      `SELECT ${SELECT} FROM access_request
        WHERE grant_status IN ${GRANTED} OR (grant_status = 'ended' AND grant_ended_at >= $1)`,
      [since],
    );
    return rows.map(toRequest).map((r) => ({
      requestId: r.id,
      directory: r.grant!.directory,
      groupDn: r.grant!.groupDn,
      memberDn: r.grant!.memberDn,
      approvedAt: r.closedAt!,
      endsAt: r.grant!.endsAt,
    }));
  }

  async insertDelegation(d: Delegation): Promise<void> {
    await this.db.query(
      `INSERT INTO approval_delegation (id, delegator, deputy_key, deputy, valid_from, valid_until, created_by, created_at, revoked_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9)`,
      [d.id, d.delegator, d.deputy.key, JSON.stringify(d.deputy), d.from, d.until, d.createdBy, d.createdAt, d.revokedAt],
    );
  }

  async delegationsTo(deputyKey: string, at: Date): Promise<Delegation[]> {
    const rows: DelegationRow[] = await this.db.query(
      `SELECT * FROM approval_delegation WHERE deputy_key = $1 AND revoked_at IS NULL AND valid_from <= $2 AND valid_until > $2 ORDER BY valid_until, id`,
      [deputyKey, at],
    );
    return rows.map(toDelegation);
  }

  async delegationsFrom(delegatorKey: string, at: Date): Promise<Delegation[]> {
    const rows: DelegationRow[] = await this.db.query(
      `SELECT * FROM approval_delegation WHERE delegator = $1 AND revoked_at IS NULL AND valid_until > $2 ORDER BY valid_from, id`,
      [delegatorKey, at],
    );
    return rows.map(toDelegation);
  }

  async revokeDelegation(id: string, at: Date): Promise<Delegation | null> {
    if (!isUuid(id)) return null;
    const [rows] = (await this.db.query(`UPDATE approval_delegation SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING *`, [id, at])) as [
      DelegationRow[],
      number,
    ];
    return rows.length ? toDelegation(rows[0]!) : null;
  }
}

/** A JSON value goes as text cast to jsonb (PGlite and pg alike); anything else as itself. */
class Json {
  constructor(readonly value: unknown) {}
}

function placeholder(p: SqlParams, v: unknown): string {
  return v instanceof Json ? `${p.add(JSON.stringify(v.value))}::jsonb` : p.add(v);
}

/** The columns a request's lookups read, derived from the request itself at each write. */
function columnsOf(r: AccessRequest): Record<string, unknown> {
  const stage: ApprovalStage | undefined = r.currentStage === null ? undefined : r.stages[r.currentStage];
  const pending = r.status === 'pending' && stage !== undefined;
  const { id: _id, version: _version, ...body } = r;
  return {
    status: r.status,
    requester_key: r.requester.key,
    beneficiary_key: r.beneficiary.key,
    beneficiary_manager_key: r.beneficiaryManager,
    owner_keys: new Json(r.resourceOwners),
    resource_id: r.resource.id,
    level: r.level,
    current_stage_kind: pending ? stage.kind : null,
    current_approvers: new Json(pending ? stage.approvers : []),
    stage_opened_at: pending ? stage.openedAt : null,
    stage_reminded_at: pending ? stage.remindedAt : null,
    stage_escalated_at: pending ? stage.escalatedAt : null,
    decide_by: r.decideBy,
    created_at: r.createdAt,
    closed_at: r.closedAt,
    grant_status: r.grant?.status ?? null,
    grant_ends_at: r.grant?.endsAt ?? null,
    grant_ended_at: r.grant?.endedAt ?? null,
    target_directory: r.target.directory,
    target_group_dn_norm: canonicalDn(r.target.groupDn),
    target_member_dn_norm: canonicalDn(r.target.memberDn),
    body: new Json(body),
  };
}

/** A person key that holds one of these: `@>` on the GIN index, one parameter per key (see SqlParams). */
function containsAny(column: string, keys: readonly string[], p: SqlParams): string {
  return `(${keys.map((k) => `${column} @> ${p.add(JSON.stringify([k]))}::jsonb`).join(' OR ')})`;
}

/** The spelling of personKey's DN part: one per DN whatever its case or the spaces around its separators. */
function canonicalDn(dn: string): string {
  return dn
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s*(?<!\\)([,=+])\s*/g, '$1')
    .trim();
}

function json<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

/** Back from JSON: its dates were written as text. */
function toRequest(row: RequestRow): AccessRequest {
  const b = json<AccessRequest>(row.body);
  return {
    ...b,
    id: row.id,
    version: row.version,
    status: row.status as AccessRequest['status'],
    createdAt: dateOf(b.createdAt),
    decideBy: dateOf(b.decideBy),
    closedAt: dateOrNull(b.closedAt),
    stages: b.stages.map((s) => ({
      ...s,
      openedAt: dateOrNull(s.openedAt),
      remindedAt: dateOrNull(s.remindedAt),
      escalatedAt: dateOrNull(s.escalatedAt),
      decision: s.decision && { ...s.decision, at: dateOf(s.decision.at) },
    })),
    grant: b.grant && grantOf(b.grant),
  };
}

function grantOf(g: Grant): Grant {
  return { ...g, startsAt: dateOrNull(g.startsAt), endsAt: dateOrNull(g.endsAt), endedAt: dateOrNull(g.endedAt) };
}

function toDelegation(r: DelegationRow): Delegation {
  return {
    id: r.id,
    delegator: r.delegator,
    deputy: json<Delegation['deputy']>(r.deputy),
    from: dateOf(r.valid_from),
    until: dateOf(r.valid_until),
    createdBy: r.created_by,
    createdAt: dateOf(r.created_at),
    revokedAt: dateOrNull(r.revoked_at),
  };
}
