import type { MembershipGraph } from './membership-graph.js';

const EMPTY = new Int32Array(0);

/**
 * Which of a chosen set of groups (the targets: groups named on resources, privileged groups) every principal
 * effectively reaches, computed once for the whole directory the way Adalanche does: collapse cycles of nested
 * groups into strongly connected components, walk the resulting DAG from the top once, and give each component the
 * sorted set of targets above it. An account's set is then the union of its groups' sets, so nothing walks the
 * whole graph per account. Paths are not stored: MembershipGraph finds one when an explanation is asked for.
 */
export class ReachIndex {
  /** Target index -> node. */
  readonly targets: Int32Array;
  /** Node -> target index, or -1. */
  private readonly targetOf: Int32Array;
  /** Component of each non-account node (index node - accountCount). */
  private readonly componentOf: Int32Array;
  /** Targets reachable from each component, itself included: sorted target indexes. */
  private readonly up: Int32Array[];
  /** Targets every account reaches through its implicit groups, sorted. */
  readonly implicitTargets: Int32Array;
  private readonly implicitMark: Uint8Array;
  /** Targets each account reaches beyond the implicit ones: own[ownStart[a] .. ownStart[a+1]), sorted. */
  private readonly ownStart: Int32Array;
  private readonly own: Int32Array;
  private holdersStart?: Int32Array;
  private holderList?: Int32Array;

  constructor(
    readonly graph: MembershipGraph,
    targetNodes: Iterable<number>,
  ) {
    this.targetOf = new Int32Array(graph.nodeCount).fill(-1);
    const targets: number[] = [];
    for (const node of targetNodes) {
      if (this.targetOf[node] >= 0) continue;
      this.targetOf[node] = targets.length;
      targets.push(node);
    }
    this.targets = Int32Array.from(targets);

    const { componentOf, components } = stronglyConnectedComponents(graph);
    this.componentOf = componentOf;
    this.up = this.closeComponents(componentOf, components);

    const mark = new Int32Array(this.targets.length).fill(-1);
    const scratch: number[] = [];
    this.implicitTargets = this.union(
      Array.from(graph.implicit, (n) => this.upOf(n)),
      mark,
      -2,
      scratch,
      null,
    );
    this.implicitMark = new Uint8Array(this.targets.length);
    for (const t of this.implicitTargets) this.implicitMark[t] = 1;

    this.ownStart = new Int32Array(graph.accountCount + 1);
    let own = new Int32Array(Math.max(16, graph.accountCount * 4));
    let size = 0;
    const sets: Int32Array[] = [];
    for (let a = 0; a < graph.accountCount; a++) {
      sets.length = 0;
      for (let e = graph.parentStart[a]; e < graph.parentStart[a + 1]; e++) sets.push(this.upOf(graph.parentList[e]));
      if (graph.primary[a] >= 0) sets.push(this.upOf(graph.primary[a]));
      const reached = this.union(sets, mark, a, scratch, this.implicitMark);
      if (size + reached.length > own.length) {
        const bigger = new Int32Array(Math.max(own.length * 2, size + reached.length));
        bigger.set(own.subarray(0, size));
        own = bigger;
      }
      own.set(reached, size);
      size += reached.length;
      this.ownStart[a + 1] = size;
    }
    this.own = own.slice(0, size);
  }

  targetIndexOf(node: number): number {
    return this.targetOf[node];
  }

  /** Targets an account reaches beyond the implicit ones (which every account reaches: `implicitTargets`). */
  ownTargetsOfAccount(account: number): Int32Array {
    return this.own.subarray(this.ownStart[account], this.ownStart[account + 1]);
  }

  /** Whether a principal (account or not) reaches a target, itself included. */
  reaches(node: number, target: number): boolean {
    if (target < 0) return false;
    if (node < this.graph.accountCount) return this.implicitMark[target] === 1 || contains(this.ownTargetsOfAccount(node), target);
    return contains(this.upOf(node), target);
  }

  /** Targets a non-account principal reaches, itself included (sorted target indexes). */
  upOf(node: number): Int32Array {
    return this.up[this.componentOf[node - this.graph.accountCount]];
  }

  /** Accounts that reach a target; every account when it comes through the implicit groups. */
  holdersOf(target: number): Int32Array | 'all' {
    if (this.implicitMark[target]) return 'all';
    if (!this.holdersStart) this.invert();
    return this.holderList!.subarray(this.holdersStart![target], this.holdersStart![target + 1]);
  }

  private invert(): void {
    const start = new Int32Array(this.targets.length + 1);
    for (const t of this.own) start[t + 1]++;
    for (let t = 0; t < this.targets.length; t++) start[t + 1] += start[t];
    const list = new Int32Array(this.own.length);
    const fill = start.slice(0, this.targets.length);
    for (let a = 0; a < this.graph.accountCount; a++) {
      for (let i = this.ownStart[a]; i < this.ownStart[a + 1]; i++) list[fill[this.own[i]]++] = a;
    }
    this.holdersStart = start;
    this.holderList = list;
  }

  /** Components come parents first, so each one's set is its own targets plus its parents' finished sets. */
  private closeComponents(componentOf: Int32Array, components: number): Int32Array[] {
    const { graph } = this;
    const offset = graph.accountCount;
    const start = new Int32Array(components + 1);
    for (let i = 0; i < componentOf.length; i++) start[componentOf[i] + 1]++;
    for (let c = 0; c < components; c++) start[c + 1] += start[c];
    const nodes = new Int32Array(componentOf.length);
    const fill = start.slice(0, components);
    for (let i = 0; i < componentOf.length; i++) nodes[fill[componentOf[i]]++] = i + offset;

    const up: Int32Array[] = new Array(components);
    const mark = new Int32Array(this.targets.length).fill(-1);
    const scratch: number[] = [];
    const sets: Int32Array[] = [];
    for (let c = 0; c < components; c++) {
      sets.length = 0;
      const own: number[] = [];
      for (let i = start[c]; i < start[c + 1]; i++) {
        const node = nodes[i];
        if (this.targetOf[node] >= 0) own.push(this.targetOf[node]);
        for (let e = graph.parentStart[node]; e < graph.parentStart[node + 1]; e++) {
          const parent = componentOf[graph.parentList[e] - offset];
          if (parent !== c) sets.push(up[parent]);
        }
      }
      // A component with no target of its own under a single parent component shares that parent's set.
      if (!own.length && sets.length && sets.every((s) => s === sets[0])) up[c] = sets[0];
      else {
        if (own.length) sets.push(Int32Array.from(own));
        up[c] = this.union(sets, mark, c, scratch, null);
      }
    }
    return up;
  }

  private union(sets: Int32Array[], mark: Int32Array, stamp: number, scratch: number[], exclude: Uint8Array | null): Int32Array {
    if (!sets.length) return EMPTY;
    if (sets.length === 1 && !exclude) return sets[0];
    scratch.length = 0;
    for (const set of sets) {
      for (const t of set) {
        if (mark[t] === stamp || (exclude && exclude[t])) continue;
        mark[t] = stamp;
        scratch.push(t);
      }
    }
    if (!scratch.length) return EMPTY;
    return Int32Array.from(scratch).sort();
  }
}

function contains(sorted: Int32Array, value: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid];
    if (v === value) return true;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * Tarjan's algorithm, iterative (nesting can be thousands deep), over the non-account nodes and their parent
 * links. Components are numbered in the order Tarjan completes them: a component's parents always come first.
 */
function stronglyConnectedComponents(graph: MembershipGraph): { componentOf: Int32Array; components: number } {
  const offset = graph.accountCount;
  const n = graph.nodeCount - offset;
  const { parentStart, parentList } = graph;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  const componentOf = new Int32Array(n);
  let sp = 0;
  let csp = 0;
  let counter = 0;
  let components = 0;
  const enter = (v: number) => {
    index[v] = low[v] = counter++;
    stack[sp++] = v;
    onStack[v] = 1;
    callNode[csp] = v;
    callEdge[csp++] = parentStart[v + offset];
  };
  for (let s = 0; s < n; s++) {
    if (index[s] !== -1) continue;
    enter(s);
    while (csp > 0) {
      const v = callNode[csp - 1];
      const e = callEdge[csp - 1];
      if (e < parentStart[v + offset + 1]) {
        callEdge[csp - 1] = e + 1;
        const w = parentList[e] - offset;
        if (index[w] === -1) enter(w);
        else if (onStack[w] && index[w] < low[v]) low[v] = index[w];
        continue;
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack[--sp];
          onStack[w] = 0;
          componentOf[w] = components;
        } while (w !== v);
        components++;
      }
      csp--;
      if (csp > 0) {
        const u = callNode[csp - 1];
        if (low[v] < low[u]) low[u] = low[v];
      }
    }
  }
  return { componentOf, components };
}
