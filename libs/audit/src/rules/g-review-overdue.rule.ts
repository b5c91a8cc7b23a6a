import { reviewStatusOf } from '#vigie/policy';
import { type AuditContext, daysBetween } from '../audit-context.js';
import type { AuditRule, FindingDraft } from './audit-rule.js';

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * ISO 27001:2013 A.9.2.5: owners review who can reach their resource at regular intervals (settings
 * reviewIntervals: standard 365, critical 180, privileged 90 days). The last review is the resource's `reviewedAt`;
 * a resource never reviewed is overdue. Medium; high for critical and privileged resources.
 */
export class ReviewOverdueRule implements AuditRule {
  readonly id = 'G-REVIEW-OVERDUE';
  readonly defaultSeverity = 'medium' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    for (const resource of ctx.policy.resources) {
      const status = reviewStatusOf(resource, ctx.policy.settings, ctx.asOf);
      if (!status.overdue) continue;
      const { reviewClass, intervalDays, reviewedAt, dueDate } = status;
      const where = `resource ${resource.id} (${resource.source.file}:${resource.source.line})`;
      const why =
        reviewClass === 'privileged'
          ? 'privileged: it grants admin or local-admin, or names a privileged group of the settings'
          : reviewClass === 'critical'
            ? 'critical: its criticality is critical'
            : `standard: criticality ${resource.criticality ?? 'not set'}, no administration access`;
      const future = reviewedAt && reviewedAt > ctx.asOf;
      const message = !reviewedAt
        ? `${resource.name} has never been reviewed (a ${reviewClass} resource is reviewed every ${intervalDays} days)`
        : future
          ? `${resource.name} has a review date in the future (${resource.reviewedAt}): a typo would hide overdue reviews`
          : `${resource.name} was last reviewed ${daysBetween(reviewedAt, ctx.asOf)} days ago, on ${resource.reviewedAt}: overdue since ${day(dueDate!)} (every ${intervalDays} days)`;
      emit({
        resource,
        severity: reviewClass === 'standard' ? undefined : 'high',
        message,
        evidence: {
          reviewedAt: resource.reviewedAt ?? null,
          reviewedBy: resource.reviewedBy ?? null,
          reviewClass,
          intervalDays,
          dueDate: dueDate ? day(dueDate) : null,
          owner: resource.owner ?? null,
        },
        explain: [
          `${where} is ${why}: reviewed every ${intervalDays} days (settings reviewIntervals.${reviewClass})`,
          reviewedAt
            ? `reviewedAt ${resource.reviewedAt}${resource.reviewedBy ? ` by ${resource.reviewedBy}` : ''}; next review was due by ${day(dueDate!)}`
            : 'no reviewedAt: never reviewed',
          resource.owner ? `owner ${resource.owner} reviews it and records the day in reviewedAt` : 'no owner to review it (G-NO-OWNER)',
        ],
      });
    }
  }
}
