import { type Grant, explainEntitlement } from '#vigie/access';
import { type AuditContext, daysBetween } from '../audit-context.js';
import { externalEnd, externalPersonOf } from '../external-people.js';
import { temporaryGrantsOf } from '../temporary-grants.js';
import { levelRank } from './access-levels.js';
import { enabledUsers, type FindingDraft } from './audit-rule.js';

const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/**
 * G-TEMP-EXPIRED for the temporary grants of `grants/`: the grant has ended, and the account still reaches the
 * resource at a level the grant gave, with no access rule and no other grant in force allowing it. One finding per
 * account and resource, naming the grant.
 */
export function reportExpiredGrants(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
  const grants = temporaryGrantsOf(ctx);
  if (grants.isEmpty) return;
  for (const view of ctx.directories) {
    for (const account of enabledUsers(view)) {
      const ended = grants.naming(view, account).filter((def) => !grants.isActive(def));
      if (!ended.length) continue;
      const allows = view.allows(ctx.accessPolicy, ctx.resourcesById, account, ctx.hr?.find(account));
      const held = view.grantsOf(account).filter((grant) => !allows(grant) && !grants.allows(view, account, grant));
      for (const def of ended) {
        const resource = ctx.resourcesById.get(def.resource);
        const still = held.filter((grant: Grant) => grant.resourceId === def.resource && def.levels.includes(grant.level as never));
        if (!resource || !still.length) continue;
        const levels = [...new Set(still.map((g) => g.level))].sort((a, b) => levelRank(a) - levelRank(b));
        const strongest = still.find((g) => g.level === levels[levels.length - 1])!;
        emit({
          view,
          account,
          resource,
          message: `Temporary grant ${def.id} ran until ${def.until} (its last day, ${daysBetween(new Date(`${def.until}T00:00:00Z`), ctx.asOf)} day(s) ago) and ${levels.join(' and ')} access on ${resource.name} is still effective`,
          evidence: {
            grant: def.id,
            until: def.until,
            levels,
            reason: def.reason,
            approvedBy: def.approvedBy ?? null,
            policyFile: `${def.source.file}:${def.source.line}`,
          },
          explain: [
            `${def.source.file}:${def.source.line}: grant ${def.id} gave ${def.levels.join(', ')} on ${def.resource} until ${def.until}`,
            `no access rule and no grant in force allows ${account.login ?? account.dn} ${levels.join(' or ')} on ${def.resource} after it`,
            ...explainEntitlement(view.entitlementOf(account, strongest)),
          ],
        });
      }
    }
  }
}

/**
 * G-TEMP-EXPIRED for the inventory of external people (`externals/`): the engagement is over and the account can
 * still sign in. Reported here rather than as G-LEAVER, which is about the HR roster's leavers: an external person's
 * end date is a time bound written in the policy, like accountExpires.
 */
export function reportExpiredExternals(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
  if (!ctx.policy.externals?.length) return;
  for (const view of ctx.directories) {
    for (const account of enabledUsers(view)) {
      const external = externalPersonOf(ctx.policy, account);
      if (!external || externalEnd(external) > ctx.asOf) continue;
      const resources = [...new Set(view.grantsOf(account).map((g) => g.resourceId))];
      const days = daysBetween(new Date(`${external.endDate}T00:00:00Z`), ctx.asOf);
      emit({
        view,
        account,
        key: 'external',
        message: `External ${external.type} whose last day was ${external.endDate} (${days} day(s) ago) still has an enabled account, with access to ${resources.length} resource(s)`,
        evidence: {
          type: external.type,
          endDate: external.endDate,
          sponsor: external.sponsor,
          company: external.company ?? null,
          resources: resources.slice(0, 20),
          resourceCount: resources.length,
          policyFile: `${external.source.file}:${external.source.line}`,
        },
        explain: [
          `${external.source.file}:${external.source.line}: ${account.login} is an external ${external.type}${external.company ? ` of ${external.company}` : ''}, sponsored by ${external.sponsor}, until ${external.endDate}`,
          `${account.login} is still enabled on ${dayOf(ctx.asOf)}`,
        ],
      });
    }
  }
}
