import type { AccountRecord, GroupRecord, MembershipAddition } from '#vigie/identity';
import type { PathStep, Principal, ReachedPrincipal } from './effective-access.model.js';
import type { GroupReferenceResolution } from './group-reference.js';

/** A link into a group that a sync run recorded and that still stands: `member` ∈ `group`, listed or as the account's primary group. */
export interface StandingLink {
  member: Principal;
  group: Principal;
  /** The group is the member's primary group (AD's primaryGroupID), not a `member` value. */
  primary: boolean;
  addition: MembershipAddition;
}

/** A group that a new link gives accounts, with those accounts: the ones that did not reach it before the new links. */
export interface NewReach<Target> {
  link: StandingLink;
  target: Target;
  /** Account principals, in snapshot order. */
  accounts: Principal[];
}

/**
 * Who is in what in one directory snapshot, and how: the questions the audit, the personal-data report and the
 * tests ask about accounts, groups and the paths between them. Principals answered here are the snapshot's own
 * objects (one per principal): compare them with `===`, and hand them back to these methods.
 */
export interface Memberships {
  readonly directory: string;
  /** The policy's everyoneGroups references that match nothing in this directory. */
  readonly unresolvedEveryoneRefs: readonly string[];

  /** The principal with this key: a normalized DN, or the SID of a well-known principal that has no directory object. */
  principalByKey(key: string): Principal | undefined;
  /**
   * The one reading of a policy's group reference in this directory (see group-reference.ts): a SID or the name of
   * a well-known principal, a DN, or a group name (sAMAccountName or CN), compared case-insensitively; whether it
   * stands for everybody; and why it matches nothing. `where` names the directory in reasons.
   */
  resolveReference(ref: string, where?: string): GroupReferenceResolution;
  /** The principals a reference designates (see resolveReference), never accounts. */
  resolve(ref: string): Principal[];
  /** The directory groups a reference names, without the principals that are no group object. */
  resolveGroup(ref: string): GroupRecord[];

  /** The direct members of a group (accounts, groups and other principals), from `member` only. */
  membersOf(group: Principal): Principal[];
  /** The groups an account is listed in, from `member` only: what removing it from them means. */
  directGroupsOf(account: AccountRecord): GroupRecord[];
  /** The primary group of an AD account: its own SID with the RID replaced by primaryGroupID. */
  primaryGroupOf(account: AccountRecord): GroupRecord | undefined;
  /** Every group and principal the account effectively belongs to, each with a shortest path (its last step says how). */
  groupsOf(account: AccountRecord): ReachedPrincipal[];
  /** Whether an account effectively belongs to a group or principal (by key: normalized DN, or SID for well-known ones). */
  reaches(account: AccountRecord, groupKey: string): boolean;
  /**
   * Which of these groups an account effectively belongs to, for a question asked of every account by several rules
   * (who is privileged): each account's answer is computed once and kept.
   */
  reachedAmong(groups: readonly GroupRecord[]): (account: AccountRecord) => GroupRecord[];

  /** The shortest chain from an account to a group (by key); null if it is not in it. */
  pathTo(account: AccountRecord, groupKey: string): PathStep[] | null;
  /** The shortest chain from a principal (an account, or a group for "who is in it") to a group; null if it does not reach it. */
  pathBetween(from: Principal, to: Principal): PathStep[] | null;

  /** The recorded additions whose link is still in this snapshot (a member removed since is no longer new). */
  standingLinks(additions: readonly MembershipAddition[]): StandingLink[];
  /**
   * For each link and each target group it leads to (through nesting of any depth), the accounts under the link's
   * member (itself, or its members at any depth and by primary group) that reach the target only through the new
   * links: those that did not reach it before the links appeared. Links in order, then targets in order.
   */
  newlyReached<Target extends { group: Principal }>(links: readonly StandingLink[], targets: readonly Target[]): NewReach<Target>[];
}
