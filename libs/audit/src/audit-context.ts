import { normalizeDn } from '#vigie/directory';
import { EffectiveAccessCalculator, type EffectiveEntitlement, type Grant, type PathStep, domainRidOf } from '#vigie/access';
import type { HrRecord, HrRoster } from '#vigie/hr';
import type { AccountRecord, DirectoryObjectRecord, DirectorySnapshot, GroupRecord, LockoutSighting, MembershipAddition } from '#vigie/identity';
import type { AccessPolicy, IdentityAttributes, Policy, ResourceDef, RuleId, RuleSettings } from '#vigie/policy';
import type { ApprovedMembership } from '#vigie/requests';
import type { LogRetentionFact } from './ports/log-retention.source.js';
import { PublishedObjects } from './published-objects.js';
import { isBuiltinPrivileged } from './privileged-groups.js';

/** One directory as the rules see it: its snapshot, effective access, and who is privileged. */
export class DirectoryView {
  readonly access: EffectiveAccessCalculator;
  private readonly privileged: GroupRecord[];
  private readonly privilegedOf: (account: AccountRecord) => GroupRecord[];
  private readonly byLogin = new Map<string, AccountRecord>();
  private byDnNorm: Map<string, AccountRecord> | null = null;
  private passwordPolicies: Map<string, DirectoryObjectRecord> | null = null;
  /** Access-rule decisions per identity class and grant: 0 unknown, 1 allowed, 2 not allowed (dropped with the class). */
  private readonly decisions = new WeakMap<object, Int8Array>();
  private publishedObjects?: PublishedObjects;

  constructor(
    readonly snapshot: DirectorySnapshot,
    resources: readonly ResourceDef[],
    extraPrivilegedRefs: readonly string[],
    everyoneGroups: readonly string[] = [],
    /** More group references whose members rules ask about (recipients of records of processing...). */
    watchedRefs: readonly string[] = [],
  ) {
    const builtin = snapshot.groups.filter(isBuiltinPrivileged);
    // Protected Users is no privileged group, but H-ADMIN-DELEGABLE asks who is in it.
    const watched = [...builtin, ...snapshot.groups.filter((g) => domainRidOf(g.objectSid) === 525)].map((g) => g.dn);
    this.access = new EffectiveAccessCalculator(snapshot, resources, { everyoneGroups, watchedGroups: [...watched, ...extraPrivilegedRefs, ...watchedRefs] });
    const extra = extraPrivilegedRefs.flatMap((ref) => this.access.memberships.resolveGroup(ref));
    this.privileged = [...new Map([...builtin, ...extra].map((g) => [g.dnNorm, g])).values()];
    this.privilegedOf = this.access.memberships.reachedAmong(this.privileged);
    for (const a of snapshot.accounts) if (a.login) this.byLogin.set(a.login.toLowerCase(), a);
  }

  get directory(): string {
    return this.snapshot.directory;
  }

  /** The shares and printers this directory publishes, found by the UNC path or name a resource of the policy gives. */
  get published(): PublishedObjects {
    return (this.publishedObjects ??= new PublishedObjects(this.snapshot));
  }

  /** The privileged groups (built-in AD ones and the policy's own) the account effectively belongs to. */
  privilegedGroupsOf(account: AccountRecord): GroupRecord[] {
    return this.privilegedOf(account);
  }

  isPrivileged(account: AccountRecord): boolean {
    return this.privilegedGroupsOf(account).length > 0;
  }

  /** The groups the account is a direct member of (what a leaver must be removed from). */
  directGroupsOf(account: AccountRecord): GroupRecord[] {
    return this.access.memberships.directGroupsOf(account);
  }

  /** Every privileged group of the directory (built-in and the policy's), whether it has members or not. */
  privilegedGroups(): readonly GroupRecord[] {
    return this.privileged;
  }

  /** The explanation of how the account is in a group: "login ∈ G (direct)", ... */
  explainMembership(account: AccountRecord, group: GroupRecord): string[] {
    return (this.access.memberships.pathTo(account, group.dnNorm) ?? []).map(formatStep);
  }

  /** Accounts that effectively belong to the group (any nesting, primary group, implicit groups). */
  effectiveMembersOf(group: GroupRecord): AccountRecord[] {
    return this.snapshot.accounts.filter((a) => this.access.memberships.reaches(a, group.dnNorm));
  }

  /** Groups of this directory whose SID has this domain RID (518 Schema Admins...) or is this well-known SID. */
  groupsWithRid(rid: number): GroupRecord[] {
    return this.snapshot.groups.filter((g) => domainRidOf(g.objectSid) === rid);
  }

  groupsWithSid(sid: string): GroupRecord[] {
    return this.snapshot.groups.filter((g) => g.objectSid?.toUpperCase() === sid);
  }

  accountByLogin(login: string): AccountRecord | undefined {
    return this.byLogin.get(login.toLowerCase());
  }

  accountByDnNorm(dnNorm: string): AccountRecord | undefined {
    this.byDnNorm ??= new Map(this.snapshot.accounts.map((a) => [a.dnNorm, a]));
    return this.byDnNorm.get(dnNorm);
  }

  /** OpenLDAP: the password policy entry (ppolicy) that governs the account, when the snapshot holds it. */
  passwordPolicyOf(account: AccountRecord): DirectoryObjectRecord | undefined {
    if (!account.passwordPolicyDn) return undefined;
    this.passwordPolicies ??= new Map(this.snapshot.objects.filter((o) => o.kind === 'password-policy').map((o) => [o.dnNorm, o]));
    return this.passwordPolicies.get(normalizeDn(account.passwordPolicyDn));
  }

  entitlementsOf(account: AccountRecord): EffectiveEntitlement[] {
    return this.access.entitlementsOf(account);
  }

  /** The grants the account reaches (no paths built): what rules over every account iterate; kept for the next rule. */
  grantsOf(account: AccountRecord): Grant[] {
    return this.access.grantsReachedBy(account);
  }

  entitlementOf(account: AccountRecord, grant: Grant): EffectiveEntitlement {
    return this.access.entitlementOf(account, grant);
  }

  /**
   * Whether the access rules allow the account the level a grant gives. Accounts that no personal rule names share
   * their class's decisions, kept per class and grant (a few thousand bytes each); an account a personal rule names
   * (a temporary grant) is decided grant by grant, from its class's decisions and its own few rules.
   */
  allows(accessPolicy: AccessPolicy, resourcesById: ReadonlyMap<string, ResourceDef>, account: AccountRecord, person?: HrRecord): (grant: Grant) => boolean {
    const decisions = accessPolicy.decisionsFor(identityOf(account, person));
    const decide = (grant: Grant) => {
      const resource = resourcesById.get(grant.resourceId);
      return !!resource && decisions.isAllowed(resource, grant.level);
    };
    if (!decisions.shared) return decide;
    let row = this.decisions.get(decisions.shared);
    if (!row) this.decisions.set(decisions.shared, (row = new Int8Array(this.access.grants.length)));
    const decided = row;
    return (grant) => {
      let d = decided[grant.index];
      if (d === 0) decided[grant.index] = d = decide(grant) ? 1 : 2;
      return d === 1;
    };
  }
}

/**
 * The attributes of an account that access rules may test. Department, title and employee type come from the
 * directory; where the directory has none, from the HR record matched to the account (many directories leave them
 * empty, and HR is their source). A value in the directory wins: it is what the account is provisioned with.
 */
export function identityOf(account: AccountRecord, person?: HrRecord): IdentityAttributes {
  return {
    login: account.login,
    employeeId: account.employeeId || person?.employeeId || null,
    department: account.department || person?.department || null,
    title: account.title || person?.title || null,
    employeeType: account.employeeType || person?.employeeType || null,
    location: account.location,
    manager: account.managerDn,
    directory: account.directory,
  };
}

export function formatStep(s: PathStep): string {
  return `${s.member} ∈ ${s.group} (${s.how})`;
}

export interface AuditContext {
  asOf: Date;
  policy: Policy;
  hr: HrRoster | null;
  /** Links into groups that sync runs saw appear (G-PRIV-CHANGE); null when there is no sync history (an LDIF file). */
  membershipAdditions: MembershipAddition[] | null;
  /** Memberships approved access requests stand behind (G-PRIV-CHANGE is silent on them); null offline (no requests). */
  approvedMemberships: ApprovedMembership[] | null;
  /** Lockouts that sync runs recorded (H-REPEATED-LOCKOUT); null when there is no sync history. */
  lockouts: LockoutSighting[] | null;
  /** The logs Vigie keeps, as the application reports them (R-LOG-RETENTION); null when nobody told (offline audit). */
  logRetention: LogRetentionFact[] | null;
  accessPolicy: AccessPolicy;
  directories: DirectoryView[];
  resourcesById: Map<string, ResourceDef>;
  /** A rule's settings: the policy's values or the catalogue's defaults, checked once for the run. */
  settingsOf<Id extends RuleId>(ruleId: Id): RuleSettings<Id>;
}

export function daysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / 86_400_000);
}
