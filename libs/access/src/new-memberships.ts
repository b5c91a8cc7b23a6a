import type { MembershipAddition } from '#vigie/identity';
import type { MembershipGraph } from './membership-graph.js';
import type { NewReach, StandingLink } from './memberships.js';
import type { Principal } from './effective-access.model.js';

/** The recorded additions whose link is still in the snapshot (a member removed since is no longer new). */
export function standingLinks(graph: MembershipGraph, additions: readonly MembershipAddition[]): StandingLink[] {
  const links: StandingLink[] = [];
  for (const addition of additions) {
    const member = graph.nodeByKey(addition.memberDnNorm);
    if (member === undefined) continue;
    if (addition.via === 'member') {
      const group = graph.nodeByKey(addition.groupDnNorm ?? '');
      if (group !== undefined && graph.hasLink(member, group))
        links.push({ member: graph.principal(member), group: graph.principal(group), primary: false, addition });
    } else if (member < graph.accountCount && graph.primary[member] >= 0 && graph.principal(member).account?.primaryGroupId === addition.primaryGroupId) {
      links.push({ member: graph.principal(member), group: graph.principal(graph.primary[member]), primary: true, addition });
    }
  }
  return links;
}

/**
 * For each link and each target its group leads to, the accounts under the link's member that reach the target only
 * through the new links: a walk up from each such account that leaves those links out tells whether it held the
 * membership before them. Whether a link's group leads to a target is asked once per pair of groups.
 */
export function newlyReached<Target extends { group: Principal }>(
  graph: MembershipGraph,
  links: readonly StandingLink[],
  targets: readonly Target[],
): NewReach<Target>[] {
  const ends = links.map((l) => ({ member: graph.nodeOfPrincipal(l.member), group: graph.nodeOfPrincipal(l.group), primary: l.primary }));
  const isNew = new Set(ends.map((l) => linkKey(l.member, l.group, l.primary)));
  const skipNew = (member: number, group: number, primary: boolean) => isNew.has(linkKey(member, group, primary));
  const targetNodes = targets.map((t) => graph.nodeOfPrincipal(t.group));
  const reachCache = new Map<string, boolean>();
  const groupReaches = (from: number, to: number): boolean => {
    const key = `${from}>${to}`;
    let hit = reachCache.get(key);
    if (hit === undefined) reachCache.set(key, (hit = from === to || graph.pathBetween(from, to) !== null));
    return hit;
  };
  const out: NewReach<Target>[] = [];
  links.forEach((link, i) => {
    const { member, group } = ends[i];
    const reached = targets.flatMap((_, t) => (groupReaches(group, targetNodes[t]) ? [t] : []));
    if (!reached.length) return;
    const accounts = graph.accountsUnder(member);
    for (const t of reached) {
      const newcomers = accounts.filter((a) => !graph.reachesWithout(a, targetNodes[t], skipNew));
      if (newcomers.length) out.push({ link, target: targets[t], accounts: newcomers.map((a) => graph.principal(a)) });
    }
  });
  return out;
}

function linkKey(member: number, group: number, primary: boolean): string {
  return `${member}${primary ? '=' : '>'}${group}`;
}
