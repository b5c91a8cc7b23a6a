import type { Grant } from '#vigie/access';
import { explainEntitlement } from '#vigie/access';
import type { AccountRecord } from '#vigie/identity';
import { aGroup, aSnapshot, anAccount } from '#vigie/identity/testing';
import { Birthrights } from '#vigie/policy';
import { type AuditContext, identityOf } from '../audit-context.js';
import { aPolicy, aResource, findingsOf } from '../testing/audit-harness.js';
import { levelRank } from './access-levels.js';
import { type AuditRule, type FindingDraft, isEverydayAccount } from './audit-rule.js';
import { PeerOutlierRule } from './g-peer-outlier.rule.js';

// The counting was rewritten for memory (issue 13); on random companies it must report exactly what it reported.

function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomCompany(seed: number) {
  const random = seeded(seed);
  const int = (n: number) => Math.floor(random() * n);
  const resources = Array.from({ length: 12 }, (_, i) =>
    aResource(`r${i}`, {
      type: i < 3 ? 'printer' : 'share',
      location: i < 3 ? `Site${i}` : undefined,
      grants: { read: [`DL_R${i}`], ...(i % 2 ? { write: [`DL_W${i}`] } : {}) },
    }),
  );
  const managers = ['CN=boss1,OU=People,DC=acme,DC=test', 'CN=boss2,OU=People,DC=acme,DC=test', 'CN=boss3,OU=People,DC=acme,DC=test'];
  const people: AccountRecord[] = Array.from({ length: 60 + int(60) }, (_, i) =>
    anAccount(`p${i}`, {
      department: random() < 0.05 ? null : `D${int(3)}`,
      title: random() < 0.05 ? null : `T${int(3)}`,
      managerDn: random() < 0.2 ? null : managers[int(3)],
      location: `Site${int(3)}`,
      mail: random() < 0.05 ? null : `p${i}@acme.test`,
      enabled: random() > 0.05,
    }),
  );
  const groups = resources.flatMap((r) => Object.values(r.grants).flatMap((refs) => (refs ?? []).map((name) => aGroup(name))));
  const links: Array<[string, string]> = [];
  for (const p of people) for (const g of groups) if (random() < (g.name.endsWith('0') || g.name.endsWith('1') ? 0.5 : 0.08)) links.push([p.login!, g.name]);
  const policy = aPolicy({
    resources,
    rules: [{ description: 'site printers', birthright: true, can: ['read'], on: 'printer', where: { location: '${identity.location}' } }],
    settings: { rules: { 'G-PEER-OUTLIER': { minPeers: 5 + int(8), minPeerPercent: 10 + int(20) } } },
  });
  return { snapshot: aSnapshot(people, groups, links), policy };
}

describe(`${PeerOutlierRule.name} against its previous counting`, () => {
  it.each(Array.from({ length: 15 }, (_, i) => [i + 1]))('reports the same findings on random company %i', (seed) => {
    const { snapshot, policy } = randomCompany(seed);
    const expected = findingsOf(new PreviousPeerOutlierRule(), snapshot, policy);
    expect(findingsOf(new PeerOutlierRule(), snapshot, policy)).toEqual(expected);
  });

  it('has outliers to compare in most of these companies', () => {
    const withFindings = Array.from({ length: 15 }, (_, i) => randomCompany(i + 1)).filter(
      ({ snapshot, policy }) => findingsOf(new PeerOutlierRule(), snapshot, policy).length,
    );
    expect(withFindings.length).toBeGreaterThan(10);
  });
});

const EMPTY = new Int32Array(0);

interface PeerGroup {
  kind: 'department and title' | 'manager';
  size: number;
  /** Accounts of the group that reach each resource, by resource position in the policy. */
  holders: Int32Array;
}

/** The rule as it was before issue 13 (per-account lists of reached resources): the reference for its results. */
class PreviousPeerOutlierRule implements AuditRule {
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
        previousPeerKeys(a).map((key) => {
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
function previousPeerKeys(a: AccountRecord): Array<string | null> {
  return [a.department && a.title ? `t\u0000${a.department}\u0000${a.title}` : null, a.managerDn ? `m\u0000${a.managerDn}\u0000${a.department ?? ''}` : null];
}
