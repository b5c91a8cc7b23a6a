import SCIMMY from 'scimmy';
import { type ErrorKind } from '#vigie/common';
import { ScimError, type ScimType } from './scim-error.js';
import { SCIM_ENTERPRISE_SCHEMA, SCIM_USER_SCHEMA, type ScimUser } from './scim-user.js';

/**
 * The one file that knows scimmy (the SCIM 2.0 library): it parses User bodies, PATCH operations, filters and Bulk
 * requests, and writes the resources and documents; the rest of Vigie sees ScimUser and plain JSON only.
 */

type Wire = Record<string, unknown>;
const ENT = SCIM_ENTERPRISE_SCHEMA;
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

let declared = false;
/** scimmy's User schema is a singleton: the enterprise extension is mixed in once per process. */
function userSchema(): typeof SCIMMY.Schemas.User {
  if (!declared) {
    // Typed as taking an instance; it takes the class.
    SCIMMY.Schemas.User.extend(SCIMMY.Schemas.EnterpriseUser as never, false);
    declared = true;
  }
  return SCIMMY.Schemas.User;
}

/** A User body (POST, PUT, a Bulk operation's data), checked against the User schema and the enterprise extension. */
export function readScimUser(body: unknown): ScimUser {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ScimError('invalid-input', 'invalidSyntax', 'the body must be a SCIM User (a JSON object with schemas and userName)');
  }
  const wire = scimmyCall(() => new (userSchema())(booleanActive(body as Wire), 'in') as unknown as Wire);
  return fromWire(wire);
}

/**
 * A PatchOp body (RFC 7644 §3.5.2) applied to a user, with what Entra ID sends that the RFC does not say: op names
 * capitalised ("Replace"), "True"/"False" as strings for active, the manager as a bare id, and a filtered path
 * (`emails[type eq "work"].value`) for a value the user has none of yet, which adds it.
 */
export async function patchScimUser(current: ScimUser, body: unknown): Promise<ScimUser> {
  const ops = (body as { Operations?: unknown } | null)?.Operations;
  if (typeof body !== 'object' || body === null || !Array.isArray(ops) || ops.length === 0) {
    throw new ScimError('invalid-input', 'invalidSyntax', `the body must be a PatchOp: { "schemas": ["${PATCH_OP}"], "Operations": [ at least one ] }`);
  }
  const message = scimmyCall(() => new SCIMMY.Messages.PatchOp(body as ConstructorParameters<typeof SCIMMY.Messages.PatchOp>[0]));
  let wire = toWire(current);
  for (const [i, raw] of message.Operations.entries()) {
    const op = withTargetAdded(entraCompatible(raw as unknown as Wire), wire);
    const one = scimmyCall(() => new SCIMMY.Messages.PatchOp({ schemas: [PATCH_OP], Operations: [op as never] }));
    const resource = scimmyCall(() => new (userSchema())(wire, 'in'));
    const patched = await scimmyAsync(() => one.apply(resource, async (instance) => instance as unknown as Record<string, unknown>), i);
    // scimmy answers nothing when an operation changed nothing.
    if (patched) wire = plain(patched);
  }
  return fromWire(wire);
}

export interface ScimResourceMeta {
  id: string;
  created: Date;
  lastModified: Date;
  /** W/"<version>" */
  version: string;
  location: string;
}

/** The User resource a SCIM client reads (RFC 7643 §4.1 with the enterprise extension and meta). */
export function scimUserResource(user: ScimUser, meta: ScimResourceMeta): Wire {
  const { id, created, lastModified, ...rest } = meta;
  // As strings: a Date of another realm (a structured clone) is not one to scimmy's instanceof.
  const dates = { created: new Date(created.getTime()).toISOString(), lastModified: new Date(lastModified.getTime()).toISOString() };
  return plain(new (userSchema())({ ...toWire(user), id, meta: { resourceType: 'User', ...dates, ...rest } }, 'out'));
}

export type UserFilter = { attribute: 'externalId' | 'userName'; value: string };

/**
 * The filters Vigie answers (RFC 7644 §3.4.2.2): `externalId eq "…"` and `userName eq "…"`, what provisioning clients
 * look a user up by. Anything else, or a filter that does not parse, is a 400 invalidFilter.
 */
export function parseUserFilter(filter: string): UserFilter {
  let parsed: Array<Record<string, unknown>> = [];
  try {
    parsed = new SCIMMY.Types.Filter(filter) as unknown as Array<Record<string, unknown>>;
  } catch {
    // Not a filter at all: answered below as one Vigie does not answer, with what it does.
  }
  const only = parsed.length === 1 ? Object.entries(parsed[0]!) : [];
  const [name, comparison] = only.length === 1 ? only[0]! : [];
  const attribute = typeof name === 'string' ? { externalid: 'externalId' as const, username: 'userName' as const }[name.toLowerCase()] : undefined;
  if (!attribute || !Array.isArray(comparison) || comparison[0] !== 'eq' || typeof comparison[1] !== 'string') {
    throw new ScimError(
      'invalid-input',
      'invalidFilter',
      `the filter ${JSON.stringify(filter)} is not one Vigie answers: use externalId eq "<employee id>" or userName eq "<user name>"`,
    );
  }
  return { attribute, value: comparison[1] };
}

export function scimListResponse(resources: Wire[], totalResults: number, startIndex: number): Wire {
  return plain(new SCIMMY.Messages.ListResponse(resources as never[], { totalResults, startIndex, itemsPerPage: resources.length }));
}

export interface ScimBulkOperation {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  bulkId: string | null;
  path: string;
  data: unknown;
}

/** A BulkRequest (RFC 7644 §3.7): its operations in order, and how many errors end it (failOnErrors; none: all run). */
export function readBulkRequest(body: unknown, maxOperations: number): { operations: ScimBulkOperation[]; failOnErrors: number | null } {
  const request = scimmyCall(() => new SCIMMY.Messages.BulkRequest(body as ConstructorParameters<typeof SCIMMY.Messages.BulkRequest>[0], maxOperations));
  const operations = request.Operations.map((op, i) => {
    const method = String(op.method ?? '').toUpperCase();
    if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) {
      throw new ScimError('invalid-input', 'invalidValue', `operation ${i + 1}: the method ${JSON.stringify(op.method)} is not POST, PUT, PATCH or DELETE`);
    }
    if (typeof op.path !== 'string') throw new ScimError('invalid-input', 'invalidValue', `operation ${i + 1}: the path is missing`);
    return { method: method as ScimBulkOperation['method'], bulkId: typeof op.bulkId === 'string' ? op.bulkId : null, path: op.path, data: op.data };
  });
  return { operations, failOnErrors: typeof request.failOnErrors === 'number' ? request.failOnErrors : null };
}

export interface ScimServiceSettings {
  /** Where /scim/v2 is served: the base of every meta.location. */
  baseUrl: string;
  maxOperations: number;
  maxPayloadSize: number;
  maxResults: number;
  documentationUri: string | null;
}

/** GET /ServiceProviderConfig (RFC 7643 §5): PATCH, Bulk and filtering supported; sort, ETags and passwords not. */
export function scimServiceProviderConfig(s: ScimServiceSettings): Wire {
  return plain(
    new SCIMMY.Schemas.ServiceProviderConfig(
      {
        ...(s.documentationUri ? { documentationUri: s.documentationUri } : {}),
        patch: { supported: true },
        bulk: { supported: true, maxOperations: s.maxOperations, maxPayloadSize: s.maxPayloadSize },
        filter: { supported: true, maxResults: s.maxResults },
        changePassword: { supported: false },
        sort: { supported: false },
        etag: { supported: false },
        authenticationSchemes: [
          {
            type: 'oauthbearertoken',
            name: 'OAuth Bearer Token',
            description: 'Authorization: Bearer <the token of hr.scim.tokenEnv>, a token that opens /scim/v2 only',
            specUri: 'https://www.rfc-editor.org/info/rfc6750',
            primary: true,
          },
        ],
      },
      `${s.baseUrl}/ServiceProviderConfig`,
    ),
  );
}

/** The schemas Vigie serves (RFC 7643 §7): User and its enterprise extension. */
export function scimSchemas(baseUrl: string): Wire[] {
  userSchema();
  return [SCIMMY.Schemas.User, SCIMMY.Schemas.EnterpriseUser].map((s) => plain(s.definition.describe(`${baseUrl}/Schemas`)));
}

/** The resource types Vigie serves (RFC 7643 §6): User only. */
export function scimResourceTypes(baseUrl: string): Wire[] {
  userSchema();
  const description = SCIMMY.Resources.User.describe();
  return [plain(new SCIMMY.Schemas.ResourceType(description, `${baseUrl}/ResourceTypes`))];
}

function toWire(user: ScimUser): Wire {
  const enterprise: Wire = {};
  if (user.employeeNumber) enterprise.employeeNumber = user.employeeNumber;
  if (user.department) enterprise.department = user.department;
  if (user.manager) enterprise.manager = { value: user.manager };
  const name: Wire = {};
  if (user.givenName) name.givenName = user.givenName;
  if (user.familyName) name.familyName = user.familyName;
  return dropEmpty({
    schemas: Object.keys(enterprise).length ? [SCIM_USER_SCHEMA, ENT] : [SCIM_USER_SCHEMA],
    userName: user.userName,
    externalId: user.externalId,
    active: user.active,
    name: Object.keys(name).length ? name : null,
    emails: user.mail ? [{ value: user.mail, type: 'work', primary: true }] : null,
    title: user.title,
    userType: user.userType,
    addresses: user.site ? [{ type: 'work', locality: user.site, primary: true }] : null,
    [ENT]: Object.keys(enterprise).length ? enterprise : null,
  });
}

function fromWire(wire: Wire): ScimUser {
  const name = (wire.name ?? {}) as Wire;
  const enterprise = (wire[ENT] ?? {}) as Wire;
  const manager = enterprise.manager as Wire | undefined;
  return {
    userName: String(wire.userName),
    externalId: text(wire.externalId),
    active: wire.active !== false,
    givenName: text(name.givenName),
    familyName: text(name.familyName),
    mail: text(preferred(wire.emails)?.value),
    title: text(wire.title),
    userType: text(wire.userType),
    site: text(preferred(wire.addresses)?.locality),
    employeeNumber: text(enterprise.employeeNumber),
    department: text(enterprise.department),
    manager: text(manager?.value),
  };
}

/**
 * The value of a multi-valued attribute that counts: the primary one, else the work one, else the first; the last
 * added when several are (an "add" appends, and RFC 7644 §3.5.2.1 makes the one added primary the only primary).
 */
function preferred(values: unknown): Wire | undefined {
  if (!Array.isArray(values)) return undefined;
  const latestFirst = [...(values as Wire[])].reverse();
  return latestFirst.find((v) => v.primary === true) ?? latestFirst.find((v) => String(v.type).toLowerCase() === 'work') ?? (values as Wire[])[0];
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function dropEmpty(wire: Wire): Wire {
  return Object.fromEntries(Object.entries(wire).filter(([, v]) => v !== null && v !== undefined));
}

/** JSON as a client reads it: dates as ISO strings, scimmy's classes gone. */
function plain<T>(value: T): Wire {
  return JSON.parse(JSON.stringify(value)) as Wire;
}

const asBoolean = (v: unknown) => (typeof v === 'string' && /^(true|false)$/i.test(v) ? v.toLowerCase() === 'true' : v);

function booleanActive(body: Wire): Wire {
  return 'active' in body ? { ...body, active: asBoolean(body.active) } : body;
}

const isManagerPath = (path: string) => /^((urn:ietf:params:scim:schemas:extension:enterprise:2\.0:User:)?manager)$/i.test(path);

/** What Entra ID sends, made what the RFC says (see patchScimUser). */
function entraCompatible(op: Wire): Wire {
  const path = typeof op.path === 'string' ? op.path : null;
  let value = op.value;
  if (path && /^active$/i.test(path)) value = asBoolean(value);
  else if (path && isManagerPath(path) && typeof value === 'string') value = { value };
  else if (!path && typeof value === 'object' && value !== null && !Array.isArray(value)) {
    value = Object.fromEntries(
      Object.entries(value as Wire).map(([k, v]) => [k, /^active$/i.test(k) ? asBoolean(v) : isManagerPath(k) && typeof v === 'string' ? { value: v } : v]),
    );
  }
  return { ...op, op: String(op.op ?? '').toLowerCase(), ...(value === undefined ? {} : { value }) };
}

/** `attr[type eq "x"].sub` set (add or replace) on a user with no `attr` of type x: the value is added instead. */
function withTargetAdded(op: Wire, wire: Wire): Wire {
  const m = typeof op.path === 'string' ? /^(\w+)\[type eq "([^"]*)"\]\.(\w+)$/i.exec(op.path) : null;
  if (!m || (op.op !== 'add' && op.op !== 'replace')) return op;
  const [, attr, type, sub] = m;
  const key = Object.keys(wire).find((k) => k.toLowerCase() === attr!.toLowerCase()) ?? attr!;
  const values = Array.isArray(wire[key]) ? (wire[key] as Wire[]) : [];
  if (values.some((v) => String(v.type).toLowerCase() === type!.toLowerCase())) return op;
  return { op: 'add', path: key, value: [{ type, [sub!]: op.value }] };
}

const KIND_OF_STATUS: Record<number, ErrorKind> = { 400: 'invalid-input', 404: 'not-found', 409: 'conflict', 413: 'invalid-input' };

/** scimmy's errors (its SCIMError with a status and scimType, or a TypeError of its schema checks) as ScimErrors. */
function translated(err: unknown, operation?: number): ScimError {
  if (err instanceof ScimError) return err;
  const e = err as { status?: number; scimType?: string | null; message?: string };
  const raw = e.message ?? String(err);
  // Each operation is applied alone (see patchScimUser): scimmy numbers it 1.
  const message = operation === undefined ? raw : raw.replace(/\boperation 1\b/, `operation ${operation + 1}`);
  if (err instanceof SCIMMY.Types.Error) {
    const status = e.status ?? 400;
    const out = new ScimError(KIND_OF_STATUS[status] ?? 'invalid-input', (e.scimType as ScimType | null) ?? (status === 413 ? 'tooMany' : null), message);
    if (status === 413) out.status = 413;
    return out;
  }
  if (err instanceof TypeError) return new ScimError('invalid-input', 'invalidValue', message);
  throw err;
}

function scimmyCall<T>(call: () => T): T {
  try {
    return call();
  } catch (err) {
    throw translated(err);
  }
}

async function scimmyAsync<T>(call: () => Promise<T>, operation: number): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw translated(err, operation);
  }
}
