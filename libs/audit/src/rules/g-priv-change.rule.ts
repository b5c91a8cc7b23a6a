import type { MembershipGraph, Principal } from '#vigie/access';
import type { MembershipAddition } from '#vigie/identity';
import type { ResourceDef } from '#vigie/policy';
import { type AuditContext, type DirectoryView, formatStep } from '../audit-context.js';
import type { AuditRule, FindingDraft } from './audit-rule.js';

/** What a new member must not reach unnoticed: a privileged group, or a group granting access to a critical resource. */
interface Watched {
  node: number;
  group: Principal;
  resource?: ResourceDef;
  level?: string;
}

/** A link into a group that a sync run saw appear and that still stands. */
interface NewLink {
  member: number;
  group: number;
  primary: boolean;
  addition: MembershipAddition;
}

const SAMPLE = 20;

/**
 * ISO 27001:2022 8.15, 8.16: a new member of a privileged group, or of a group that grants access to a critical
 * resource, is an event the security officer must see at once unless an approved request stands behind it. "New"
 * means the account did not reach that group before the links the sync runs recorded since the baseline: an account
 * that was already a Domain Admin through another group raises nothing. Vigie has no access-request workflow yet,
 * so no change is approved: acknowledging the finding, with its reason, is the after-the-fact approval, and the
 * finding resolves when the membership goes.
 */
export class PrivChangeRule implements AuditRule {
  readonly id = 'G-PRIV-CHANGE';
  readonly defaultSeverity = 'critical' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    const additions = ctx.membershipAdditions ?? [];
    if (!additions.length) return;
    for (const view of ctx.directories) {
      const graph = view.access.graph;
      const links = standingLinks(graph, additions.filter((a) => a.directory === view.directory));
      if (!links.length) continue;
      const watched = watchedTargets(ctx, view);
      const isNew = new Set(links.map((l) => linkKey(l.member, l.group, l.primary)));
      const skipNew = (member: number, group: number, primary: boolean) => isNew.has(linkKey(member, group, primary));
      const reachCache = new Map<string, boolean>();
      const groupReaches = (from: number, to: number): boolean => {
        const key = `${from}>${to}`;
        let hit = reachCache.get(key);
        if (hit === undefined) reachCache.set(key, (hit = from === to || graph.pathBetween(from, to) !== null));
        return hit;
      };
      for (const link of links) {
        const targets = watched.filter((t) => groupReaches(link.group, t.node));
        if (!targets.length) continue;
        const accounts = graph.accountsUnder(link.member);
        for (const target of targets) {
          const newcomers = accounts.filter((a) => !graph.reachesWithout(a, target.node, skipNew));
          if (!newcomers.length) continue;
          if (link.member < graph.accountCount) emit(accountFinding(view, graph, link, target, newcomers[0]));
          else emit(groupFinding(view, graph, link, target, newcomers));
        }
      }
    }
  }
}

/** The recorded additions whose link is still in the picture (a member removed since is no longer new). */
function standingLinks(graph: MembershipGraph, additions: MembershipAddition[]): NewLink[] {
  const links: NewLink[] = [];
  for (const addition of additions) {
    const member = graph.nodeByKey(addition.memberDnNorm);
    if (member === undefined) continue;
    if (addition.via === 'member') {
      const group = graph.nodeByKey(addition.groupDnNorm ?? '');
      if (group !== undefined && graph.hasLink(member, group)) links.push({ member, group, primary: false, addition });
    } else if (member < graph.accountCount && graph.primary[member] >= 0 && graph.principal(member).account?.primaryGroupId === addition.primaryGroupId) {
      links.push({ member, group: graph.primary[member], primary: true, addition });
    }
  }
  return links;
}

function watchedTargets(ctx: AuditContext, view: DirectoryView): Watched[] {
  const graph = view.access.graph;
  const out: Watched[] = [];
  for (const g of view.privilegedGroups()) {
    const node = graph.nodeByKey(g.dnNorm);
    if (node !== undefined) out.push({ node, group: graph.principal(node) });
  }
  for (const resource of ctx.policy.resources) {
    if (resource.criticality !== 'critical') continue;
    for (const grant of view.access.grantsOf(resource.id)) out.push({ node: grant.principal.node, group: grant.principal, resource, level: grant.level });
  }
  return out;
}

function accountFinding(view: DirectoryView, graph: MembershipGraph, link: NewLink, target: Watched, accountNode: number): FindingDraft {
  const account = graph.principal(accountNode).account!;
  const what = target.resource ? `${target.level} access to critical resource ${target.resource.id} (through ${target.group.name})` : `membership of privileged group ${target.group.name}`;
  return {
    view,
    account,
    resource: target.resource,
    key: target.resource ? undefined : `group:${target.group.key}`,
    message: `New ${what}, with no approved access request`,
    evidence: evidenceOf(graph, link, target),
    explain: [...(graph.pathBetween(accountNode, target.node) ?? []).map(formatStep), seenBy(graph, link)],
  };
}

/** A group made a member: one finding on that group, naming the accounts it brought in. */
function groupFinding(view: DirectoryView, graph: MembershipGraph, link: NewLink, target: Watched, newcomers: number[]): FindingDraft {
  const member = graph.principal(link.member);
  const logins = newcomers.slice(0, SAMPLE).map((a) => graph.principal(a).name);
  const what = target.resource ? `${target.level} access to critical resource ${target.resource.id}` : `membership of privileged group ${target.group.name}`;
  return {
    view,
    group: member.group ?? member,
    resource: target.resource,
    key: target.resource ? undefined : `group:${target.group.key}`,
    message: `${member.name} now gives ${newcomers.length} account(s) ${what}, with no approved access request`,
    evidence: { ...evidenceOf(graph, link, target), newMemberCount: newcomers.length, newMembers: logins },
    explain: [...(graph.pathBetween(link.member, target.node) ?? []).map(formatStep), seenBy(graph, link), `accounts it brings in: ${logins.join(', ')}${newcomers.length > SAMPLE ? ', …' : ''}`],
  };
}

function evidenceOf(graph: MembershipGraph, link: NewLink, target: Watched): Record<string, unknown> {
  return {
    target: target.group.name,
    ...(target.resource ? { resource: target.resource.id, level: target.level } : {}),
    addedMember: graph.principal(link.member).name,
    addedTo: graph.principal(link.group).name,
    via: link.primary ? 'primaryGroupID' : 'member',
    seenAt: link.addition.seenAt.toISOString(),
    syncRunId: link.addition.runId,
  };
}

function seenBy(graph: MembershipGraph, link: NewLink): string {
  const how = link.primary ? `got ${graph.principal(link.group).name} as primary group` : `was added to ${graph.principal(link.group).name}`;
  return `${graph.principal(link.member).name} ${how}: seen by the sync run of ${link.addition.seenAt.toISOString()} (${link.addition.runId}); no approved access request`;
}

function linkKey(member: number, group: number, primary: boolean): string {
  return `${member}${primary ? '=' : '>'}${group}`;
}
