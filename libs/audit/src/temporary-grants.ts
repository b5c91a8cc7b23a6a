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
  private readonly groupMembers = new Map<DirectoryView, Map<string, Set<AccountRecord>>>();

  constructor(
    policy: Pick<Policy, 'grants'>,
    private readonly asOf: Date,
    private readonly hr: HrRoster | null = null,
  ) {
    this.grants = policy.grants ?? [];
  }

  get isEmpty(): boolean {
    return this.grants.length === 0;
  }

  isActive(grant: TemporaryGrantDef): boolean {
    return this.asOf < grantEnd(grant);
  }

  /** The grants that name this account, active or not. */
  naming(view: DirectoryView, account: AccountRecord): TemporaryGrantDef[] {
    if (this.isEmpty) return [];
    return this.grants.filter((grant) => this.names(grant, view, account));
  }

  /** Whether a grant that still holds allows the account the level this effective grant gives. */
  allows(view: DirectoryView, account: AccountRecord, grant: Grant): boolean {
    if (this.isEmpty) return false;
    return this.naming(view, account).some((def) => this.isActive(def) && def.resource === grant.resourceId && def.levels.includes(grant.level as never));
  }

  private names(grant: TemporaryGrantDef, view: DirectoryView, account: AccountRecord): boolean {
    const { login, employeeId, group, directory } = grant.to;
    if (directory !== undefined && directory.toLowerCase() !== view.directory.toLowerCase()) return false;
    if (login !== undefined) return account.login?.toLowerCase() === login.toLowerCase();
    if (employeeId !== undefined) {
      const id = employeeId.toLowerCase();
      return account.employeeId?.toLowerCase() === id || this.hr?.find(account)?.employeeId?.toLowerCase() === id;
    }
    return group !== undefined && this.membersOf(view, group).has(account);
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

const byContext = new WeakMap<object, TemporaryGrants>();

/** One TemporaryGrants per audit context, shared by the rules that ask (G-TEMP-EXPIRED, G-EXCESS-VS-ROLE). */
export function temporaryGrantsOf(ctx: { policy: Policy; asOf: Date; hr: HrRoster | null }): TemporaryGrants {
  let grants = byContext.get(ctx);
  if (!grants) byContext.set(ctx, (grants = new TemporaryGrants(ctx.policy, ctx.asOf, ctx.hr)));
  return grants;
}
