import { explainEntitlement } from '#vigie/access';
import { type AuditContext, daysBetween } from '../audit-context.js';
import type { AuditRule, FindingDraft } from './audit-rule.js';
import { identityOf } from '../audit-context.js';

/**
 * ISO 27001 A.9.2.6: after a move, the old role's access must go. N days after the HR move date, an
 * entitlement the policy allowed for the previous department or title but does not allow for the
 * new one is a leftover of the old role.
 */
export class MoverRule implements AuditRule {
  readonly id = 'G-MOVER';
  readonly defaultSeverity = 'medium' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    const grace = ctx.settingsOf(this.id).thresholdDays;
    if (!ctx.hr) return;
    for (const view of ctx.directories) {
      for (const account of view.snapshot.accounts) {
        if (!account.enabled || account.kind !== 'user') continue;
        const person = ctx.hr.find(account);
        if (!person?.moveDate || (!person.previousDepartment && !person.previousTitle)) continue;
        const days = daysBetween(person.moveDate, ctx.asOf);
        if (days < grace) continue;
        const now = { ...identityOf(account), department: person.department ?? account.department, title: person.title ?? account.title };
        const before = { ...now, department: person.previousDepartment ?? now.department, title: person.previousTitle ?? now.title };
        const allowedNow = ctx.accessPolicy.decisionsFor(now);
        const allowedBefore = ctx.accessPolicy.decisionsFor(before);
        for (const e of view.entitlementsOf(account)) {
          const resource = ctx.resourcesById.get(e.resourceId);
          if (!resource) continue;
          if (allowedNow.isAllowed(resource, e.level) || !allowedBefore.isAllowed(resource, e.level)) continue;
          emit({
            view,
            account,
            resource,
            message: `Moved from ${before.department ?? '?'} / ${before.title ?? '?'} ${days} days ago and still holds ${e.level} on ${resource.name} from the old role`,
            evidence: {
              moveDate: person.moveDate.toISOString().slice(0, 10),
              previousDepartment: person.previousDepartment,
              department: now.department,
              level: e.level,
            },
            explain: explainEntitlement(e),
          });
        }
      }
    }
  }
}
