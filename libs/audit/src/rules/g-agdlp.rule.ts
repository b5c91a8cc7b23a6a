import type { Principal } from '#vigie/access';
import type { ResourceDef } from '#vigie/policy';
import type { AuditContext, DirectoryView } from '../audit-context.js';
import { levelRank } from './access-levels.js';
import type { AuditRule, FindingDraft } from './audit-rule.js';

/**
 * Microsoft's AGDLP: Accounts go in Global groups (by role), global groups in Domain-Local groups (by resource and
 * level), and Permissions name domain-local groups only; then a role change is one membership, and "who can reach
 * this share" reads off one group. Reported on AD, per resource:
 * - a permission naming a global or universal group (groupType scope) instead of a domain-local one;
 * - a person account put straight into a domain-local granting group instead of through a role group (a permission
 *   cannot name an account: the policy's grants name groups only).
 * Builtin groups (Administrators...) are domain-local by nature; their default members are AD's, not a deviation.
 * OpenLDAP groups have no scope, and nothing tells a role group from a resource group there: the rule stays silent on
 * groups without a scope rather than guess.
 */
export class AgdlpRule implements AuditRule {
  readonly id = 'G-AGDLP';
  readonly defaultSeverity = 'low' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    for (const view of ctx.directories) {
      for (const resource of ctx.policy.resources) {
        // One finding per principal and resource: the levels given to a global group, or, for an account, the
        // domain-local groups it was put in straight, each with its levels.
        const groups = new Map<Principal, string[]>();
        const accounts = new Map<Principal, Map<Principal, string[]>>();
        const add = (levels: string[], level: string) => levels.includes(level) || levels.push(level);
        for (const grant of view.access.grantsOf(resource.id)) {
          const p = grant.principal;
          const scope = p.group?.scope;
          if (scope === 'global' || scope === 'universal') add(groups.get(p) ?? groups.set(p, []).get(p)!, grant.level);
          if (scope !== 'domain-local') continue;
          for (const member of view.access.memberships.membersOf(p)) {
            if (member.account?.kind !== 'user' || !member.account.enabled) continue;
            const vias = accounts.get(member) ?? accounts.set(member, new Map()).get(member)!;
            add(vias.get(p) ?? vias.set(p, []).get(p)!, grant.level);
          }
        }
        for (const [group, levels] of groups) this.reportGroup(view, resource, group, sortLevels(levels), emit);
        for (const [account, vias] of accounts) this.reportAccount(view, resource, account, vias, emit);
      }
    }
  }

  private reportGroup(view: DirectoryView, resource: ResourceDef, p: Principal, levels: string[], emit: (d: FindingDraft) => void): void {
    const what = levels.join(' and ');
    const scope = p.group?.scope;
    emit({
      view,
      group: p.group ?? p,
      resource,
      message: `${what} on ${resource.name} is granted straight to the ${scope} group ${p.name} instead of a domain-local group`,
      evidence: { principal: p.name, kind: `${scope} group`, scope, levels },
      explain: [
        `the policy grants ${what} on ${resource.id} (${resource.source.file}:${resource.source.line}) to ${p.name}`,
        `${p.name} is a ${scope} group (groupType ${p.group?.groupType}), not a domain-local group`,
        'AGDLP: permissions name domain-local groups, which hold the global role groups',
      ],
    });
  }

  private reportAccount(view: DirectoryView, resource: ResourceDef, p: Principal, vias: Map<Principal, string[]>, emit: (d: FindingDraft) => void): void {
    const entries = [...vias].map(([group, levels]) => ({ group: group.name, levels: sortLevels(levels) }));
    const levels = sortLevels([...new Set(entries.flatMap((e) => e.levels))]);
    emit({
      view,
      account: p.account!,
      resource,
      message: `${p.name} is put straight into the domain-local group${entries.length > 1 ? 's' : ''} ${entries.map((e) => e.group).join(', ')} (${levels.join(' and ')} on ${resource.name}) instead of through a global role group`,
      evidence: { principal: p.name, kind: 'account', grantingGroups: entries.map((e) => e.group), levels },
      explain: [
        ...entries.flatMap((e) => [`${p.name} ∈ ${e.group} (direct)`, `${e.group} grants ${e.levels.join(' and ')} on ${resource.id}`]),
        'AGDLP: accounts go in global groups, global groups in the domain-local group',
      ],
    });
  }
}

function sortLevels(levels: string[]): string[] {
  return [...levels].sort((a, b) => levelRank(a) - levelRank(b));
}
