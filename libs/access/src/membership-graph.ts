import { normalizeDn, rdnValue } from '#vigie/directory';
import type { AccountRecord, DirectorySnapshot, GroupRecord } from '#vigie/identity';
import type { MembershipHow, PathStep } from './effective-access.model.js';

interface Reached {
  group: GroupRecord;
  /** The group (dnNorm) through which this one was reached; null when the account is a member itself. */
  via: string | null;
  how: MembershipHow;
}

/**
 * The membership graph of one directory snapshot: direct `member` links, nesting of any depth
 * (cycles included) and the primary group that AD keeps out of `member`.
 */
export class MembershipGraph {
  private readonly groupsByDn = new Map<string, GroupRecord>();
  private readonly groupsBySid = new Map<string, GroupRecord>();
  private readonly groupsByName = new Map<string, GroupRecord[]>();
  private readonly parents = new Map<string, string[]>();

  constructor(readonly snapshot: DirectorySnapshot) {
    for (const g of snapshot.groups) {
      this.groupsByDn.set(g.dnNorm, g);
      if (g.objectSid) this.groupsBySid.set(g.objectSid.toUpperCase(), g);
      for (const name of new Set([g.name.toLowerCase(), rdnValue(g.dn).toLowerCase()])) {
        const list = this.groupsByName.get(name) ?? [];
        list.push(g);
        this.groupsByName.set(name, list);
      }
    }
    for (const m of snapshot.memberships) {
      const list = this.parents.get(m.memberDnNorm) ?? [];
      list.push(m.groupDnNorm);
      this.parents.set(m.memberDnNorm, list);
    }
  }

  get groups(): GroupRecord[] {
    return this.snapshot.groups;
  }

  /** Resolves a policy's group reference: a DN, or a name (sAMAccountName / cn), compared case-insensitively. */
  resolveGroup(ref: string): GroupRecord[] {
    if (ref.includes('=')) {
      try {
        const g = this.groupsByDn.get(normalizeDn(ref));
        return g ? [g] : [];
      } catch {
        return [];
      }
    }
    return this.groupsByName.get(ref.toLowerCase()) ?? [];
  }

  /** The primary group of an AD account: its own SID with the RID replaced by primaryGroupID. */
  primaryGroupOf(account: AccountRecord): GroupRecord | undefined {
    if (!account.objectSid || account.primaryGroupId === null) return undefined;
    const domain = account.objectSid.slice(0, account.objectSid.lastIndexOf('-'));
    return this.groupsBySid.get(`${domain}-${account.primaryGroupId}`.toUpperCase());
  }

  /** Every group the account effectively belongs to, breadth first so each path is a shortest one. */
  groupsOf(account: AccountRecord): Map<string, Reached> {
    const reached = new Map<string, Reached>();
    const queue: string[] = [];
    const visit = (dn: string, via: string | null, how: MembershipHow) => {
      const group = this.groupsByDn.get(dn);
      if (!group || reached.has(dn)) return;
      reached.set(dn, { group, via, how });
      queue.push(dn);
    };
    for (const g of this.parents.get(account.dnNorm) ?? []) visit(g, null, 'direct');
    const primary = this.primaryGroupOf(account);
    if (primary) visit(primary.dnNorm, null, 'primary group');
    for (let i = 0; i < queue.length; i++) {
      for (const parent of this.parents.get(queue[i]) ?? []) visit(parent, queue[i], 'nested');
    }
    return reached;
  }

  /** The chain from the account to a reached group. */
  pathTo(account: AccountRecord, reached: Map<string, Reached>, groupDnNorm: string): PathStep[] {
    const steps: PathStep[] = [];
    let cur = reached.get(groupDnNorm);
    while (cur) {
      const memberName = cur.via ? reached.get(cur.via)!.group.name : (account.login ?? rdnValue(account.dn));
      steps.unshift({ member: memberName, group: cur.group.name, how: cur.how });
      cur = cur.via ? reached.get(cur.via) : undefined;
    }
    return steps;
  }
}
