import type { Principal } from '#vigie/access';
import type { ResourceDef } from '#vigie/policy';
import type { AuditContext, DirectoryView } from '../audit-context.js';
import { levelRank } from './access-levels.js';
import type { AuditRule, FindingDraft } from './audit-rule.js';

/**
 * Microsoft's AGDLP: Accounts go in Global groups (by role), global groups in Domain-Local groups (by resource and
 * level), and Permissions name domain-local groups only; then a role change is one membership, and "who can reach
 * this share" reads off one group. Reported on AD, per resource:
 * - a permission naming an account, or a global or universal group (groupType scope), instead of a domain-local one;
 * - a person account put straight into a domain-local granting group instead of through a role group.
 * Builtin groups (Administrators...) are domain-local by nature; their default members are AD's, not a deviation.
 * OpenLDAP groups have no scope, and nothing tells a role group from a resource group there: the rule stays silent on
 * groups without a scope rather than guess (a permission naming an account directly is still reported).
 */
export class AgdlpRule implements AuditRule {
  readonly id = 'G-AGDLP';
  readonly defaultSeverity = 'low' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    for (const view of ctx.directories) {
      for (const resource of ctx.policy.resources) {
        // One finding per principal and resource, with every level it is given.
        const found = new Map<Principal, { levels: string[]; via?: Principal }>();
        const note = (p: Principal, level: string, via?: Principal) => {
          const hit = found.get(p) ?? { levels: [], via };
          if (!hit.levels.includes(level)) hit.levels.push(level);
          found.set(p, hit);
        };
        for (const grant of view.access.grantsOf(resource.id)) {
          const p = grant.principal;
          if (p.kind === 'account') note(p, grant.level);
          const scope = p.group?.scope;
          if (scope === 'global' || scope === 'universal') note(p, grant.level);
          if (scope !== 'domain-local') continue;
          for (const member of view.access.graph.membersOf(p.node)) {
            if (member.account?.kind === 'user' && member.account.enabled) note(member, grant.level, p);
          }
        }
        for (const [principal, { levels, via }] of found) this.report(view, resource, principal, levels.sort((a, b) => levelRank(a) - levelRank(b)), via, emit);
      }
    }
  }

  private report(view: DirectoryView, resource: ResourceDef, p: Principal, levels: string[], via: Principal | undefined, emit: (d: FindingDraft) => void): void {
    const what = levels.join(' and ');
    const subject = p.account ? { account: p.account } : { group: p.group ?? p };
    if (via) {
      emit({
        view,
        ...subject,
        resource,
        message: `${p.name} is put straight into the domain-local group ${via.name} (${what} on ${resource.name}) instead of through a global role group`,
        evidence: { principal: p.name, kind: 'account', grantingGroup: via.name, levels },
        explain: [`${p.name} ∈ ${via.name} (direct)`, `${via.name} grants ${what} on ${resource.id}`, 'AGDLP: accounts go in global groups, global groups in the domain-local group'],
      });
      return;
    }
    const kind = p.account ? 'account' : `${p.group?.scope} group`;
    emit({
      view,
      ...subject,
      resource,
      message: `${what} on ${resource.name} is granted straight to the ${kind} ${p.name} instead of a domain-local group`,
      evidence: { principal: p.name, kind, scope: p.group?.scope ?? null, levels },
      explain: [
        `the policy grants ${what} on ${resource.id} (${resource.source.file}:${resource.source.line}) to ${p.name}`,
        `${p.name} is ${p.account ? 'an account' : `a ${p.group?.scope} group (groupType ${p.group?.groupType})`}, not a domain-local group`,
        'AGDLP: permissions name domain-local groups, which hold the global role groups',
      ],
    });
  }
}
