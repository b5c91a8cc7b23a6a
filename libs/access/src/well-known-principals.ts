/**
 * Well-known security principals (MS-DTYP 2.4.2.4) that effective access must know by SID: names change with the
 * language of the domain ("Tout le monde", "Utilisateurs du domaine"), SIDs do not.
 */
export const WellKnownSid = {
  EVERYONE: 'S-1-1-0',
  ANONYMOUS: 'S-1-5-7',
  AUTHENTICATED_USERS: 'S-1-5-11',
  BUILTIN_USERS: 'S-1-5-32-545',
} as const;

export const DomainRid = {
  DOMAIN_USERS: 513,
  DOMAIN_COMPUTERS: 515,
  PROTECTED_USERS: 525,
} as const;

/** Principals every account holds in its logon token without any `member` value saying so. */
const IMPLICIT_SIDS = new Set<string>([WellKnownSid.EVERYONE, WellKnownSid.AUTHENTICATED_USERS]);

/** Principals that stand for "anybody" when a resource is granted to them (rule catalogue, "Everyone-like"). */
const EVERYONE_LIKE_SIDS = new Set<string>([WellKnownSid.EVERYONE, WellKnownSid.ANONYMOUS, WellKnownSid.AUTHENTICATED_USERS, WellKnownSid.BUILTIN_USERS]);
const EVERYONE_LIKE_RIDS = new Set<number>([DomainRid.DOMAIN_USERS, DomainRid.DOMAIN_COMPUTERS]);

/** English and French names a policy may use for the principals that have no directory object. */
const NAMES: Record<string, string> = {
  everyone: WellKnownSid.EVERYONE,
  'tout le monde': WellKnownSid.EVERYONE,
  'authenticated users': WellKnownSid.AUTHENTICATED_USERS,
  'utilisateurs authentifiés': WellKnownSid.AUTHENTICATED_USERS,
  'anonymous logon': WellKnownSid.ANONYMOUS,
  'ouverture de session anonyme': WellKnownSid.ANONYMOUS,
};

const DISPLAY: Record<string, string> = {
  [WellKnownSid.EVERYONE]: 'Everyone',
  [WellKnownSid.ANONYMOUS]: 'Anonymous Logon',
  [WellKnownSid.AUTHENTICATED_USERS]: 'Authenticated Users',
  [WellKnownSid.BUILTIN_USERS]: 'Users',
};

const SID = /^S-1-\d+(-\d+)+$/i;

export function isSid(text: string): boolean {
  return SID.test(text);
}

/** The RID of a domain SID (S-1-5-21-…-RID), or null for a SID outside a domain. */
export function domainRidOf(sid: string | null | undefined): number | null {
  // Without upper-casing a copy: rules ask it of every account.
  if (!sid || !DOMAIN_SID_PREFIX.test(sid)) return null;
  const rid = Number(sid.slice(sid.lastIndexOf('-') + 1));
  return Number.isInteger(rid) ? rid : null;
}

const DOMAIN_SID_PREFIX = /^S-1-5-21-/i;

export function isImplicitSid(sid: string | null | undefined): boolean {
  return !!sid && IMPLICIT_SIDS.has(sid.toUpperCase());
}

export function isEveryoneLikeSid(sid: string | null | undefined): boolean {
  if (!sid) return false;
  const upper = sid.toUpperCase();
  if (EVERYONE_LIKE_SIDS.has(upper)) return true;
  const rid = domainRidOf(upper);
  return rid !== null && EVERYONE_LIKE_RIDS.has(rid);
}

/** The SID a policy names with a well-known principal's name or SID, if it is one. */
export function wellKnownSidOf(ref: string): string | undefined {
  const trimmed = ref.trim();
  if (isSid(trimmed)) return trimmed.toUpperCase();
  return NAMES[trimmed.toLowerCase()];
}

export function wellKnownName(sid: string): string | undefined {
  return DISPLAY[sid.toUpperCase()];
}

/**
 * The SID a foreign security principal's DN carries (CN=S-1-5-11,CN=ForeignSecurityPrincipals,DC=…): AD stores
 * members from outside the domain, well-known ones included, as such objects.
 */
export function sidOfForeignDn(dnNorm: string): string | undefined {
  const match = /^cn=(s-1-\d+(?:-\d+)+),/.exec(dnNorm);
  return match ? match[1].toUpperCase() : undefined;
}
