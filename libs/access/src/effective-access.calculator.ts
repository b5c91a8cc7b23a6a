import type { AccountRecord, DirectorySnapshot } from '#vigie/identity';
import type { EffectiveEntitlement, GrantingResource, PathStep, Principal } from './effective-access.model.js';
import { GraphMemberships } from './graph-memberships.js';
import { MembershipGraph, type MembershipGraphOptions, type PrincipalNode } from './membership-graph.js';
import type { Memberships } from './memberships.js';
import { ReachIndex } from './reach-index.js';

export interface EffectiveAccessOptions extends MembershipGraphOptions {
  /** Groups to follow besides the granting ones (privileged groups...), so that `reaches` answers for them too. */
  watchedGroups?: readonly string[];
}

/** A granting link: this group grants this level on this resource. */
export interface Grant {
  /** Position in `EffectiveAccessCalculator.grants`: lets callers memoise per grant in a plain array. */
  index: number;
  resourceId: string;
  level: string;
  /** The group reference as the policy wrote it. */
  ref: string;
  principal: Principal;
}

/** An account that reaches a resource, with the entitlements that give it access. */
export interface ResourceHolder {
  account: AccountRecord;
  entitlements: EffectiveEntitlement[];
}

/** A resource granted to a principal that stands for everybody, and the chain from it to the granting group. */
export interface OpenGrant {
  grant: Grant;
  /** The everyone-like principal: Everyone, Authenticated Users, Domain Users, a policy everyone group... */
  principal: Principal;
  path: PathStep[];
}

/**
 * Effective access for one directory: every entitlement each account reaches through the groups named on the
 * resources, with its path. Built once per snapshot (graph, components, reach sets); each question after that
 * costs the size of its answer.
 */
export class EffectiveAccessCalculator {
  /** Who is in what in this directory, and how; answered through the same reach sets as the entitlements. */
  readonly memberships: Memberships;
  /** Group references of the policy that match no group of this directory. */
  readonly unresolvedGroupRefs: string[] = [];
  readonly grants: Grant[] = [];
  private readonly graph: MembershipGraph;
  private readonly index: ReachIndex;
  /** The granting principal's node of each grant, by `Grant.index`. */
  private readonly grantNodes: number[] = [];
  private readonly grantsByTarget: Grant[][];
  private readonly grantsByResource = new Map<string, Grant[]>();
  private readonly everyoneLike: PrincipalNode[];
  /** grantsReachedBy's answers by account node: rules over every account ask it several times. */
  private readonly reachedGrants: (Grant[] | undefined)[];

  constructor(snapshot: DirectorySnapshot, resources: readonly GrantingResource[], options: EffectiveAccessOptions = {}) {
    this.graph = new MembershipGraph(snapshot, options);
    const targets: number[] = [];
    for (const r of resources) {
      const list: Grant[] = [];
      for (const [level, refs] of Object.entries(r.grants)) {
        for (const ref of refs ?? []) {
          const { status, principals } = this.graph.resolveReference(ref);
          if (status === 'unknown') this.unresolvedGroupRefs.push(ref);
          for (const principal of principals) {
            list.push({ index: this.grants.length + list.length, resourceId: r.id, level, ref, principal });
            this.grantNodes.push(principal.node);
            targets.push(principal.node);
          }
        }
      }
      this.grantsByResource.set(r.id, list);
      this.grants.push(...list);
    }
    for (const ref of options.watchedGroups ?? []) for (const p of this.graph.resolve(ref)) targets.push(p.node);
    this.index = new ReachIndex(this.graph, targets);
    this.memberships = new GraphMemberships(this.graph, this.index);
    this.grantsByTarget = Array.from(this.index.targets, () => []);
    for (const g of this.grants) this.grantsByTarget[this.targetOf(g)].push(g);
    this.everyoneLike = [];
    for (let n = this.graph.accountCount; n < this.graph.nodeCount; n++) if (this.graph.isEveryoneLike(n)) this.everyoneLike.push(this.graph.principal(n));
    this.reachedGrants = new Array(this.graph.accountCount);
  }

  get directory(): string {
    return this.graph.directory;
  }

  entitlementsOf(account: AccountRecord): EffectiveEntitlement[] {
    const node = this.graph.nodeOf(account);
    return this.grantsReachedByNode(node).map((g) => this.entitlement(node, g));
  }

  /**
   * The grants an account reaches, without building entitlements: what an audit over every account iterates
   * (a hundred thousand accounts hold millions of entitlements). `entitlementOf` explains the few that matter.
   * Kept per account: several rules ask it of every account.
   */
  grantsReachedBy(account: AccountRecord): Grant[] {
    const node = this.graph.nodeOf(account);
    return (this.reachedGrants[node] ??= this.grantsReachedByNode(node));
  }

  /** The entitlement a reached grant gives the account, with its path (computed when read). */
  entitlementOf(account: AccountRecord, grant: Grant): EffectiveEntitlement {
    return this.entitlement(this.graph.nodeOf(account), grant);
  }

  /** The entitlements an account holds on one resource (none when it cannot reach it). */
  explain(account: AccountRecord, resourceId: string): EffectiveEntitlement[] {
    const node = this.graph.nodeOf(account);
    return (this.grantsByResource.get(resourceId) ?? []).filter((g) => this.index.reaches(node, this.targetOf(g))).map((g) => this.entitlement(node, g));
  }

  /** Every account that reaches the resource, with its entitlements on it, in snapshot order. */
  holdersOf(resourceId: string): ResourceHolder[] {
    const grants = this.grantsByResource.get(resourceId) ?? [];
    const byAccount = new Map<number, Grant[]>();
    for (const g of grants) {
      const holders = this.index.holdersOf(this.targetOf(g));
      const add = (a: number) => {
        const list = byAccount.get(a);
        if (list) list.push(g);
        else byAccount.set(a, [g]);
      };
      if (holders === 'all') for (let a = 0; a < this.graph.accountCount; a++) add(a);
      else for (const a of holders) add(a);
    }
    return [...byAccount.keys()]
      .sort((a, b) => a - b)
      .map((a) => ({ account: this.graph.principal(a).account!, entitlements: byAccount.get(a)!.map((g) => this.entitlement(a, g)) }));
  }

  /** Number of accounts that reach the resource, without building their entitlements. */
  holderCount(resourceId: string): number {
    const seen = new Uint8Array(this.graph.accountCount);
    let count = 0;
    for (const g of this.grantsByResource.get(resourceId) ?? []) {
      const holders = this.index.holdersOf(this.targetOf(g));
      if (holders === 'all') return this.graph.accountCount;
      for (const a of holders) {
        if (!seen[a]) {
          seen[a] = 1;
          count++;
        }
      }
    }
    return count;
  }

  grantsOf(resourceId: string): Grant[] {
    return this.grantsByResource.get(resourceId) ?? [];
  }

  /** Grants of the resource that an everyone-like principal reaches, each with the nearest such principal. */
  openGrantsOf(resourceId: string): OpenGrant[] {
    const out: OpenGrant[] = [];
    for (const grant of this.grantsByResource.get(resourceId) ?? []) {
      const target = this.targetOf(grant);
      let best: OpenGrant | undefined;
      for (const p of this.everyoneLike) {
        if (!this.index.reaches(p.node, target)) continue;
        const path = this.graph.pathBetween(p.node, this.grantNodes[grant.index])!;
        if (!best || path.length < best.path.length) best = { grant, principal: p, path };
      }
      if (best) out.push(best);
    }
    return out;
  }

  /** The principals that stand for everybody in this directory. */
  everyoneLikePrincipals(): readonly Principal[] {
    return this.everyoneLike;
  }

  private grantsReachedByNode(node: number): Grant[] {
    const out: Grant[] = [];
    const add = (targets: Int32Array) => {
      for (let i = 0; i < targets.length; i++) {
        const grants = this.grantsByTarget[targets[i]];
        for (let j = 0; j < grants.length; j++) out.push(grants[j]);
      }
    };
    add(this.index.ownTargetsOfAccount(node));
    add(this.index.implicitTargets);
    return out;
  }

  private targetOf(grant: Grant): number {
    return this.index.targetIndexOf(this.grantNodes[grant.index]);
  }

  private entitlement(account: number, g: Grant): EffectiveEntitlement {
    let path: PathStep[] | undefined;
    const graph = this.graph;
    const node = this.grantNodes[g.index];
    return {
      resourceId: g.resourceId,
      level: g.level,
      groupDnNorm: g.principal.key,
      groupName: g.principal.name,
      get path() {
        return (path ??= graph.pathBetween(account, node) ?? []);
      },
    };
  }
}
