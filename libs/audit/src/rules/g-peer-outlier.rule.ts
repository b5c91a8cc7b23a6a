import { type Grant, explainEntitlement } from '#vigie/access';
import type { AccountRecord } from '#vigie/identity';
import { Birthrights } from '#vigie/policy';
import { type AuditContext, identityOf } from '../audit-context.js';
import { levelRank } from './access-levels.js';
import { type AuditRule, type FindingDraft, isEverydayAccount } from './audit-rule.js';

const EMPTY = new Int32Array(0);

interface PeerGroup {
  kind: 'department and title' | 'manager';
  size: number;
  /** Accounts of the group that reach each resource, by resource position in the policy. */
  holders: Int32Array;
}

/**
 * SailPoint / Entra access reviews: an access held by fewer than 10 % of one's peers is worth a look. Peers are the
 * everyday accounts of the same department and title; when that group is smaller than minPeers (10), those of the
 * same manager in the same department; when both are small, the account is not judged. Access the identity gets by a
 * birthright rule (its site's printers, its department's share) is expected, so never an outlier.
 * Settings (the policy's rule catalogue): minPeerPercent, minPeers.
 */
export class PeerOutlierRule implements AuditRule {
  readonly id = 'G-PEER-OUTLIER';
  readonly defaultSeverity = 'info' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    const { minPeerPercent, minPeers } = ctx.settingsOf(this.id);
    const birthrights = new Birthrights(ctx.policy);
    const resources = ctx.policy.resources;
    const position = new Map(resources.map((r, i) => [r.id, i]));
    for (const view of ctx.directories) {
      const accounts = view.snapshot.accounts.filter((a) => isEverydayAccount(a, ctx.policy));
      // Each account's resources with its strongest grant, computed once into arrays (a hundred thousand accounts,
      // dozens of resources each: maps would cost more than the counting).
      const resourceOfGrant = Int32Array.from(view.access.grants, (g) => position.get(g.resourceId) ?? -1);
      const stamp = new Int32Array(resources.length).fill(-1);
      const slot = new Int32Array(resources.length);
      const reached = accounts.map((account, i) => {
        const ids: number[] = [];
        const best: Grant[] = [];
        for (const g of view.grantsOf(account)) {
          const r = resourceOfGrant[g.index];
          if (r < 0) continue;
          if (stamp[r] !== i) {
            stamp[r] = i;
            slot[r] = ids.length;
            ids.push(r);
            best.push(g);
          } else if (levelRank(g.level) > levelRank(best[slot[r]].level)) best[slot[r]] = g;
        }
        return { ids, best };
      });
      // Sizes first: only groups big enough to judge get a counter per resource (most manager teams are small).
      const groups = new Map<string, PeerGroup>();
      const memberOf = accounts.map((a) =>
        peerKeys(a).map((key) => {
          if (!key) return undefined;
          let group = groups.get(key);
          if (!group) groups.set(key, (group = { kind: key.startsWith('t') ? 'department and title' : 'manager', size: 0, holders: EMPTY }));
          group.size++;
          return group;
        }),
      );
      for (const group of groups.values()) if (group.size >= minPeers) group.holders = new Int32Array(resources.length);
      memberOf.forEach((list, i) => {
        for (const group of list) if (group && group.size >= minPeers) for (const r of reached[i].ids) group.holders[r]++;
      });
      accounts.forEach((account, i) => {
        const group = memberOf[i].find((g) => g && g.size >= minPeers);
        if (!group) return;
        const peers = group.size - 1;
        const { ids, best } = reached[i];
        let expected: Set<string> | undefined;
        for (let k = 0; k < ids.length; k++) {
          const others = group.holders[ids[k]] - 1;
          if ((100 * others) / peers >= minPeerPercent) continue;
          const resource = resources[ids[k]];
          expected ??= new Set(birthrights.expectedFor(identityOf(account)).map((e) => e.resource.id));
          if (expected.has(resource.id)) continue;
          emit({
            view,
            account,
            resource,
            message: `Only ${others} of ${peers} peers (same ${group.kind}) can reach ${resource.name}`,
            evidence: { peers, peersWithAccess: others, peerGroup: group.kind, department: account.department, title: account.title, minPeerPercent },
            explain: [
              ...explainEntitlement(view.entitlementOf(account, best[k])),
              `${others} of the ${peers} peers with the same ${group.kind} reach ${resource.id}`,
            ],
          });
        }
      });
    }
  }
}

/** Department and title; else the manager, within the department (heads of departments share the CEO, not their access). */
function peerKeys(a: AccountRecord): Array<string | null> {
  return [a.department && a.title ? `t\u0000${a.department}\u0000${a.title}` : null, a.managerDn ? `m\u0000${a.managerDn}\u0000${a.department ?? ''}` : null];
}
