import { type Grant, explainEntitlement } from '#vigie/access';
import { type AuditContext, identityOf } from '../audit-context.js';
import { temporaryGrantsOf } from '../temporary-grants.js';
import { levelRank } from './access-levels.js';
import type { AuditRule, FindingDraft } from './audit-rule.js';

/**
 * ISO 27001:2022 5.15 / 5.18 f: every entitlement an account effectively holds must be allowed by
 * the access rules for the identity's attributes. One finding per account and resource, naming the
 * levels not allowed and explaining the strongest one.
 */
export class ExcessVsRoleRule implements AuditRule {
  readonly id = 'G-EXCESS-VS-ROLE';
  readonly defaultSeverity = 'medium' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    const temporary = temporaryGrantsOf(ctx);
    for (const view of ctx.directories) {
      for (const account of view.snapshot.accounts) {
        if (!account.enabled || account.kind !== 'user') continue;
        const person = ctx.hr?.find(account);
        const allows = view.allows(ctx.accessPolicy, ctx.resourcesById, account, person);
        let excess: Map<string, Grant[]> | undefined;
        for (const grant of view.grantsOf(account)) {
          // A temporary grant allows until its last day; an ended one allows nothing (G-TEMP-EXPIRED also reports it).
          if (allows(grant) || !ctx.resourcesById.has(grant.resourceId) || temporary.allows(view, account, grant)) continue;
          excess ??= new Map();
          const list = excess.get(grant.resourceId);
          if (list) list.push(grant);
          else excess.set(grant.resourceId, [grant]);
        }
        for (const [resourceId, grants] of excess ?? []) {
          const resource = ctx.resourcesById.get(resourceId)!;
          const identity = identityOf(account, person);
          const levels = [...new Set(grants.map((g) => g.level))].sort((a, b) => levelRank(a) - levelRank(b));
          const strongest = grants.find((g) => g.level === levels[levels.length - 1])!;
          emit({
            view,
            account,
            resource,
            severity: resource.criticality === 'critical' ? 'high' : undefined,
            message: `${levels.join(' and ')} access on ${resource.name} is not allowed by the policy for this identity (department ${identity.department ?? 'none'}, title ${identity.title ?? 'none'})`,
            evidence: { levels, department: identity.department, title: identity.title, employeeType: identity.employeeType },
            explain: explainEntitlement(view.entitlementOf(account, strongest)),
          });
        }
      }
    }
  }
}
