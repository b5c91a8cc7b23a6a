import type { AccountRecord, GroupRecord } from '#vigie/identity';

/** A resource as effective access needs it: which groups grant which level. */
export interface GrantingResource {
  id: string;
  /** access level -> group references (a name: sAMAccountName or cn; a full DN; a SID; or Everyone, Authenticated Users). */
  grants: Partial<Record<string, string[]>>;
}

/**
 * How a member is in a group: `direct` (the account is in `member`), `nested` (a group or other principal in a
 * group), `primary group` (AD's primaryGroupID, never listed in `member`), `implicit` (every account is in
 * Everyone, Authenticated Users and the policy's everyone groups without any `member` value).
 */
export type MembershipHow = 'direct' | 'nested' | 'primary group' | 'implicit';

/** One link of a path: `member` ∈ `group`, and how. */
export interface PathStep {
  member: string;
  group: string;
  how: MembershipHow;
}

/** An entitlement an account effectively holds, with the chain that explains it. */
export interface EffectiveEntitlement {
  resourceId: string;
  level: string;
  /** Normalized DN of the granting group; the SID for a well-known principal that has no directory object. */
  groupDnNorm: string;
  groupName: string;
  /** Shortest chain from the account to the granting group; computed when first read. */
  readonly path: PathStep[];
}

/** The readable explanation of an entitlement, as in the findings contract. */
export function explainEntitlement(e: EffectiveEntitlement): string[] {
  return [...explainPath(e.path), `${e.groupName} grants ${e.level} on ${e.resourceId}`];
}

export function explainPath(path: readonly PathStep[]): string[] {
  return path.map((s) => `${s.member} ∈ ${s.group} (${s.how})`);
}

export type PrincipalKind = 'account' | 'group' | 'foreign' | 'well-known';

/**
 * Anything that can be a member or be granted: an account, a group, a member that is no object of the snapshot (a
 * foreign security principal, a member in another partition), or a well-known principal that has no directory
 * object at all. One object per principal of a snapshot: callers may compare them with `===` or key maps on them.
 */
export interface Principal {
  kind: PrincipalKind;
  name: string;
  /** Normalized DN; the SID for a well-known principal without a directory object. */
  key: string;
  dn: string | null;
  sid: string | null;
  account?: AccountRecord;
  group?: GroupRecord;
}

/** A group (or other principal) an account reaches, with the shortest chain to it. */
export interface ReachedPrincipal {
  principal: Principal;
  path: PathStep[];
}
