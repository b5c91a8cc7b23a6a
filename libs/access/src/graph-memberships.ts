import type { AccountRecord, DirectorySnapshot, GroupRecord, MembershipAddition } from '#vigie/identity';
import type { PathStep, Principal, ReachedPrincipal } from './effective-access.model.js';
import type { GroupReferenceResolution } from './group-reference.js';
import { MembershipGraph, type MembershipGraphOptions } from './membership-graph.js';
import type { Memberships, NewReach, StandingLink } from './memberships.js';
import { newlyReached, standingLinks } from './new-memberships.js';
import type { ReachIndex } from './reach-index.js';

/** The memberships of one directory snapshot, without effective access on resources (the tests, the personal-data report). */
export function membershipsOf(snapshot: DirectorySnapshot, options: MembershipGraphOptions = {}): Memberships {
  return new GraphMemberships(new MembershipGraph(snapshot, options));
}

/**
 * Memberships answered from the membership graph, and from the reach index of an effective-access calculator when
 * there is one: "is this account in that group" then costs a lookup for the groups the index follows.
 */
export class GraphMemberships implements Memberships {
  constructor(
    private readonly graph: MembershipGraph,
    private readonly index?: ReachIndex,
  ) {}

  get directory(): string {
    return this.graph.directory;
  }

  get unresolvedEveryoneRefs(): readonly string[] {
    return this.graph.unresolvedEveryoneRefs;
  }

  principalByKey(key: string): Principal | undefined {
    const node = this.graph.nodeByKey(key);
    return node === undefined ? undefined : this.graph.principal(node);
  }

  resolveReference(ref: string, where?: string): GroupReferenceResolution {
    return this.graph.resolveReference(ref, where);
  }

  resolve(ref: string): Principal[] {
    return this.graph.resolve(ref);
  }

  resolveGroup(ref: string): GroupRecord[] {
    return this.graph.resolveGroup(ref);
  }

  membersOf(group: Principal): Principal[] {
    return this.graph.membersOf(this.graph.nodeOfPrincipal(group));
  }

  directGroupsOf(account: AccountRecord): GroupRecord[] {
    return this.graph.directGroupsOf(account);
  }

  primaryGroupOf(account: AccountRecord): GroupRecord | undefined {
    return this.graph.primaryGroupOf(account);
  }

  groupsOf(account: AccountRecord): ReachedPrincipal[] {
    return this.graph.groupsOf(account);
  }

  reaches(account: AccountRecord, groupKey: string): boolean {
    const to = this.graph.nodeByKey(groupKey);
    return to !== undefined && this.reachesNode(this.graph.nodeOf(account), to);
  }

  reachedAmong(groups: readonly GroupRecord[]): (account: AccountRecord) => GroupRecord[] {
    const nodes = groups.map((g) => this.graph.nodeByKey(g.dnNorm) ?? -1);
    const targets = nodes.map((n) => (n >= 0 && this.index ? this.index.targetIndexOf(n) : -1));
    const answers: (GroupRecord[] | undefined)[] = new Array(this.graph.accountCount);
    return (account) => {
      const node = this.graph.nodeOf(account);
      let hit = answers[node];
      if (!hit)
        answers[node] = hit = groups.filter((_, i) =>
          targets[i] >= 0 ? this.index!.reaches(node, targets[i]) : nodes[i] >= 0 && this.graph.pathBetween(node, nodes[i]) !== null,
        );
      return hit;
    };
  }

  pathTo(account: AccountRecord, groupKey: string): PathStep[] | null {
    return this.graph.pathTo(account, groupKey);
  }

  pathBetween(from: Principal, to: Principal): PathStep[] | null {
    return this.graph.pathBetween(this.graph.nodeOfPrincipal(from), this.graph.nodeOfPrincipal(to));
  }

  standingLinks(additions: readonly MembershipAddition[]): StandingLink[] {
    return standingLinks(this.graph, additions);
  }

  newlyReached<Target extends { group: Principal }>(links: readonly StandingLink[], targets: readonly Target[]): NewReach<Target>[] {
    return newlyReached(this.graph, links, targets);
  }

  /** Through the reach index when it follows the group, else by walking up from the account. */
  private reachesNode(from: number, to: number): boolean {
    const target = this.index ? this.index.targetIndexOf(to) : -1;
    return target >= 0 ? this.index!.reaches(from, target) : this.graph.pathBetween(from, to) !== null;
  }
}
