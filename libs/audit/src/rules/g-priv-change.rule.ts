import type { NewReach, Principal, StandingLink } from '#vigie/access';
import type { ResourceDef, RuleSettings } from '#vigie/policy';
import { type AuditContext, type DirectoryView, formatStep } from '../audit-context.js';
import { approvedLinks } from './approved-links.js';
import type { AuditRule, FindingDraft } from './audit-rule.js';

/** What a new member must not reach unnoticed: a privileged group, or a group granting access to a critical resource. */
interface Watched {
  group: Principal;
  resource?: ResourceDef;
  level?: string;
}

const SAMPLE = 20;

/**
 * ISO 27001:2022 8.15, 8.16: a new member of a privileged group, or of a group that grants access to a critical
 * resource, is an event the security officer must see at once unless an approved request stands behind it. "New"
 * means the account did not reach that group before the links the sync runs recorded since the baseline: an account
 * that was already a Domain Admin through another group raises nothing. A link an approved access request stands
 * behind (the membership Vigie provisioned, seen while the grant stood) raises nothing either; the same change made by
 * hand, or left after the grant ended, does. Acknowledging the finding, with its reason, is the after-the-fact
 * approval, and the finding resolves when the membership goes.
 */
export class PrivChangeRule implements AuditRule {
  readonly id = 'G-PRIV-CHANGE';
  readonly defaultSeverity = 'critical' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    const since = privChangeLookbackStart(ctx.settingsOf(this.id), ctx.asOf);
    const additions = (ctx.membershipAdditions ?? []).filter((a) => a.seenAt >= since);
    if (!additions.length) return;
    const approved = approvedLinks(ctx.approvedMemberships);
    for (const view of ctx.directories) {
      const memberships = view.access.memberships;
      const links = memberships.standingLinks(additions.filter((a) => a.directory === view.directory));
      if (!links.length) continue;
      // Every new link counts when telling newcomers from those who were there before; only unapproved ones are reported.
      for (const reach of memberships.newlyReached(links, watchedTargets(ctx, view))) {
        if (approved(reach.link.addition)) continue;
        if (reach.link.member.kind === 'account') emit(accountFinding(view, reach));
        else emit(groupFinding(view, reach));
      }
    }
  }
}

/**
 * The oldest membership addition the rule looks at (lookbackDays before the audit): older links count as established.
 * The audit reads the sync runs' additions from there, and the rule leaves out older ones whoever passed them.
 */
export function privChangeLookbackStart(settings: RuleSettings<'G-PRIV-CHANGE'>, asOf: Date): Date {
  return new Date(asOf.getTime() - settings.lookbackDays * 86_400_000);
}

function watchedTargets(ctx: AuditContext, view: DirectoryView): Watched[] {
  const out: Watched[] = [];
  for (const g of view.privilegedGroups()) {
    const group = view.access.memberships.principalByKey(g.dnNorm);
    if (group) out.push({ group });
  }
  for (const resource of ctx.policy.resources) {
    if (resource.criticality !== 'critical') continue;
    for (const grant of view.access.grantsOf(resource.id)) out.push({ group: grant.principal, resource, level: grant.level });
  }
  return out;
}

function accountFinding(view: DirectoryView, { link, target, accounts }: NewReach<Watched>): FindingDraft {
  const [newcomer] = accounts;
  const what = target.resource
    ? `${target.level} access to critical resource ${target.resource.id} (through ${target.group.name})`
    : `membership of privileged group ${target.group.name}`;
  return {
    view,
    account: newcomer.account!,
    resource: target.resource,
    key: target.resource ? undefined : `group:${target.group.key}`,
    message: `New ${what}, with no approved access request`,
    evidence: evidenceOf(link, target),
    explain: [...(view.access.memberships.pathBetween(newcomer, target.group) ?? []).map(formatStep), seenBy(link)],
  };
}

/** A group made a member: one finding on that group, naming the accounts it brought in. */
function groupFinding(view: DirectoryView, { link, target, accounts }: NewReach<Watched>): FindingDraft {
  const member = link.member;
  const logins = accounts.slice(0, SAMPLE).map((a) => a.name);
  const what = target.resource ? `${target.level} access to critical resource ${target.resource.id}` : `membership of privileged group ${target.group.name}`;
  return {
    view,
    group: member.group ?? member,
    resource: target.resource,
    key: target.resource ? undefined : `group:${target.group.key}`,
    message: `${member.name} now gives ${accounts.length} account(s) ${what}, with no approved access request`,
    evidence: { ...evidenceOf(link, target), newMemberCount: accounts.length, newMembers: logins },
    explain: [
      ...(view.access.memberships.pathBetween(member, target.group) ?? []).map(formatStep),
      seenBy(link),
      `accounts it brings in: ${logins.join(', ')}${accounts.length > SAMPLE ? ', …' : ''}`,
    ],
  };
}

function evidenceOf(link: StandingLink, target: Watched): Record<string, unknown> {
  return {
    target: target.group.name,
    ...(target.resource ? { resource: target.resource.id, level: target.level } : {}),
    addedMember: link.member.name,
    addedTo: link.group.name,
    via: link.primary ? 'primaryGroupID' : 'member',
    seenAt: link.addition.seenAt.toISOString(),
    syncRunId: link.addition.runId,
  };
}

function seenBy(link: StandingLink): string {
  const how = link.primary ? `got ${link.group.name} as primary group` : `was added to ${link.group.name}`;
  return `${link.member.name} ${how}: seen by the sync run of ${link.addition.seenAt.toISOString()} (${link.addition.runId}); no approved access request`;
}
