import { explainPath } from '#vigie/access';
import type { AuditContext } from '../audit-context.js';
import { levelRank, strongestLevel } from './access-levels.js';
import type { AuditRule, FindingDraft } from './audit-rule.js';

/**
 * PingCastle, Netwrix, SolarWinds ARM: a resource granted to a principal that stands for everybody (Everyone,
 * Authenticated Users, Users, Domain Users, Domain Computers, the policy's everyone groups), directly or through
 * nesting. Critical when it holds personal data (GDPR 25(2)), high when that grant is write or more, else medium.
 * One finding per resource and directory, about the everyone-like principal nearest the strongest open grant.
 * A resource the policy declares `audience: everyone` (a common share, the printers) is open on purpose: no finding.
 * The policy refuses that on a resource holding personal data, so those stay reported.
 */
export class OpenShareRule implements AuditRule {
  readonly id = 'G-OPEN-SHARE';
  readonly defaultSeverity = 'medium' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    for (const view of ctx.directories) {
      for (const resource of ctx.policy.resources) {
        if (resource.audience === 'everyone') continue;
        const open = view.access.openGrantsOf(resource.id);
        if (!open.length) continue;
        const levels = [...new Set(open.map((o) => o.grant.level))].sort((a, b) => levelRank(a) - levelRank(b));
        const strongest = strongestLevel(levels)!;
        const shown = open.filter((o) => o.grant.level === strongest).sort((a, b) => a.path.length - b.path.length)[0];
        const severity = resource.personalData ? 'critical' : levelRank(strongest) >= levelRank('write') ? 'high' : undefined;
        emit({
          view,
          group: shown.principal,
          resource,
          severity,
          message: `${levels.join(' and ')} access on ${resource.id} (${resource.name}) is granted to ${shown.principal.name}, that is to everybody${resource.personalData ? ', on a resource holding personal data' : ' (declare audience: everyone if that is meant)'}`,
          evidence: {
            resource: resource.id,
            levels,
            principals: [...new Set(open.map((o) => o.principal.name))],
            reachableAccounts: view.access.holderCount(resource.id),
            personalData: resource.personalData?.categories ?? null,
          },
          explain: [...explainPath(shown.path), `${shown.grant.principal.name} grants ${shown.grant.level} on ${resource.id}`],
        });
      }
    }
  }
}
