/** A claim set as an ID token or a userinfo answer carries it: JSON values by name. */
export type Claims = Readonly<Record<string, unknown>>;

/**
 * The value at `path` in the claims: the claim of that exact name first (Auth0 and others name claims with URLs,
 * dots included), else the dotted path walked through nested objects (Keycloak's `realm_access.roles`,
 * `resource_access.vigie.roles`).
 */
export function claimAt(claims: Claims, path: string): unknown {
  if (Object.hasOwn(claims, path)) return claims[path];
  let value: unknown = claims;
  for (const step of path.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, step)) return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

/**
 * The values of the roles or groups claim: a string is one value, an array gives its strings. Anything else (numbers,
 * objects) maps to no role: a value the mapping cannot name must not grant anything.
 */
export function claimValues(claims: Claims, path: string): string[] {
  const value = claimAt(claims, path);
  const values = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  return [...new Set(values.filter((v) => v.length > 0))];
}

/**
 * Whether the provider left the claim out and pointed elsewhere for it: Entra ID's groups overage (`_claim_names`),
 * when a person is in more groups than fit in a token.
 */
export function claimLeftOut(claims: Claims, path: string): boolean {
  const names = claims._claim_names;
  return claimAt(claims, path) === undefined && names !== null && typeof names === 'object' && Object.hasOwn(names, path.split('.')[0]);
}
