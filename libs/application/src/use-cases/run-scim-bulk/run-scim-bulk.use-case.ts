import type * as z from 'zod';
import { isVigieError } from '#vigie/common';
import type { HrEventStore } from '#vigie/hr';
import { ScimError, scimErrorBody, scimTypeOf } from '../../scim/scim-error.js';
import { SCIM_MAX_OPERATIONS } from '../../scim/scim-settings.js';
import { scimResourceOf } from '../../scim/scim-resources.js';
import type { ScimUserWrites } from '../../scim/scim-user-writes.js';
import { type ScimBulkOperation, readBulkRequest } from '../../scim/scimmy.js';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { runScimBulkInput } from './run-scim-bulk.input.js';

/**
 * The status of an operation's error in a BulkResponse: SCIM's own when it says one, else its kind's. (The API maps
 * the kinds of whole responses in apps/api/src/http; a Bulk answer carries one status per operation in its body.)
 */
const STATUS: Record<string, number> = { 'invalid-input': 400, unauthenticated: 401, forbidden: 403, 'not-found': 404, conflict: 409 };

interface BulkOpResponse {
  method: ScimBulkOperation['method'];
  bulkId?: string;
  location?: string;
  version?: string;
  status: string;
  response?: unknown;
}

/**
 * POST /scim/v2/Bulk (RFC 7644 §3.7): the operations on /Users in order, each in its own unit of work as its single
 * request would be; a later operation may name a user an earlier POST made as `bulkId:<its bulkId>` (in its path or as
 * a value, the manager's say); after failOnErrors errors the rest is not run. For the SCIM routes only.
 */
export class RunScimBulk implements UseCase<typeof runScimBulkInput, Record<string, unknown>> {
  static readonly definition: UseCaseDefinition<typeof runScimBulkInput> = { name: 'run-scim-bulk', input: runScimBulkInput };
  readonly definition = RunScimBulk.definition;

  constructor(
    private readonly writes: ScimUserWrites,
    private readonly hr: HrEventStore,
    private readonly baseUrl: string,
  ) {}

  async execute(input: z.output<typeof runScimBulkInput>): Promise<Record<string, unknown>> {
    const { operations, failOnErrors } = readBulkRequest(input.body, SCIM_MAX_OPERATIONS);
    const made = new Map<string, string>();
    const results: BulkOpResponse[] = [];
    let errors = 0;
    for (const op of operations) {
      if (failOnErrors !== null && errors >= failOnErrors) break;
      const result = await this.run(op, made).catch((err: unknown) => failure(op, err));
      if (Number(result.status) >= 400) errors++;
      results.push(result);
    }
    return { schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkResponse'], Operations: results };
  }

  private async run(op: ScimBulkOperation, made: Map<string, string>): Promise<BulkOpResponse> {
    const base = { method: op.method, ...(op.bulkId ? { bulkId: op.bulkId } : {}) };
    const id = userIdOf(op, made);
    const data = withBulkIds(op.data, made);
    if (op.method === 'DELETE') {
      await this.writes.remove(id!);
      return { ...base, location: `${this.baseUrl}/Users/${id}`, status: '204' };
    }
    const person =
      op.method === 'POST' ? await this.writes.create(data) : op.method === 'PUT' ? await this.writes.replace(id!, data) : await this.writes.patch(id!, data);
    if (op.method === 'POST' && op.bulkId) made.set(op.bulkId, person.scimId);
    const resource = await scimResourceOf(person, this.hr, this.baseUrl);
    const meta = resource.meta as { location: string; version: string };
    return {
      ...base,
      location: meta.location,
      version: meta.version,
      status: op.method === 'POST' ? '201' : '200',
      ...(op.method === 'POST' ? {} : { response: resource }),
    };
  }
}

/** The user an operation's path names (`/Users/<id>` or `/Users/bulkId:<bulkId>`); none for a POST, on `/Users`. */
function userIdOf(op: ScimBulkOperation, made: Map<string, string>): string | null {
  const m = /^\/Users(?:\/([^/?#]+))?\/?$/.exec(op.path);
  if (!m) throw new ScimError('invalid-input', 'invalidPath', `the path ${op.path} is not /Users nor /Users/<id>: Vigie serves users only`);
  const ref = m[1] ? decodeURIComponent(m[1]) : null;
  if (op.method === 'POST') {
    if (ref) throw new ScimError('invalid-input', 'invalidPath', `a POST goes to /Users, not ${op.path}`);
    return null;
  }
  if (!ref) throw new ScimError('invalid-input', 'invalidPath', `a ${op.method} names its user: /Users/<id>, not ${op.path}`);
  return resolved(ref, made);
}

function resolved(ref: string, made: Map<string, string>): string {
  if (!ref.startsWith('bulkId:')) return ref;
  const id = made.get(ref.slice('bulkId:'.length));
  if (!id) throw new ScimError('conflict', 'invalidValue', `${ref} is not the bulkId of a user an earlier POST of this request made`);
  return id;
}

/** Every `bulkId:<bulkId>` value of an operation's data, replaced by the id of the user it made. */
function withBulkIds(data: unknown, made: Map<string, string>): unknown {
  if (typeof data === 'string') return data.startsWith('bulkId:') ? resolved(data, made) : data;
  if (Array.isArray(data)) return data.map((v) => withBulkIds(v, made));
  if (typeof data === 'object' && data !== null) return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, withBulkIds(v, made)]));
  return data;
}

function failure(op: ScimBulkOperation, err: unknown): BulkOpResponse {
  const status = err instanceof ScimError && err.status ? err.status : isVigieError(err) ? (STATUS[err.kind] ?? 500) : 500;
  // An unexpected error's message is not the client's to read (it may name the database): the API logs its own.
  const detail = isVigieError(err) && status < 500 ? err.message : 'the operation failed inside Vigie; its other operations were run';
  return { method: op.method, ...(op.bulkId ? { bulkId: op.bulkId } : {}), status: String(status), response: scimErrorBody(status, detail, scimTypeOf(err)) };
}
