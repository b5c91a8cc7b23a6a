/**
 * The one list of where Vigie's tables can hold a person's identity, read by the access export (art. 15) and the
 * erasure (art. 17) alike, so that the export finds everything the erasure touches. Every text and JSON column of
 * the schema is either here or in NOT_PERSONAL with the reason: test/persistence/personal-data-registry.int-spec.ts
 * fails when a migration adds one that is in neither.
 */

/** The forms of a person's identity the tables hold. */
export type IdentityKind = 'employee-id' | 'login' | 'dn' | 'name' | 'mail';

/** A value that says whose row it is: a column, or one key of a JSON column. Matched exactly, in any case. */
export interface IdentifyingKey {
  kind: IdentityKind;
  /** The key inside a JSON column. */
  path?: string;
  /** Only on rows where this SQL condition holds (a DN column of a change is a person's only for user objects). */
  when?: string;
}

/**
 * How a column is pseudonymised:
 * - `replace`: each form of the identity, as a whole word in any case and with or without accents, becomes its
 *   pseudonymous form (`erased-<8 hex>`, a DN with that as its first value, `erased-<8 hex>@invalid`);
 * - `clear`: emptied on the person's own rows (their account), replaced as above on every other row;
 * - `trail`: through the trail's erasure (its personal part dropped with its salt), replaced as above elsewhere.
 */
export type Pseudonymisation = 'replace' | 'clear' | 'trail';

export interface PersonalColumn {
  column: string;
  json?: boolean;
  /** What identifies a person in it; `free text` may hold any form. */
  holds: Array<IdentityKind | 'free text'>;
  erase: Pseudonymisation;
  /** Values that identify the row's own subject: where the export and the erasure find the person. */
  keys?: IdentifyingKey[];
  /** Attribute changes (`[{attribute, old, new}]`) whose values are forms of the row's subject. */
  changedAttributes?: Record<string, IdentityKind>;
}

export interface PersonalTable {
  table: string;
  /** The column naming the directory a row comes from: where the person was found. */
  directory?: string;
  columns: PersonalColumn[];
}

const replace = (column: string, holds: PersonalColumn['holds'], more: Partial<PersonalColumn> = {}): PersonalColumn => ({
  column,
  holds,
  erase: 'replace',
  ...more,
});
const clear = (column: string, holds: PersonalColumn['holds'], more: Partial<PersonalColumn> = {}): PersonalColumn => ({
  column,
  holds,
  erase: 'clear',
  ...more,
});

const ACCOUNT_OBJECT = "object_type IN ('user', 'account', 'inetOrgPerson', 'person')";

export const PERSONAL_DATA: PersonalTable[] = [
  {
    table: 'account',
    directory: 'directory',
    columns: [
      replace('dn', ['dn', 'name', 'login'], { keys: [{ kind: 'dn' }] }),
      replace('dn_norm', ['dn', 'name', 'login'], { keys: [{ kind: 'dn' }] }),
      replace('login', ['login'], { keys: [{ kind: 'login' }] }),
      clear('employee_id', ['employee-id'], { keys: [{ kind: 'employee-id' }] }),
      clear('display_name', ['name'], { keys: [{ kind: 'name' }] }),
      clear('mail', ['mail'], { keys: [{ kind: 'mail' }] }),
      clear('department', ['free text']),
      clear('title', ['free text']),
      clear('employee_type', ['free text']),
      clear('location', ['free text']),
      clear('manager_dn', ['dn']),
      clear('description', ['free text']),
      replace('password_policy_dn', ['dn']),
      replace('service_principal_names', ['login', 'free text'], { json: true }),
      replace('dns_host_name', ['login']),
    ],
  },
  { table: 'membership', directory: 'directory', columns: [replace('member_dn_norm', ['dn', 'name', 'login'])] },
  {
    table: 'finding',
    directory: 'directory',
    columns: [
      replace('login', ['login'], { keys: [{ kind: 'login' }] }),
      replace('subject', ['dn', 'login', 'employee-id', 'name'], {
        json: true,
        keys: [
          { kind: 'dn', path: 'dn' },
          { kind: 'login', path: 'login' },
          { kind: 'employee-id', path: 'employeeId' },
          { kind: 'name', path: 'displayName' },
        ],
      }),
      replace('message', ['free text']),
      replace('evidence', ['free text'], { json: true }),
      replace('explain', ['free text'], { json: true }),
      replace('resource', ['dn'], { json: true }),
    ],
  },
  {
    table: 'finding_state',
    directory: 'directory',
    columns: [replace('login', ['login'], { keys: [{ kind: 'login' }] }), replace('reason', ['free text']), replace('decided_by', ['login', 'name'])],
  },
  {
    table: 'sync_change',
    directory: 'directory',
    columns: [
      replace('dn', ['dn'], { keys: [{ kind: 'dn', when: ACCOUNT_OBJECT }] }),
      replace('old_dn', ['dn'], { keys: [{ kind: 'dn', when: ACCOUNT_OBJECT }] }),
      replace('name', ['login', 'name'], { keys: [{ kind: 'login', when: ACCOUNT_OBJECT }] }),
      replace('changes', ['free text'], {
        json: true,
        changedAttributes: { displayName: 'name', mail: 'mail', employeeId: 'employee-id', login: 'login' },
      }),
    ],
  },
  {
    table: 'sync_membership_change',
    directory: 'directory',
    columns: [
      replace('member_dn', ['dn'], { keys: [{ kind: 'dn', when: "coalesce(member_type, 'user') <> 'group'" }] }),
      replace('member_dn_norm', ['dn'], { keys: [{ kind: 'dn', when: "coalesce(member_type, 'user') <> 'group'" }] }),
      replace('member_name', ['login', 'name'], { keys: [{ kind: 'login', when: "coalesce(member_type, 'user') <> 'group'" }] }),
    ],
  },
  // Groups and other objects may name a person: a group's manager, a description "ask Jean Dupont".
  {
    table: 'directory_group',
    columns: [replace('description', ['free text']), replace('managed_by', ['dn']), replace('mail', ['mail'])],
  },
  {
    table: 'directory_object',
    columns: [replace('description', ['free text']), replace('managed_by', ['dn']), replace('location', ['free text'])],
  },
  { table: 'api_token', columns: [replace('name', ['free text'])] },
  {
    table: 'staff_session',
    columns: [
      replace('subject', ['dn', 'login'], { keys: [{ kind: 'dn' }, { kind: 'login' }] }),
      replace('display_name', ['name'], { keys: [{ kind: 'name' }] }),
      replace('person', ['dn', 'login'], {
        json: true,
        keys: [
          { kind: 'dn', path: 'dn' },
          { kind: 'login', path: 'login' },
        ],
      }),
    ],
  },
  // Access requests name people by person key (`<directory>:<DN>`) in their lookup columns, and in full in the body
  // (requester, beneficiary, deciders, the member written) beside free text (justification, comments).
  {
    table: 'access_request',
    columns: [
      replace('requester_key', ['dn']),
      replace('beneficiary_key', ['dn']),
      replace('beneficiary_manager_key', ['dn']),
      replace('owner_keys', ['dn'], { json: true }),
      replace('current_approvers', ['dn'], { json: true }),
      replace('target_member_dn_norm', ['dn']),
      replace('body', ['dn', 'login', 'name', 'mail', 'employee-id', 'free text'], { json: true }),
    ],
  },
  {
    table: 'approval_delegation',
    columns: [
      replace('delegator', ['dn']),
      replace('deputy_key', ['dn']),
      replace('deputy', ['dn', 'login', 'name', 'mail', 'employee-id'], {
        json: true,
        keys: [
          { kind: 'dn', path: 'dn' },
          { kind: 'login', path: 'login' },
        ],
      }),
      replace('created_by', ['dn', 'login']),
    ],
  },
  // HR events and the people they describe (issue 17): employee ids, names, mail, titles, managers in the JSON,
  // a SCIM userName (often the UPN) beside the employee id.
  {
    table: 'hr_event',
    columns: [
      replace('employee_id', ['employee-id'], { keys: [{ kind: 'employee-id' }] }),
      replace('event_id', ['free text']),
      replace('body', ['employee-id', 'name', 'mail', 'dn', 'login', 'free text'], { json: true }),
    ],
  },
  {
    table: 'hr_person',
    columns: [
      replace('employee_id', ['employee-id'], { keys: [{ kind: 'employee-id' }] }),
      replace('user_name', ['login', 'mail'], { keys: [{ kind: 'login' }, { kind: 'mail' }] }),
      replace('body', ['employee-id', 'name', 'mail', 'dn', 'login', 'free text'], { json: true }),
    ],
  },
  {
    table: 'hr_follow_up',
    columns: [replace('employee_id', ['employee-id'], { keys: [{ kind: 'employee-id' }] }), replace('body', ['dn', 'free text'], { json: true })],
  },
  { table: 'sync_run', columns: [replace('error', ['free text']), replace('stats', ['free text'], { json: true })] },
  { table: 'audit_run', columns: [replace('error', ['free text'])] },
  { table: 'policy_load_failure', columns: [replace('message', ['free text']), replace('errors', ['free text'], { json: true })] },
  {
    table: 'trail_person',
    directory: 'directory',
    columns: [
      { column: 'login', holds: ['login'], erase: 'trail', keys: [{ kind: 'login' }] },
      { column: 'employee_id', holds: ['employee-id'], erase: 'trail', keys: [{ kind: 'employee-id' }] },
      { column: 'display_name', holds: ['name'], erase: 'trail', keys: [{ kind: 'name' }] },
    ],
  },
  {
    table: 'trail_personal',
    columns: [
      { column: 'target_id', holds: ['dn', 'login'], erase: 'trail' },
      { column: 'data', json: true, holds: ['free text'], erase: 'trail' },
    ],
  },
];

/** Text and JSON columns that hold no one's identity, and why. `table.*` covers a whole table. */
export const NOT_PERSONAL: Record<string, string> = {
  'migrations.*': "TypeORM's list of applied migrations",
  'trail_entry.*': 'the chain names people only by keyed pseudonyms; their identity sits in trail_person and trail_personal',
  'trail_checkpoint.*': 'signed heads of the chain: hashes, keys, signatures',
  // The report's bytes (bytea) name people: the erasure deletes the reports whose `subjects` (text[], not a text
  // column this list covers) hold one of the person's forms (pg-personal-data.store.ts, deleteReportsNaming).
  'report.subjects':
    "who the report names (lower-cased logins and DNs): the erasure deletes the report's row when one is the person's, rather than rewriting its bytes",
  'report.trigger': 'manual or scheduled',
  'report.format': 'pdf or html',
  'report.lang': 'fr or en',
  'report.sha256': "the file's digest",
  'report.file_name': 'the period and the language',
  'report.created_by': "the actor's id (a token or staff id, or the system); not looked up by the erasure, to review",
  'trail_head.*': 'the last hash of each chain',
  'trail_setting.*': "the pseudonym key's check value and the trail's settings",
  'trail_personal.chain': 'the chain the entry belongs to',
  'trail_personal.salt': "the random salt of the personal part's digest",
  'trail_person.pseudonym': 'the keyed pseudonym itself (HMAC under the pseudonym key)',
  'trail_person.directory': 'the name of a configured directory',
  'gdpr_erasure.*': 'the pseudonym map of erased people: keyed digests (HMAC under the pseudonym key) and pseudonyms, never a form of the identity',
  'policy_version.*': "the policy's own files and hash: resources, groups and rules of the company, not people",
  'sync_state.*': 'where each directory was read up to (watermarks, fingerprints)',
  'account.directory': 'the name of a configured directory',
  'account.kind': 'user or computer',
  'account.object_sid':
    "the account's security identifier: it names no one without the directory, and a forced erasure keeps the account row (and its memberships) under a pseudonymous DN",
  'account.sid_history': 'former security identifiers of the account',
  'account.operating_system': "a computer's operating system",
  'account.operating_system_version': "a computer's operating system version",
  'account.fingerprint': 'a hash of the entry, to tell changed entries',
  'membership.directory': 'the name of a configured directory',
  'membership.group_dn_norm': 'a group',
  'finding.id': 'a hash of the rule, subject and resource',
  'finding.rule': 'a rule id',
  'finding.severity': 'a severity',
  'finding.directory': 'the name of a configured directory',
  'finding_state.id': 'a hash of the rule, subject and resource',
  'finding_state.rule': 'a rule id',
  'finding_state.severity': 'a severity',
  'finding_state.directory': 'the name of a configured directory',
  'finding_state.status': 'open, acknowledged, accepted, resolved',
  'sync_change.directory': 'the name of a configured directory',
  'sync_change.action': 'added, modified, removed, renamed',
  'sync_change.object_type': 'the kind of object',
  'sync_membership_change.directory': 'the name of a configured directory',
  'sync_membership_change.action': 'added or removed',
  'sync_membership_change.group_dn': 'a group',
  'sync_membership_change.group_dn_norm': 'a group',
  'sync_membership_change.group_name': 'a group',
  'sync_membership_change.member_type': 'the kind of member',
  'directory_group.directory': 'the name of a configured directory',
  'directory_group.dn': 'a group',
  'directory_group.dn_norm': 'a group',
  'directory_group.name': 'a group',
  'directory_group.object_sid': "a group's security identifier",
  'directory_group.scope': "a group's scope",
  'directory_group.fingerprint': 'a hash of the entry',
  'directory_group.members_fingerprint': 'a hash of the members',
  'directory_object.directory': 'the name of a configured directory',
  'directory_object.dn': 'a share, printer, OU or policy object',
  'directory_object.dn_norm': 'a share, printer, OU or policy object',
  'directory_object.kind': 'the kind of object',
  'directory_object.name': 'a share, printer, OU or policy object',
  'directory_object.object_sid': "an object's security identifier",
  'directory_object.unc_name': 'the path of a share or printer',
  'directory_object.server_name': 'a server',
  'directory_object.fingerprint': 'a hash of the entry',
  'api_token.role': 'a role of Vigie',
  'api_token.token_hash': 'a hash of the token',
  'staff_session.token_hash': 'a hash of the session cookie',
  'staff_session.method': 'how the person signed in',
  'staff_session.roles': 'roles of Vigie',
  'staff_session.end_reason': 'why the session ended',
  'oidc_sign_in.binding_hash': 'a hash of the browser binding',
  'oidc_sign_in.state': 'a random value of the OIDC flow',
  'oidc_sign_in.nonce': 'a random value of the OIDC flow',
  'oidc_sign_in.code_verifier': 'a random value of the OIDC flow',
  'access_request.status': "a request's status",
  'access_request.resource_id': 'a resource of the policy',
  'access_request.level': 'an access level of the policy',
  'access_request.current_stage_kind': 'manager, owner or security-officer',
  'access_request.grant_status': "a grant's status",
  'access_request.target_directory': 'the name of a configured directory',
  'access_request.target_group_dn_norm': 'a group',
  'hr_event.source': 'webhook, scim or an HR vendor',
  'hr_event.type': 'hire, update, move, leave or cancel',
  'hr_event.status': "an HR event's status",
  'hr_follow_up.kind': 'remove-groups or delete-account',
  'hr_follow_up.status': "a follow-up's status",
  'sync_run.directory': 'the name of a configured directory',
  'sync_run.mode': 'full or incremental',
  'sync_run.status': "a run's outcome",
  'audit_run.status': "a run's outcome",
  'audit_run.policy_version': "the policy's hash",
  'audit_run.counts': 'counts of findings per rule and severity',
  'policy_load_failure.source': 'the policy directory',
  'policy_load_failure.fallback_version': "the policy's hash",
  'sign_in_attempt.scope': 'source, account or all',
  'sign_in_attempt.key':
    "a caller's network address, a keyed hash of a login (the trail's pseudonym, HMAC under the pseudonym key) or a counter's name: " +
    'no form of identity the export or the erasure looks up; the worker drops a row once its window and lockout are over',
};

/** Every column the registry names, as `table.column`. */
export function registeredColumns(): string[] {
  return PERSONAL_DATA.flatMap((t) => t.columns.map((c) => `${t.table}.${c.column}`));
}
