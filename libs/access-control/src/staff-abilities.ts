import { AbilityBuilder, type ForcedSubject, type MongoAbility, createMongoAbility, subject } from '@casl/ability';
import { personKey } from './person-key.js';
import type { Staff } from './staff.model.js';
import type { StaffRole } from './staff-role.js';

/** `decide`: approve or refuse an access request at one's stage of the approval chain. */
export type StaffAction = 'manage' | 'read' | 'create' | 'update' | 'decide';
/**
 * `Access`: effective access of identities and resources (who can reach what, and how); `HrEvent`: the events the HR
 * system sent (people's names and mail inside), replayed by the admin who runs Vigie; `Configuration`: directories,
 * connectors and settings; `Policy`: the policy in force (its version, resources and their owners, criticality and
 * personal data), read by whoever reads what it produces; `Report` and `ReviewCampaign` arrive with their issues, named here so that each role's
 * share is decided in one place.
 */
export type StaffSubject =
  | 'Finding'
  | 'AuditRun'
  | 'SyncRun'
  | 'Metrics'
  | 'ApiDocs'
  | 'ApiToken'
  | 'AuditLog'
  | 'Access'
  | 'AccessRequest'
  | 'HrEvent'
  | 'Report'
  | 'ReviewCampaign'
  | 'Configuration'
  | 'Policy'
  | 'all';

/**
 * The facts of an access request that abilities look at, each person as a person key (see personKey): who asked, for
 * whom, the beneficiary's manager and the owners of the resource asked for.
 */
export interface AccessRequestFacts {
  requester: string;
  beneficiary: string;
  beneficiaryManager: string | null;
  resourceOwners: string[];
}

/** One account's effective access, as conditions see it: its directory and its DN as a person key's DN part. */
export interface AccessFacts {
  /** personKey of the account (`<directory>:<normalized dn>`). */
  account: string;
}

type Records = (ForcedSubject<'AccessRequest'> & AccessRequestFacts) | (ForcedSubject<'Access'> & AccessFacts);
export type StaffAbility = MongoAbility<[StaffAction, StaffSubject | Records]>;

type Builder = AbilityBuilder<StaffAbility>;
/** The person key of who calls; undefined for a token (tokens carry no person). */
type Me = string | undefined;

/**
 * What each role grants; a member of staff holds the union of their roles' abilities.
 *
 * The admin runs Vigie (tokens, configuration, connectors, syncs and audits) and reads what it produces, to operate
 * and troubleshoot it: the admin already holds the database and the keys, so hiding findings from them would protect
 * nothing. The decisions, though, are governance: an admin neither acknowledges a finding nor accepts its risk (a
 * decision they could take on their own excess), and decides no access request: separation of duties.
 */
const GRANTS: Record<StaffRole, (b: Builder, me: Me) => void> = {
  admin: ({ can }) => {
    can('manage', ['ApiToken', 'Configuration']);
    can('create', ['SyncRun', 'AuditRun']);
    // HR events are operated like the job queue: the admin replays a dead one once its cause is fixed.
    can(['read', 'update'], 'HrEvent');
    can('read', ['Finding', 'AuditRun', 'SyncRun', 'Metrics', 'ApiDocs', 'AuditLog', 'Access', 'AccessRequest', 'Report', 'ReviewCampaign', 'Policy']);
  },
  'security-officer': ({ can }, me) => {
    can('read', [
      'Finding',
      'AuditRun',
      'SyncRun',
      'Metrics',
      'ApiDocs',
      'AuditLog',
      'Access',
      'AccessRequest',
      'HrEvent',
      'Report',
      'ReviewCampaign',
      'Policy',
    ]);
    can('create', ['AuditRun', 'Report']);
    // A finding's lifecycle (acknowledging it, accepting its risk) and the review campaigns are the security officer's.
    can('update', 'Finding');
    can('manage', 'ReviewCampaign');
    // The security officer's stage of the approval chain: a person's decision, never a token's (automation decides nothing).
    if (me) can('decide', 'AccessRequest');
  },
  auditor: ({ can }) => can('read', ['Finding', 'AuditRun', 'SyncRun', 'ApiDocs', 'AuditLog', 'Access', 'AccessRequest', 'Report', 'ReviewCampaign', 'Policy']),
  approver: ({ can }, me) => {
    can('read', 'ApiDocs');
    if (!me) return;
    // A manager decides for the people who report to them, an owner for their resources: nothing else.
    for (const own of [{ beneficiaryManager: me }, { resourceOwners: me }]) {
      can('read', 'AccessRequest', own);
      can('decide', 'AccessRequest', own);
    }
  },
  employee: ({ can }, me) => {
    can('read', 'ApiDocs');
    if (!me) return;
    can('create', 'AccessRequest', { requester: me, beneficiary: me });
    can('read', 'AccessRequest', { requester: me });
    can('read', 'AccessRequest', { beneficiary: me });
    can('read', 'Access', { account: me });
  },
};

/** What a member of staff may do in Vigie, built per request from their roles; anything not granted is denied. */
export function abilitiesFor(who: Pick<Staff, 'roles' | 'id' | 'person'> | StaffRole): StaffAbility {
  const staff = typeof who === 'string' ? { roles: [who], id: '', person: undefined } : who;
  const me = staff.person ? personKey(staff.person) : undefined;
  const builder = new AbilityBuilder<StaffAbility>(createMongoAbility);
  for (const role of new Set(staff.roles)) GRANTS[role](builder, me);
  // Whatever the roles: nobody decides a request they made or that is for them. Last, so that it overrides every grant.
  if (me) {
    builder.cannot('decide', 'AccessRequest', { requester: me });
    builder.cannot('decide', 'AccessRequest', { beneficiary: me });
  }
  return builder.build();
}

/**
 * Whether `action` on `subject` is allowed whatever the record: the rule that decides first is unconditional, and
 * no restriction on some records comes before it. A route or use case that does not check each record's conditions
 * needs this; `ability.can(action, type)` alone is true as soon as one conditional rule exists (an employee may read
 * *their own* effective access), which would open every record to them.
 */
export function allowsEveryRecord(ability: StaffAbility, action: StaffAction, subject: StaffSubject): boolean {
  for (const rule of ability.rulesFor(action, subject)) {
    if (rule.conditions) {
      if (rule.inverted) return false;
      continue;
    }
    return !rule.inverted;
  }
  return false;
}

/** Whether `action` is allowed on one record (an account's access, an access request), its facts checked against the conditions. */
export function allowsRecord(ability: StaffAbility, action: StaffAction, type: 'Access', facts: AccessFacts): boolean;
export function allowsRecord(ability: StaffAbility, action: StaffAction, type: 'AccessRequest', facts: AccessRequestFacts): boolean;
export function allowsRecord(ability: StaffAbility, action: StaffAction, type: 'Access' | 'AccessRequest', facts: AccessFacts | AccessRequestFacts): boolean {
  return ability.can(action, subject(type, { ...facts }) as Records);
}
