import { rdnValue } from '#vigie/directory';
import type { AccountRecord, DirectorySnapshot, GroupRecord } from '#vigie/identity';
import type { MembershipHow, PathStep, Principal } from './effective-access.model.js';
import { type GroupReferenceForm, type GroupReferenceResolution, readGroupReference, unknownReason } from './group-reference.js';
import { WellKnownSid, isEveryoneLikeSid, isImplicitSid, isSid, sidOfForeignDn, wellKnownName } from './well-known-principals.js';

/** A principal as the graph holds it: with its node, which never leaves libs/access (callers hold the principal). */
export interface PrincipalNode extends Principal {
  readonly node: number;
}

export interface MembershipGraphOptions {
  /** Groups every account is in without being listed (the policy's `everyoneGroups`): names, DNs or SIDs. */
  everyoneGroups?: readonly string[];
}

/** A resolution whose principals carry their nodes. */
export interface NodeResolution extends GroupReferenceResolution {
  principals: readonly PrincipalNode[];
}

/** A principal an account reaches, with the shortest chain to it. */
export interface ReachedNode {
  principal: PrincipalNode;
  path: PathStep[];
}

const HOW: readonly MembershipHow[] = ['direct', 'nested', 'primary group', 'implicit'];
const [DIRECT, NESTED, PRIMARY, IMPLICIT] = [0, 1, 2, 3];

/**
 * The membership graph of one directory snapshot, on dense integer ids: accounts first (0..accountCount-1), then
 * groups, then the other principals. Edges go from a member to the groups it is in (compressed sparse rows), from
 * `member`/`uniqueMember`/`memberUid`; AD's primary group and the implicit groups every account is in are kept
 * aside, so that an explanation can say how each link holds.
 */
export class MembershipGraph {
  readonly accountCount: number;
  readonly groupCount: number;
  readonly nodeCount: number;
  /** parents of node n: parentList[parentStart[n] .. parentStart[n+1]). */
  readonly parentStart: Int32Array;
  readonly parentList: Int32Array;
  /** Primary group node of each account, -1 when it has none we know. */
  readonly primary: Int32Array;
  /** Nodes every account is implicitly in: Everyone, Authenticated Users, the policy's everyone groups. */
  readonly implicit: Int32Array;
  private readonly implicitSet: Set<number>;
  private readonly everyoneGroupNodes = new Set<number>();
  /** everyoneGroups references that match nothing. */
  readonly unresolvedEveryoneRefs: string[] = [];

  private readonly principals: PrincipalNode[] = [];
  private readonly byKey = new Map<string, number>();
  /** The node of each SID; nodes sharing a SID beyond the first (rare) in moreBySid: no array per account. */
  private readonly bySid = new Map<string, number>();
  private readonly moreBySid = new Map<string, number[]>();
  /** primaryNodeOf's last answer: the accounts of a domain share a handful of primary groups. */
  private lastPrimary = { domainSid: '', rid: -1, node: undefined as number | undefined };
  private readonly groupsByName = new Map<string, number[]>();
  // BFS scratch, reused: one explanation touches the account's ancestors only.
  private readonly seen: Uint32Array;
  private readonly prev: Int32Array;
  private readonly how: Uint8Array;
  private readonly queue: Int32Array;
  private generation = 0;
  /** Last account looked up: rules walk the accounts in snapshot order, so the next one is usually the next node. */
  private cursor = 0;
  private childStart?: Int32Array;
  private childList?: Int32Array;
  private primaryMembers?: Map<number, number[]>;

  constructor(
    readonly snapshot: DirectorySnapshot,
    options: MembershipGraphOptions = {},
  ) {
    for (const account of snapshot.accounts) {
      this.add({ kind: 'account', name: account.login ?? safeRdn(account.dn), key: account.dnNorm, dn: account.dn, sid: account.objectSid, account });
    }
    this.accountCount = this.principals.length;
    for (const group of snapshot.groups) {
      const node = this.add({ kind: 'group', name: group.name, key: group.dnNorm, dn: group.dn, sid: group.objectSid, group });
      for (const name of new Set([group.name.toLowerCase(), safeRdn(group.dn).toLowerCase()])) push(this.groupsByName, name, node);
    }
    this.groupCount = this.principals.length - this.accountCount;

    const members: number[] = [];
    const groups: number[] = [];
    for (const m of snapshot.memberships) {
      const group = this.byKey.get(m.groupDnNorm);
      if (group === undefined || this.principals[group].kind !== 'group') continue;
      let member = this.byKey.get(m.memberDnNorm);
      if (member === undefined) {
        const sid = sidOfForeignDn(m.memberDnNorm) ?? null;
        member = this.add({
          kind: 'foreign',
          name: (sid && wellKnownName(sid)) ?? sid ?? safeRdn(m.memberDnNorm),
          key: m.memberDnNorm,
          dn: m.memberDnNorm,
          sid,
        });
      }
      if (member === group) continue;
      members.push(member);
      groups.push(group);
    }
    // The two principals every logon token carries, even when no directory object stands for them.
    for (const sid of [WellKnownSid.EVERYONE, WellKnownSid.AUTHENTICATED_USERS]) {
      if (!this.bySid.has(sid)) this.add({ kind: 'well-known', name: wellKnownName(sid)!, key: sid, dn: null, sid });
    }
    this.nodeCount = this.principals.length;

    this.parentStart = new Int32Array(this.nodeCount + 1);
    for (const member of members) this.parentStart[member + 1]++;
    for (let n = 0; n < this.nodeCount; n++) this.parentStart[n + 1] += this.parentStart[n];
    this.parentList = new Int32Array(members.length);
    const fill = this.parentStart.slice(0, this.nodeCount);
    for (let i = 0; i < members.length; i++) this.parentList[fill[members[i]]++] = groups[i];

    this.primary = new Int32Array(this.accountCount).fill(-1);
    snapshot.accounts.forEach((account, i) => {
      const node = this.primaryNodeOf(account);
      if (node !== undefined) this.primary[i] = node;
    });

    const implicit = new Set<number>();
    for (const p of this.principals) if (p.kind !== 'account' && isImplicitSid(p.sid)) implicit.add(p.node);
    for (const ref of options.everyoneGroups ?? []) {
      const nodes = this.resolve(ref);
      if (!nodes.length) this.unresolvedEveryoneRefs.push(ref);
      for (const p of nodes) {
        implicit.add(p.node);
        this.everyoneGroupNodes.add(p.node);
      }
    }
    this.implicit = Int32Array.from(implicit);
    this.implicitSet = implicit;

    this.seen = new Uint32Array(this.nodeCount);
    this.prev = new Int32Array(this.nodeCount);
    this.how = new Uint8Array(this.nodeCount);
    this.queue = new Int32Array(this.nodeCount);
  }

  get groups(): GroupRecord[] {
    return this.snapshot.groups;
  }

  get directory(): string {
    return this.snapshot.directory;
  }

  principal(node: number): PrincipalNode {
    return this.principals[node];
  }

  /** The node of a principal this graph handed out; a principal of another snapshot is a bug of the caller. */
  nodeOfPrincipal(p: Principal): number {
    const node = (p as Partial<PrincipalNode>).node;
    if (node === undefined || this.principals[node] !== p) throw new Error(`${p.name} is no principal of the snapshot of ${this.snapshot.directory}`);
    return node;
  }

  /** The node of an account of this snapshot (by normalized DN). */
  nodeOf(account: AccountRecord): number {
    const accounts = this.snapshot.accounts;
    if (accounts[this.cursor] === account) return this.cursor;
    if (accounts[this.cursor + 1] === account) return ++this.cursor;
    const node = this.byKey.get(account.dnNorm);
    if (node !== undefined && node < this.accountCount && accounts[node] === account) this.cursor = node;
    if (node === undefined || node >= this.accountCount) throw new Error(`account ${account.dn} is not in the snapshot of ${this.snapshot.directory}`);
    return node;
  }

  nodeByKey(key: string): number | undefined {
    return this.byKey.get(key);
  }

  /**
   * The one reading of a policy's group reference in this directory (see group-reference.ts): a SID or the name of a
   * well-known principal, a DN, or a group name (sAMAccountName or CN), compared case-insensitively; whether it
   * stands for everybody; and why it matches nothing. The audit, `vigie policy validate` and `simulate`, and the API
   * all answer with it. `where` names the directory in reasons.
   */
  resolveReference(ref: string, where = `directory ${this.snapshot.directory}`): NodeResolution {
    const form = readGroupReference(ref);
    if (form.kind === 'invalid') return { ref, status: 'unknown', principals: [], unknown: 'invalid-dn', reason: unknownReason('invalid-dn', ref, where) };
    const found = this.lookUp(form);
    const principals = found.filter((p) => p.kind !== 'account');
    if (!principals.length) {
      const why = found.length ? 'account' : form.kind === 'sid' && wellKnownName(form.sid) ? 'no-object' : 'not-found';
      return { ref, status: 'unknown', principals: [], unknown: why, reason: unknownReason(why, ref, where) };
    }
    const open = principals.find((p) => this.isEveryoneLike(p.node));
    if (!open) return { ref, status: 'group', principals };
    return { ref, status: 'everyone-like', principals, reason: this.whyEveryoneLike(open) };
  }

  /** The principals a reference designates (see resolveReference), never accounts. */
  resolve(ref: string): PrincipalNode[] {
    return this.lookUp(readGroupReference(ref)).filter((p) => p.kind !== 'account');
  }

  /** The directory groups a reference names (see resolveReference), without the principals that are no group object. */
  resolveGroup(ref: string): GroupRecord[] {
    return this.resolve(ref).flatMap((p) => (p.group ? [p.group] : []));
  }

  /**
   * Whether a principal stands for every account: one every account is implicitly in (Everyone, Authenticated Users,
   * the policy's everyone groups), or one whose well-known SID or RID says so (rule catalogue, "Everyone-like").
   */
  isEveryoneLike(node: number): boolean {
    return node >= this.accountCount && (this.implicitSet.has(node) || isEveryoneLikeSid(this.principals[node].sid));
  }

  private whyEveryoneLike(p: PrincipalNode): string {
    if (this.everyoneGroupNodes.has(p.node)) return `${p.name} is one of the policy's everyoneGroups: every account is in it`;
    if (isImplicitSid(p.sid)) return `${p.name} (${p.sid}) is in the logon token of every account`;
    return `${p.name} (${p.sid}) stands for every account or computer of the domain`;
  }

  private lookUp(form: GroupReferenceForm): PrincipalNode[] {
    switch (form.kind) {
      case 'sid':
        return this.nodesWithSid(form.sid).map((n) => this.principals[n]);
      case 'dn': {
        const node = this.byKey.get(form.dnNorm);
        return node === undefined ? [] : [this.principals[node]];
      }
      case 'name':
        return (this.groupsByName.get(form.name) ?? []).map((n) => this.principals[n]);
      case 'invalid':
        return [];
    }
  }

  /** The primary group of an AD account: its own SID with the RID replaced by primaryGroupID. */
  primaryGroupOf(account: AccountRecord): GroupRecord | undefined {
    const node = this.primaryNodeOf(account);
    return node === undefined ? undefined : this.principals[node].group;
  }

  /** Every group and principal the account effectively belongs to, each with a shortest path. */
  groupsOf(account: AccountRecord): ReachedNode[] {
    const start = this.nodeOf(account);
    const visited = this.search(start, -1);
    return visited.map((node) => ({ principal: this.principals[node], path: this.steps(start, node) }));
  }

  /** The groups an account (or group) is listed in, from `member` only: what removing it from them means. */
  directGroupsOf(account: AccountRecord): GroupRecord[] {
    const node = this.nodeOf(account);
    const out: GroupRecord[] = [];
    for (let e = this.parentStart[node]; e < this.parentStart[node + 1]; e++) {
      const group = this.principals[this.parentList[e]].group;
      if (group) out.push(group);
    }
    return out;
  }

  /** The direct members of a group (accounts, groups and other principals), from `member` only. */
  membersOf(node: number): PrincipalNode[] {
    if (!this.childStart) {
      const start = new Int32Array(this.nodeCount + 1);
      for (const parent of this.parentList) start[parent + 1]++;
      for (let n = 0; n < this.nodeCount; n++) start[n + 1] += start[n];
      const list = new Int32Array(this.parentList.length);
      const fill = start.slice(0, this.nodeCount);
      for (let member = 0; member < this.nodeCount; member++) {
        for (let e = this.parentStart[member]; e < this.parentStart[member + 1]; e++) list[fill[this.parentList[e]]++] = member;
      }
      this.childStart = start;
      this.childList = list;
    }
    return Array.from(this.childList!.subarray(this.childStart[node], this.childStart[node + 1]), (n) => this.principals[n]);
  }

  /** Whether `member` is listed in `group` (a `member` link, not nesting or primary group). */
  hasLink(member: number, group: number): boolean {
    for (let e = this.parentStart[member]; e < this.parentStart[member + 1]; e++) if (this.parentList[e] === group) return true;
    return false;
  }

  /**
   * The accounts inside a principal: itself for an account; for a group, its members through `member` nesting of
   * any depth and the accounts whose primary group is one of those groups; every account for an implicit group.
   */
  accountsUnder(node: number): number[] {
    if (node < this.accountCount) return [node];
    if (this.implicit.includes(node)) return Array.from({ length: this.accountCount }, (_, i) => i);
    this.membersOf(node); // builds the child links
    const byPrimary = (this.primaryMembers ??= this.indexPrimaryMembers());
    const gen = ++this.generation;
    const { seen, queue } = this;
    const out: number[] = [];
    seen[node] = gen;
    queue[0] = node;
    for (let head = 0, tail = 1; head < tail; head++) {
      const n = queue[head];
      if (n < this.accountCount) {
        out.push(n);
        continue;
      }
      const children = [...this.childList!.subarray(this.childStart![n], this.childStart![n + 1]), ...(byPrimary.get(n) ?? [])];
      for (const c of children) {
        if (seen[c] !== gen) {
          seen[c] = gen;
          queue[tail++] = c;
        }
      }
    }
    return out;
  }

  /**
   * Whether `from` reaches `to` when the links `skip` names are left out (a primary group link is asked with the
   * account as member and `primary` true): whether a membership held before those links appeared.
   */
  reachesWithout(from: number, to: number, skip: (member: number, group: number, primary: boolean) => boolean): boolean {
    if (from === to) return true;
    const gen = ++this.generation;
    const { seen, queue } = this;
    let tail = 0;
    const visit = (node: number): boolean => {
      if (seen[node] === gen) return false;
      seen[node] = gen;
      queue[tail++] = node;
      return node === to;
    };
    seen[from] = gen;
    if (from < this.accountCount) {
      if (this.primary[from] >= 0 && !skip(from, this.primary[from], true) && visit(this.primary[from])) return true;
      for (const node of this.implicit) if (visit(node)) return true;
    }
    const walk = (node: number): boolean => {
      for (let e = this.parentStart[node]; e < this.parentStart[node + 1]; e++) {
        if (!skip(node, this.parentList[e], false) && visit(this.parentList[e])) return true;
      }
      return false;
    };
    if (walk(from)) return true;
    for (let head = 0; head < tail; head++) if (walk(queue[head])) return true;
    return false;
  }

  private indexPrimaryMembers(): Map<number, number[]> {
    const out = new Map<number, number[]>();
    for (let a = 0; a < this.accountCount; a++) if (this.primary[a] >= 0) push(out, this.primary[a], a);
    return out;
  }

  /** The shortest chain from a principal (an account, or a group for "who is in it") to a group; null if it does not reach it. */
  pathBetween(from: number, to: number): PathStep[] | null {
    if (from === to) return [];
    this.search(from, to);
    return this.seen[to] === this.generation ? this.steps(from, to) : null;
  }

  pathTo(account: AccountRecord, groupKey: string): PathStep[] | null {
    const to = this.byKey.get(groupKey);
    return to === undefined ? null : this.pathBetween(this.nodeOf(account), to);
  }

  /** Breadth first from `start` over parent links (plus primary and implicit groups for an account), stopping at `stop`. */
  private search(start: number, stop: number): number[] {
    const gen = ++this.generation;
    const { seen, prev, how, queue } = this;
    seen[start] = gen;
    let tail = 0;
    const visit = (node: number, from: number, kind: number): boolean => {
      if (seen[node] === gen) return false;
      seen[node] = gen;
      prev[node] = from;
      how[node] = kind;
      queue[tail++] = node;
      return node === stop;
    };
    const isAccount = start < this.accountCount;
    for (let e = this.parentStart[start]; e < this.parentStart[start + 1]; e++) if (visit(this.parentList[e], start, isAccount ? DIRECT : NESTED)) return [];
    if (isAccount) {
      if (this.primary[start] >= 0 && visit(this.primary[start], start, PRIMARY)) return [];
      for (const node of this.implicit) if (visit(node, start, IMPLICIT)) return [];
    }
    for (let head = 0; head < tail; head++) {
      const node = queue[head];
      for (let e = this.parentStart[node]; e < this.parentStart[node + 1]; e++) if (visit(this.parentList[e], node, NESTED)) return [];
    }
    return Array.from(queue.subarray(0, tail));
  }

  private steps(start: number, to: number): PathStep[] {
    const steps: PathStep[] = [];
    for (let node = to; node !== start; node = this.prev[node]) {
      steps.push({ member: this.principals[this.prev[node]].name, group: this.principals[node].name, how: HOW[this.how[node]] });
    }
    return steps.reverse();
  }

  private primaryNodeOf(account: AccountRecord): number | undefined {
    const sid = account.objectSid;
    if (!sid || account.primaryGroupId === null) return undefined;
    const cut = sid.lastIndexOf('-');
    const last = this.lastPrimary;
    // The same domain and primary group as the account before: no string built, no lookup.
    if (last.rid === account.primaryGroupId && cut === last.domainSid.length && sid.startsWith(last.domainSid)) return last.node;
    const domainSid = sid.slice(0, cut);
    const node = this.nodesWithSid(`${domainSid}-${account.primaryGroupId}`.toUpperCase()).find((n) => this.principals[n].kind === 'group');
    this.lastPrimary = { domainSid, rid: account.primaryGroupId, node };
    return node;
  }

  private nodesWithSid(sid: string): number[] {
    const first = this.bySid.get(sid);
    if (first === undefined) return [];
    const more = this.moreBySid.get(sid);
    return more ? [first, ...more] : [first];
  }

  /** `p`, a literal each caller builds for this call, becomes the principal node itself (no copy per account). */
  private add(p: Principal): number {
    const node = this.principals.length;
    // A SID is S-1-… in digits and hyphens: only its first letter can be in lower case.
    const sid = p.sid && isSid(p.sid) ? (p.sid.charCodeAt(0) === 0x73 ? `S${p.sid.slice(1)}` : p.sid) : null;
    const principal = p as { -readonly [K in keyof PrincipalNode]: PrincipalNode[K] };
    principal.sid = sid;
    principal.node = node;
    this.principals.push(principal);
    if (!this.byKey.has(p.key)) this.byKey.set(p.key, node);
    if (sid) {
      if (!this.bySid.has(sid)) this.bySid.set(sid, node);
      else push(this.moreBySid, sid, node);
    }
    return node;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function safeRdn(dn: string): string {
  try {
    return rdnValue(dn);
  } catch {
    return dn;
  }
}
