import type { NewStaffSession, SessionEndReason, StaffSession } from '../session/staff-session.model.js';

/** Web sessions (table staff_session). */
export abstract class StaffSessionStore {
  abstract insert(session: NewStaffSession): Promise<StaffSession>;
  /** The session whose cookie hashes to this, ended or not. */
  abstract findByTokenHash(tokenHash: string): Promise<StaffSession | null>;
  abstract touch(id: string, lastSeenAt: Date): Promise<void>;
  abstract refreshRoles(id: string, roles: StaffSession['roles'], displayName: string, checkedAt: Date): Promise<void>;
  /** Ends a session still open; false when it had already ended. */
  abstract end(id: string, reason: SessionEndReason, at: Date): Promise<boolean>;
  /** Removes the sessions ended, or past their absolute end, before `before`; answers how many. */
  abstract purgeEndedBefore(before: Date): Promise<number>;
}
