import { type Grant, explainEntitlement } from '#vigie/access';
import type { AccountRecord } from '#vigie/identity';
import type { AuditContext, DirectoryView } from '../audit-context.js';
import { levelRank } from './access-levels.js';
import { type AuditRule, type FindingDraft, isEverydayAccount } from './audit-rule.js';
import { numberOr } from './h-too-many-admins.rule.js';

interface PeerGroup {
  kind: 'department and title' | 'manager';
  size: number;
  holders: Map<string, number>;
}

/**
 * SailPoint / Entra access reviews: an access held by fewer than 10 % of one's peers is worth a look. Peers are the
 * everyday accounts of the same department and title; when that group is smaller than minPeers (10), those of the
 * same manager in the same department; when both are small, the account is not judged. Settings: maxPeerPercent (10), minPeers (10).
 */
export class PeerOutlierRule implements AuditRule {
  readonly id = 'G-PEER-OUTLIER';
  readonly defaultSeverity = 'info' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    const settings = ctx.settingsOf(this.id);
    const maxPercent = numberOr(settings.maxPeerPercent, 10);
    const minPeers = numberOr(settings.minPeers, 10);
    for (const view of ctx.directories) {
      const accounts = view.snapshot.accounts.filter((a) => isEverydayAccount(a, ctx.policy));
      const groups = new Map<string, PeerGroup>();
      // A manager's team counts within one department: heads of departments share the CEO, not their accesses.
      const keysOf = (a: AccountRecord) => [
        a.department && a.title ? `t\u0000${a.department}\u0000${a.title}` : null,
        a.managerDn ? `m\u0000${a.managerDn}\u0000${a.department ?? ''}` : null,
      ];
      for (const a of accounts) {
        const resources = resourcesOf(view, a);
        for (const key of keysOf(a)) {
          if (!key) continue;
          let group = groups.get(key);
          if (!group) groups.set(key, (group = { kind: key.startsWith('t') ? 'department and title' : 'manager', size: 0, holders: new Map() }));
          group.size++;
          for (const r of resources.keys()) group.holders.set(r, (group.holders.get(r) ?? 0) + 1);
        }
      }
      for (const account of accounts) {
        const group = keysOf(account).map((k) => (k ? groups.get(k) : undefined)).find((g) => g && g.size >= minPeers);
        if (!group) continue;
        const peers = group.size - 1;
        for (const [resourceId, grant] of resourcesOf(view, account)) {
          const resource = ctx.resourcesById.get(resourceId);
          const others = group.holders.get(resourceId)! - 1;
          if (!resource || (100 * others) / peers >= maxPercent) continue;
          emit({
            view,
            account,
            resource,
            message: `Only ${others} of ${peers} peers (same ${group.kind}) can reach ${resource.name}`,
            evidence: { peers, peersWithAccess: others, peerGroup: group.kind, department: account.department, title: account.title, maxPeerPercent: maxPercent },
            explain: [...explainEntitlement(view.entitlementOf(account, grant)), `${others} of the ${peers} peers with the same ${group.kind} reach ${resource.id}`],
          });
        }
      }
    }
  }
}

/** The resources an account reaches, each with its strongest grant. */
function resourcesOf(view: DirectoryView, account: AccountRecord): Map<string, Grant> {
  const out = new Map<string, Grant>();
  for (const g of view.grantsOf(account)) {
    const best = out.get(g.resourceId);
    if (!best || levelRank(g.level) > levelRank(best.level)) out.set(g.resourceId, g);
  }
  return out;
}
