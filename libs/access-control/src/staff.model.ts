import type { StaffRole } from './staff-role.js';

/** How a member of staff proved who they are. */
export type SignInMethod = 'token' | 'directory' | 'oidc' | 'break-glass';

/** The person behind a web session, as the directory knows them: what conditions on their own records compare with. */
export interface StaffPerson {
  /** The configured directory the person signed in against (or that the OIDC claims were matched in). */
  directory: string;
  dn: string;
  login?: string;
}

/**
 * Who is calling, once authenticated: an API token (automation) or a person with a web session. Not a directory
 * "principal" (see the glossary): a member of Vigie's staff, by role.
 */
export interface Staff {
  /** `token`: an API token; `person`: a person signed in through the directory, OIDC or the break-glass account. */
  type: 'token' | 'person';
  /** The token's id; for a person, a stable key of who they are (`directory:corp-ad:<dn>`, `oidc:<issuer>#<sub>`, `break-glass:<login>`). */
  id: string;
  /** The token's name, or the person's display name (personal data: the trail keeps it in its erasable part). */
  name: string;
  roles: readonly StaffRole[];
  method: SignInMethod;
  /** The web session's id, for a person. */
  sessionId?: string;
  person?: StaffPerson;
}
