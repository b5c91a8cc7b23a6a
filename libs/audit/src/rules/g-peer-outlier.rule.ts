import { type Grant, explainEntitlement } from '#vigie/access';
import type { AccountRecord } from '#vigie/identity';
import { Birthrights } from '#vigie/policy';
import { type AuditContext, type DirectoryView, identityOf } from '../audit-context.js';
import { levelRank } from './access-levels.js';
import { type AuditRule, type FindingDraft, isEverydayAccount } from './audit-rule.js';

const NONE = -1;

interface PeerGroup {
  kind: 'department and title' | 'manager';
  size: number;
  /** Members of the group that reach each resource, by resource position in the policy (allocated when judged). */
  holders?: Uint16Array | Uint32Array;
}

/**
 * SailPoint / Entra access reviews: an access held by fewer than 10 % of one's peers is worth a look. Peers are the
 * everyday accounts of the same department and title; when that group is smaller than minPeers (10), those of the
 * same manager in the same department; when both are small, the account is not judged. Access the identity gets by a
 * birthright rule (its site's printers, its department's share) is expected, so never an outlier.
 * Settings (the policy's rule catalogue): minPeerPercent, minPeers.
 *
 * Memory stays linear in the accounts and in the groups × resources: two passes over each account's grants (count,
 * then judge), one counter per resource for the groups big enough to judge, nothing kept per account but its groups.
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
      const reached = new ResourcesReached(view, position, resources.length);
      // Sizes first: only groups big enough to judge get a counter per resource (most manager teams are small).
      const groups: PeerGroup[] = [];
      const byKey = new Map<string, number>();
      const groupOf = (key: string | null): number => {
        if (!key) return NONE;
        let g = byKey.get(key);
        if (g === undefined) {
          byKey.set(key, (g = groups.length));
          groups.push({ kind: key.startsWith('t') ? 'department and title' : 'manager', size: 0 });
        }
        groups[g].size++;
        return g;
      };
      const titleGroup = new Int32Array(accounts.length);
      const managerGroup = new Int32Array(accounts.length);
      accounts.forEach((a, i) => {
        const [byTitle, byManager] = peerKeys(a);
        titleGroup[i] = groupOf(byTitle);
        managerGroup[i] = groupOf(byManager);
      });
      byKey.clear();
      const judged = (g: number) => g !== NONE && groups[g].size >= minPeers;
      for (const group of groups) {
        if (group.size >= minPeers) group.holders = group.size < 0xffff ? new Uint16Array(resources.length) : new Uint32Array(resources.length);
      }
      accounts.forEach((account, i) => {
        const counted = [titleGroup[i], managerGroup[i]].filter(judged).map((g) => groups[g].holders!);
        if (!counted.length) return;
        reached.of(account, (r) => {
          for (const holders of counted) holders[r]++;
        });
      });
      accounts.forEach((account, i) => {
        const g = judged(titleGroup[i]) ? titleGroup[i] : judged(managerGroup[i]) ? managerGroup[i] : NONE;
        if (g === NONE) return;
        const group = groups[g];
        const peers = group.size - 1;
        let expected: Set<string> | undefined;
        reached.of(account, (r, best) => {
          const others = group.holders![r] - 1;
          if ((100 * others) / peers >= minPeerPercent) return;
          const resource = resources[r];
          expected ??= new Set(birthrights.expectedFor(identityOf(account)).map((e) => e.resource.id));
          if (expected.has(resource.id)) return;
          emit({
            view,
            account,
            resource,
            message: `Only ${others} of ${peers} peers (same ${group.kind}) can reach ${resource.name}`,
            evidence: { peers, peersWithAccess: others, peerGroup: group.kind, department: account.department, title: account.title, minPeerPercent },
            explain: [
              ...explainEntitlement(view.entitlementOf(account, best())),
              `${others} of the ${peers} peers with the same ${group.kind} reach ${resource.id}`,
            ],
          });
        });
      });
    }
  }
}

/**
 * The policy resources an account reaches, each once, with its strongest grant (the first of them in grant order),
 * through arrays reused from one account to the next.
 */
class ResourcesReached {
  private readonly resourceOfGrant: Int32Array;
  private readonly stamp: Int32Array;
  private readonly best: Array<Grant | undefined>;
  private readonly order: Int32Array;
  private visit = 0;

  constructor(
    private readonly view: DirectoryView,
    position: ReadonlyMap<string, number>,
    resources: number,
  ) {
    this.resourceOfGrant = Int32Array.from(view.access.grants, (g) => position.get(g.resourceId) ?? NONE);
    this.stamp = new Int32Array(resources).fill(-1);
    this.best = new Array<Grant | undefined>(resources);
    this.order = new Int32Array(resources);
  }

  /** Calls `fn` for each resource the account reaches, in the order first reached; `best()` is its strongest grant. */
  of(account: AccountRecord, fn: (resource: number, best: () => Grant) => void): void {
    const visit = this.visit++;
    let count = 0;
    for (const g of this.view.grantsOf(account)) {
      const r = this.resourceOfGrant[g.index];
      if (r < 0) continue;
      if (this.stamp[r] !== visit) {
        this.stamp[r] = visit;
        this.best[r] = g;
        this.order[count++] = r;
      } else if (levelRank(g.level) > levelRank(this.best[r]!.level)) this.best[r] = g;
    }
    for (let k = 0; k < count; k++) {
      const r = this.order[k];
      fn(r, () => this.best[r]!);
    }
  }
}

/** Department and title; else the manager, within the department (heads of departments share the CEO, not their access). */
function peerKeys(a: AccountRecord): Array<string | null> {
  return [a.department && a.title ? `t\u0000${a.department}\u0000${a.title}` : null, a.managerDn ? `m\u0000${a.managerDn}\u0000${a.department ?? ''}` : null];
}
