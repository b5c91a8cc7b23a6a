import type { SignInMethod, StaffPerson } from '../staff.model.js';
import type { StaffRole } from '../staff-role.js';

/** Why a web session ended. */
export type SessionEndReason = 'signed-out' | 'idle' | 'expired' | 'account-gone' | 'no-role' | 'method-disabled';

/** A person's web session, as stored: only a digest of its cookie is kept. */
export interface StaffSession {
  id: string;
  /** The person's stable key (Staff.id): `directory:<name>:<dn>`, `oidc:<issuer>#<sub>`, `break-glass:<login>`. */
  subject: string;
  method: Exclude<SignInMethod, 'token'>;
  displayName: string;
  roles: StaffRole[];
  person: StaffPerson | null;
  createdAt: Date;
  lastSeenAt: Date;
  /** The absolute end, set at sign-in. */
  expiresAt: Date;
  /** When the roles were last read from the directory (or the provider's claims, at sign-in). */
  rolesCheckedAt: Date;
  endedAt: Date | null;
  endReason: SessionEndReason | null;
}

/** What opening a session stores. */
export type NewStaffSession = Omit<StaffSession, 'id' | 'endedAt' | 'endReason'> & { tokenHash: string };
