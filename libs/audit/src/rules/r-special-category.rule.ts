import { explainEntitlement } from '#vigie/access';
import { SPECIAL_CATEGORIES } from '#vigie/policy';
import type { AuditContext } from '../audit-context.js';
import type { AuditRule, FindingDraft } from './audit-rule.js';
import { recipientKeys } from './r-register.rule.js';

const SAMPLE = 50;

/**
 * GDPR art. 9 and 32: a resource holding special-category data (health, union membership...) is reachable only by
 * the declared recipients of its record of processing. Counts the enabled accounts that effectively reach it
 * (nesting, primary group, everyone-like groups included) without being effective members of a recipient group.
 * One finding per resource and directory, listing them; R-REGISTER reports a missing or unknown record.
 */
export class SpecialCategoryRule implements AuditRule {
  readonly id = 'R-SPECIAL-CATEGORY';
  readonly defaultSeverity = 'high' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    const records = new Map((ctx.policy.records ?? []).map((r) => [r.id, r]));
    for (const resource of ctx.policy.resources) {
      const special = (resource.personalData?.categories ?? []).filter((c) => (SPECIAL_CATEGORIES as readonly string[]).includes(c));
      const record = resource.personalData?.record ? records.get(resource.personalData.record) : undefined;
      if (!special.length || !record) continue;
      for (const view of ctx.directories) {
        const recipients = [...recipientKeys(view.access.memberships, record)];
        const outside = view.access
          .holdersOf(resource.id)
          .filter((h) => h.account.enabled && !recipients.some((key) => view.access.memberships.reaches(h.account, key)));
        if (!outside.length) continue;
        emit({
          view,
          resource,
          message: `${outside.length} account(s) reach ${resource.name} (${special.join(', ')} data) without being recipients of ${record.id} (${record.name})`,
          evidence: {
            categories: special,
            record: record.id,
            recipients: record.recipients,
            count: outside.length,
            accounts: outside.slice(0, SAMPLE).map((h) => h.account.login ?? h.account.dn),
          },
          explain: explainEntitlement(outside[0].entitlements[0]),
        });
      }
    }
  }
}
