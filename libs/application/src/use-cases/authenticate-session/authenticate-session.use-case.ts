import type * as z from 'zod';
import type { BreakGlassAccount, DirectoryLogin, RoleMapping, Staff, StaffSessionService } from '#vigie/access-control';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { authenticateSessionInput } from './authenticate-session.input.js';

/**
 * Who a session cookie stands for, at this request: null when the session is unknown, ended, idle or past its absolute
 * end. When its roles are due (auth.session.roleRefreshSeconds, 0 by default: every request), the person's account and
 * groups are read again from the directory: a person removed from the directory, or from every mapped group, loses
 * access now, and their session ends. A directory that cannot be reached then refuses the request (unavailable)
 * rather than trust roles it cannot check. OIDC sessions keep the roles of the provider's claims at sign-in (the
 * provider cannot be asked again without the person), within the session's timeouts.
 */
export class AuthenticateSession implements UseCase<typeof authenticateSessionInput, Staff | null> {
  static readonly definition: UseCaseDefinition<typeof authenticateSessionInput> = { name: 'authenticate-session', input: authenticateSessionInput };
  readonly definition = AuthenticateSession.definition;

  constructor(
    private readonly sessions: StaffSessionService,
    private readonly directoryLogin: () => Promise<DirectoryLogin>,
    private readonly breakGlass: () => Promise<BreakGlassAccount>,
    private readonly mapping: () => Promise<RoleMapping>,
  ) {}

  async execute(input: z.output<typeof authenticateSessionInput>): Promise<Staff | null> {
    const checked = await this.sessions.check(input.token);
    if (checked.state === 'ended') return null;
    let session = checked.session;
    if (checked.rolesDue && session.method === 'directory' && session.person) {
      const account = await (await this.directoryLogin()).reread(session.person.directory, session.person.dn);
      if (!account) {
        await this.sessions.end(session, 'account-gone');
        return null;
      }
      const { rolesFrom } = await import('#vigie/access-control');
      const refreshed = await this.sessions.refreshRoles(session, rolesFrom(await this.mapping(), { groups: account.groups }), account.displayName);
      if (!refreshed) return null;
      session = refreshed;
    } else if (session.method === 'break-glass' && !(await this.breakGlass()).enabled) {
      // Turning the break-glass account off ends its sessions at their next request.
      await this.sessions.end(session, 'method-disabled');
      return null;
    } else {
      await this.sessions.touch(session);
    }
    const { staffOfSession } = await import('#vigie/access-control');
    return staffOfSession(session);
  }
}
