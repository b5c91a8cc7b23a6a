import type { UnitOfWork } from '#vigie/common';
import type { TrailWriter } from '#vigie/trail';
import type { Staff, StaffPerson } from '../staff.model.js';
import type { StaffRole } from '../staff-role.js';
import type { StaffSessionStore } from '../ports/staff-session.store.js';
import { csrfTokenOf, digestOf, newSecret } from './session-secrets.js';
import type { SessionEndReason, StaffSession } from './staff-session.model.js';

/** What opening or ending a session writes: the session's row and its trail entry, in one transaction. */
export interface StaffSessionTransaction {
  sessions: StaffSessionStore;
  trail: TrailWriter;
}

export interface SessionTimeouts {
  idleMs: number;
  absoluteMs: number;
  /** How old the roles may be before the next request reads them again; 0: at every request. */
  roleRefreshMs: number;
}

/** Who signs in, as a sign-in method established it. */
export interface SigningIn {
  subject: string;
  method: StaffSession['method'];
  displayName: string;
  roles: StaffRole[];
  person: StaffPerson | null;
}

/** What the browser gets once: the cookie's value and the CSRF token (neither is stored). */
export interface OpenedSession {
  token: string;
  csrfToken: string;
  session: StaffSession;
}

/** The state of a session at a request. */
export type SessionCheck =
  { state: 'open'; session: StaffSession; rolesDue: boolean } | { state: 'ended'; session: StaffSession | null; reason: SessionEndReason | 'unknown' };

/** The trail's actor for a person: their login (pseudonymised in the chain), or their key when they have none. */
export function trailActorOfPerson(who: { subject: string; person: StaffPerson | null }): { type: 'person'; id: string } {
  return { type: 'person', id: who.person?.login ?? who.subject };
}

/**
 * Web sessions of people: opened at sign-in with a random cookie and CSRF token (only their digests stored), ended by
 * sign-out, by the idle or absolute timeout, or when the person loses their account or every role.
 */
export class StaffSessionService {
  constructor(
    private readonly store: StaffSessionStore,
    private readonly uow: UnitOfWork<StaffSessionTransaction>,
    private readonly timeouts: SessionTimeouts,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async open(who: SigningIn): Promise<OpenedSession> {
    const token = newSecret();
    const at = this.now();
    const session = await this.uow.run(async ({ sessions, trail }) => {
      const inserted = await sessions.insert({
        tokenHash: digestOf(token),
        subject: who.subject,
        method: who.method,
        displayName: who.displayName,
        roles: who.roles,
        person: who.person,
        createdAt: at,
        lastSeenAt: at,
        expiresAt: new Date(at.getTime() + this.timeouts.absoluteMs),
        rolesCheckedAt: at,
      });
      await trail.record({
        action: 'auth.signed-in',
        actor: trailActorOfPerson(who),
        target: { type: 'session', id: inserted.id },
        after: { method: who.method, roles: who.roles, expiresAt: inserted.expiresAt },
        personal: { name: who.displayName, ...(who.person ? { directory: who.person.directory, dn: who.person.dn } : {}) },
      });
      return inserted;
    });
    return { token, csrfToken: csrfTokenOf(token), session };
  }

  /** The session of a cookie, and whether it is still open; an open one past a timeout is ended on the way. */
  async check(token: string): Promise<SessionCheck> {
    if (!token || token.length > 200) return { state: 'ended', session: null, reason: 'unknown' };
    const session = await this.store.findByTokenHash(digestOf(token));
    if (!session) return { state: 'ended', session: null, reason: 'unknown' };
    if (session.endedAt) return { state: 'ended', session, reason: session.endReason ?? 'unknown' };
    const now = this.now();
    const timedOut: SessionEndReason | null =
      now >= session.expiresAt ? 'expired' : now.getTime() - session.lastSeenAt.getTime() >= this.timeouts.idleMs ? 'idle' : null;
    if (timedOut) {
      await this.end(session, timedOut);
      return { state: 'ended', session, reason: timedOut };
    }
    return { state: 'open', session, rolesDue: now.getTime() - session.rolesCheckedAt.getTime() >= this.timeouts.roleRefreshMs };
  }

  /** A request on an open session: it is used now (the idle timeout starts again). */
  async touch(session: StaffSession): Promise<void> {
    const now = this.now();
    // Written at most once a second per session: a page's burst of requests is one write.
    if (now.getTime() - session.lastSeenAt.getTime() >= 1000) await this.store.touch(session.id, now);
  }

  /** The roles read again (from the directory): kept, changed, or the session ended when none is left. */
  async refreshRoles(session: StaffSession, roles: StaffRole[], displayName: string): Promise<StaffSession | null> {
    if (!roles.length) {
      await this.end(session, 'no-role');
      return null;
    }
    const at = this.now();
    const changed = roles.join() !== session.roles.join();
    if (!changed) {
      // Read again at every request by default: the row is written at most once a second (as touch does), not each time.
      if (displayName !== session.displayName || at.getTime() - session.rolesCheckedAt.getTime() >= 1000) {
        await this.store.refreshRoles(session.id, roles, displayName, at);
      }
    } else {
      await this.uow.run(async ({ sessions, trail }) => {
        await sessions.refreshRoles(session.id, roles, displayName, at);
        await trail.record({
          action: 'auth.roles-changed',
          actor: trailActorOfPerson(session),
          target: { type: 'session', id: session.id },
          before: { roles: session.roles },
          after: { roles },
        });
      });
    }
    return { ...session, roles, displayName, rolesCheckedAt: at };
  }

  /**
   * Drops the rows of sessions that ended (or ran past their absolute end) more than a day ago: they open nothing, and
   * hold a name and a DN; the trail keeps the sign-in and its end. Answers how many.
   */
  purge(): Promise<number> {
    return this.store.purgeEndedBefore(new Date(this.now().getTime() - 86_400_000));
  }

  /** Ends a session (sign-out, a timeout, the account gone); the trail says why. False when it had already ended. */
  end(session: StaffSession, reason: SessionEndReason): Promise<boolean> {
    return this.uow.run(async ({ sessions, trail }) => {
      const ended = await sessions.end(session.id, reason, this.now());
      if (ended) {
        await trail.record({
          action: reason === 'signed-out' ? 'auth.signed-out' : 'auth.session-ended',
          actor: reason === 'signed-out' ? trailActorOfPerson(session) : { type: 'system', id: 'api' },
          target: { type: 'session', id: session.id },
          after: { reason },
        });
      }
      return ended;
    });
  }
}

/** The caller a session stands for. */
export function staffOfSession(session: StaffSession): Staff {
  return {
    type: 'person',
    id: session.subject,
    name: session.displayName,
    roles: session.roles,
    method: session.method,
    sessionId: session.id,
    ...(session.person ? { person: session.person } : {}),
  };
}
