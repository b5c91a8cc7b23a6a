import { type Grant, explainEntitlement } from '#vigie/access';
import type { AccountRecord } from '#vigie/identity';
import { type AuditContext, daysBetween } from '../audit-context.js';
import { levelRank } from './access-levels.js';
import type { AuditRule, FindingDraft } from './audit-rule.js';
import { reportExpiredExternals, reportExpiredGrants } from './expired-time-bounds.js';

/**
 * ISO 27001:2022 5.18 e: a time-bound access must end when its time does. An account whose accountExpires (AD) or
 * pwdEndTime (OpenLDAP ppolicy) has passed but that is still enabled keeps its groups: anyone who extends the date
 * revives every entitlement. The policy's own time bounds end access too: a temporary grant of grants/ past its last
 * day, an external person of externals/ past their end date (expired-time-bounds.ts).
 */
export class TempExpiredRule implements AuditRule {
  readonly id = 'G-TEMP-EXPIRED';
  readonly defaultSeverity = 'high' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    for (const view of ctx.directories) {
      for (const account of view.snapshot.accounts) {
        const end = endOf(account);
        if (!account.enabled || !end || end.at > ctx.asOf) continue;
        const grants = view.grantsOf(account);
        const privileged = view.privilegedGroupsOf(account);
        if (!grants.length && !privileged.length) continue;
        const resources = [...new Set(grants.map((g) => g.resourceId))];
        const strongest = grants.reduce<Grant | undefined>((best, g) => (!best || levelRank(g.level) > levelRank(best.level) ? g : best), undefined);
        const days = daysBetween(end.at, ctx.asOf);
        emit({
          view,
          account,
          message: `Account expired ${days} days ago (${end.at.toISOString().slice(0, 10)}) but is still enabled, with access to ${resources.length} resource(s)${privileged.length ? ` and membership of ${privileged.map((g) => g.name).join(', ')}` : ''}`,
          evidence: {
            [end.attribute]: end.at.toISOString(),
            daysSinceExpiry: days,
            resources: resources.slice(0, 20),
            resourceCount: resources.length,
            privilegedGroups: privileged.map((g) => g.name),
          },
          explain: [
            `${end.attribute} ${end.at.toISOString().slice(0, 10)} has passed; the account is still enabled`,
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

/** When the account ends: AD's accountExpires, else OpenLDAP ppolicy's pwdEndTime (binds fail after it). */
function endOf(account: AccountRecord): { at: Date; attribute: 'accountExpires' | 'pwdEndTime' } | null {
  if (account.accountExpires) return { at: account.accountExpires, attribute: 'accountExpires' };
  if (account.pwdEndTime) return { at: account.pwdEndTime, attribute: 'pwdEndTime' };
  return null;
}
