import type { StaffPerson, StaffRole } from '#vigie/access-control';
import type { Vigie } from '#vigie/application';

/** The Cookie header of a web session, and its CSRF token for state-changing requests. */
export interface TestSession {
  cookie: string;
  csrf: string;
}

/**
 * A web session with these roles, opened directly through the session service (as a sign-in opens it), for tests of
 * what a role may do over HTTP. It is an OIDC-like session: its roles are not read again from a directory at each
 * request (the directory and OIDC sign-ins themselves are tested end to end in test/e2e/sign-in*.e2e-spec.ts).
 * `person` gives the directory identity that conditions on one's own records compare with.
 */
export async function signInAs(vigie: Vigie, roles: StaffRole[], person?: StaffPerson, name = `${roles.join('+') || 'nobody'} (test)`): Promise<TestSession> {
  const sessions = await vigie.dependencies.staffSessions();
  const opened = await sessions.open({
    subject: person ? `directory:${person.directory}:${person.dn.toLowerCase()}` : `oidc:https://idp.test#${name}`,
    method: 'oidc',
    displayName: name,
    roles,
    person: person ?? null,
  });
  const cookieName = vigie.config.auth.session.secureCookie ? '__Host-vigie_session' : 'vigie_session';
  return { cookie: `${cookieName}=${opened.token}`, csrf: opened.csrfToken };
}
