import type { Grant } from '#vigie/access';
import type { HrRoster } from '#vigie/hr';
import type { AccountRecord } from '#vigie/identity';
import type { Policy, TemporaryGrantDef } from '#vigie/policy';
import type { DirectoryView } from './audit-context.js';

/** The first instant a grant no longer holds: the day after `until`, 00:00 UTC (`until` is the last day, included). */
export function grantEnd(grant: Pick<TemporaryGrantDef, 'until'>): Date {
  return new Date(Date.parse(`${grant.until}T00:00:00Z`) + 86_400_000);
}

/**
 * The policy's temporary grants (`grants/`) as of the audit's moment: which ones name an account, which of those
 * still hold and which have ended. A grant names an account by login, by the person's employee id (the directory's,
 * or that of the HR record matched to the account), or through effective membership of a group.
 */
export class TemporaryGrants {
  private readonly grants: readonly TemporaryGrantDef[];
  // Indexed by what names the beneficiary: an audit asks for every account, and a company has thousands of grants.
  private readonly byLogin = new Map<string, TemporaryGrantDef[]>();
  private readonly byEmployeeId = new Map<string, TemporaryGrantDef[]>();
  private readonly toGroups: TemporaryGrantDef[] = [];
  private readonly groupMembers = new Map<DirectoryView, Map<string, Set<AccountRecord>>>();
  private readonly naming_ = new WeakMap<AccountRecord, TemporaryGrantDef[]>();

  constructor(
    policy: Pick<Policy, 'grants'>,
    private readonly asOf: Date,
    private readonly hr: HrRoster | null = null,
  ) {
    this.grants = policy.grants ?? [];
    const add = (index: Map<string, TemporaryGrantDef[]>, key: string, grant: TemporaryGrantDef) => {
      const list = index.get(key.toLowerCase());
      if (list) list.push(grant);
      else index.set(key.toLowerCase(), [grant]);
    };
    for (const grant of this.grants) {
      if (grant.to.login !== undefined) add(this.byLogin, grant.to.login, grant);
      else if (grant.to.employeeId !== undefined) add(this.byEmployeeId, grant.to.employeeId, grant);
      else if (grant.to.group !== undefined) this.toGroups.push(grant);
    }
  }

  get isEmpty(): boolean {
    return this.grants.length === 0;
  }

  isActive(grant: TemporaryGrantDef): boolean {
    return this.asOf < grantEnd(grant);
  }

  /** The grants that name this account, active or not, in file order. */
  naming(view: DirectoryView, account: AccountRecord): TemporaryGrantDef[] {
    if (this.isEmpty) return [];
    let found = this.naming_.get(account);
    if (!found) {
      const candidates = new Set<TemporaryGrantDef>();
      const employeeIds = [account.employeeId, this.hr?.find(account)?.employeeId].filter((id): id is string => !!id);
      for (const grant of account.login ? (this.byLogin.get(account.login.toLowerCase()) ?? []) : []) candidates.add(grant);
      for (const id of employeeIds) for (const grant of this.byEmployeeId.get(id.toLowerCase()) ?? []) candidates.add(grant);
      for (const grant of this.toGroups) if (this.membersOf(view, grant.to.group!).has(account)) candidates.add(grant);
      found = this.grants.filter((grant) => candidates.has(grant) && inDirectory(grant, view));
      this.naming_.set(account, found);
    }
    return found;
  }

  /** Whether a grant that still holds allows the account the level this effective grant gives. */
  allows(view: DirectoryView, account: AccountRecord, grant: Grant): boolean {
    if (this.isEmpty) return false;
    return this.naming(view, account).some((def) => this.isActive(def) && def.resource === grant.resourceId && def.levels.includes(grant.level as never));
  }

  private membersOf(view: DirectoryView, group: string): Set<AccountRecord> {
    let byGroup = this.groupMembers.get(view);
    if (!byGroup) this.groupMembers.set(view, (byGroup = new Map()));
    let members = byGroup.get(group);
    if (!members) {
      members = new Set(view.access.memberships.resolveGroup(group).flatMap((g) => view.effectiveMembersOf(g)));
      byGroup.set(group, members);
    }
    return members;
  }
}

function inDirectory(grant: TemporaryGrantDef, view: DirectoryView): boolean {
  return grant.to.directory === undefined || grant.to.directory.toLowerCase() === view.directory.toLowerCase();
}

const byContext = new WeakMap<object, TemporaryGrants>();

/** One TemporaryGrants per audit context, shared by the rules that ask (G-TEMP-EXPIRED, G-EXCESS-VS-ROLE). */
export function temporaryGrantsOf(ctx: { policy: Policy; asOf: Date; hr: HrRoster | null }): TemporaryGrants {
  let grants = byContext.get(ctx);
  if (!grants) byContext.set(ctx, (grants = new TemporaryGrants(ctx.policy, ctx.asOf, ctx.hr)));
  return grants;
}
