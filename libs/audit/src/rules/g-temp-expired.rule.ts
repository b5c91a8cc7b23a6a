import { type Grant, explainEntitlement } from '#vigie/access';
import { type AuditContext, daysBetween } from '../audit-context.js';
import { levelRank } from './access-levels.js';
import type { AuditRule, FindingDraft } from './audit-rule.js';
import { reportExpiredExternals, reportExpiredGrants } from './expired-time-bounds.js';

/**
 * ISO 27001:2022 5.18 e: a time-bound access must end when its time does. An account whose accountExpires has
 * passed but that is still enabled keeps its groups: anyone who extends the date revives every entitlement.
 * The policy's own time bounds end access too: a temporary grant of grants/ past its last day, an external person of
 * externals/ past their end date (expired-time-bounds.ts).
 */
export class TempExpiredRule implements AuditRule {
  readonly id = 'G-TEMP-EXPIRED';
  readonly defaultSeverity = 'high' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    for (const view of ctx.directories) {
      for (const account of view.snapshot.accounts) {
        if (!account.enabled || !account.accountExpires || account.accountExpires > ctx.asOf) continue;
        const grants = view.grantsOf(account);
        const privileged = view.privilegedGroupsOf(account);
        if (!grants.length && !privileged.length) continue;
        const resources = [...new Set(grants.map((g) => g.resourceId))];
        const strongest = grants.reduce<Grant | undefined>((best, g) => (!best || levelRank(g.level) > levelRank(best.level) ? g : best), undefined);
        const days = daysBetween(account.accountExpires, ctx.asOf);
        emit({
          view,
          account,
          message: `Account expired ${days} days ago (${account.accountExpires.toISOString().slice(0, 10)}) but is still enabled, with access to ${resources.length} resource(s)${privileged.length ? ` and membership of ${privileged.map((g) => g.name).join(', ')}` : ''}`,
          evidence: {
            accountExpires: account.accountExpires.toISOString(),
            daysSinceExpiry: days,
            resources: resources.slice(0, 20),
            resourceCount: resources.length,
            privilegedGroups: privileged.map((g) => g.name),
          },
          explain: [
            `accountExpires ${account.accountExpires.toISOString().slice(0, 10)} has passed; the account is still enabled`,
            ...(strongest
              ? explainEntitlement(view.entitlementOf(account, strongest))
              : [...view.explainMembership(account, privileged[0]), `${privileged[0].name} is a privileged group`]),
          ],
        });
      }
    }
    reportExpiredGrants(ctx, emit);
    reportExpiredExternals(ctx, emit);
  }
}
