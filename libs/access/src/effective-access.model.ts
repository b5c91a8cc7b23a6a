/** A resource as effective access needs it: which groups grant which level. */
export interface GrantingResource {
  id: string;
  /** access level -> group references (a name: sAMAccountName or cn; or a full DN). */
  grants: Partial<Record<string, string[]>>;
}

export type MembershipHow = 'direct' | 'nested' | 'primary group';

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
  groupDnNorm: string;
  groupName: string;
  path: PathStep[];
}

/** The readable explanation of an entitlement, as in the findings contract. */
export function explainEntitlement(e: EffectiveEntitlement): string[] {
  return [...e.path.map((s) => `${s.member} ∈ ${s.group} (${s.how})`), `${e.groupName} grants ${e.level} on ${e.resourceId}`];
}
