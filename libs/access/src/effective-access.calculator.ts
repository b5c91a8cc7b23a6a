import type { AccountRecord, DirectorySnapshot } from '#vigie/identity';
import type { EffectiveEntitlement, GrantingResource } from './effective-access.model.js';
import { MembershipGraph } from './membership-graph.js';

interface Grant {
  resourceId: string;
  level: string;
}

/**
 * Effective access for one directory: every entitlement each account reaches through the groups
 * named on the resources, with its path.
 */
export class EffectiveAccessCalculator {
  readonly graph: MembershipGraph;
  /** Group references of the policy that match no group of this directory. */
  readonly unresolvedGroupRefs: string[] = [];
  private readonly grantsByGroup = new Map<string, Grant[]>();

  constructor(snapshot: DirectorySnapshot, resources: GrantingResource[]) {
    this.graph = new MembershipGraph(snapshot);
    for (const r of resources) {
      for (const [level, refs] of Object.entries(r.grants)) {
        for (const ref of refs ?? []) {
          const groups = this.graph.resolveGroup(ref);
          if (!groups.length) this.unresolvedGroupRefs.push(ref);
          for (const g of groups) {
            const list = this.grantsByGroup.get(g.dnNorm) ?? [];
            list.push({ resourceId: r.id, level });
            this.grantsByGroup.set(g.dnNorm, list);
          }
        }
      }
    }
  }

  entitlementsOf(account: AccountRecord): EffectiveEntitlement[] {
    const reached = this.graph.groupsOf(account);
    const out: EffectiveEntitlement[] = [];
    for (const [dn, r] of reached) {
      for (const grant of this.grantsByGroup.get(dn) ?? []) {
        out.push({ ...grant, groupDnNorm: dn, groupName: r.group.name, path: this.graph.pathTo(account, reached, dn) });
      }
    }
    return out;
  }
}
