import { explainEntitlement } from '#vigie/access';
import type { AccountRecord } from '#vigie/identity';
import type { IdentityAttributes } from '#vigie/policy';
import type { AuditContext } from '../audit-context.js';
import type { AuditRule, FindingDraft } from './audit-rule.js';

const LEVEL_ORDER = ['read', 'write', 'admin', 'local-admin'];

/**
 * ISO 27001:2022 5.15 / 5.18 f: every entitlement an account effectively holds must be allowed by
 * the access rules for the identity's attributes. One finding per account and resource, naming the
 * levels not allowed and explaining the strongest one.
 */
export class ExcessVsRoleRule implements AuditRule {
  readonly id = 'G-EXCESS-VS-ROLE';
  readonly defaultSeverity = 'medium' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    for (const view of ctx.directories) {
      for (const account of view.snapshot.accounts) {
        if (!account.enabled || account.kind !== 'user') continue;
        const identity = identityOf(account);
        const excess = new Map<string, ReturnType<typeof view.entitlementsOf>>();
        for (const e of view.entitlementsOf(account)) {
          const resource = ctx.resourcesById.get(e.resourceId);
          if (!resource || ctx.accessPolicy.isAllowed(identity, resource, e.level)) continue;
          excess.set(e.resourceId, [...(excess.get(e.resourceId) ?? []), e]);
        }
        for (const [resourceId, entitlements] of excess) {
          const resource = ctx.resourcesById.get(resourceId)!;
          const levels = [...new Set(entitlements.map((e) => e.level))].sort((a, b) => LEVEL_ORDER.indexOf(a) - LEVEL_ORDER.indexOf(b));
          const strongest = entitlements.find((e) => e.level === levels[levels.length - 1])!;
          emit({
            view,
            account,
            resource,
            severity: resource.criticality === 'critical' ? 'high' : undefined,
            message: `${levels.join(' and ')} access on ${resource.name} is not allowed by the policy for this identity (department ${account.department ?? 'none'}, title ${account.title ?? 'none'})`,
            evidence: { levels, department: account.department, title: account.title, employeeType: account.employeeType },
            explain: explainEntitlement(strongest),
          });
        }
      }
    }
  }
}

export function identityOf(account: AccountRecord): IdentityAttributes {
  return {
    login: account.login,
    employeeId: account.employeeId,
    department: account.department,
    title: account.title,
    employeeType: account.employeeType,
    location: account.location,
    manager: account.managerDn,
    directory: account.directory,
  };
}
