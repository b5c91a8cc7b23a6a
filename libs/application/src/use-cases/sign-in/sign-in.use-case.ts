import type * as z from 'zod';
import type { BreakGlassAccount, DirectoryLogin, RoleMapping, SigningIn, StaffRole, StaffSessionService } from '#vigie/access-control';
import { VigieError } from '#vigie/common';
import type { AuthConfig } from '#vigie/config';
import type { TrailWriter } from '#vigie/trail';
import type { UseCase, UseCaseContext, UseCaseDefinition } from '../../use-case.js';
import { signInInput } from './sign-in.input.js';

/** What the browser gets: the session cookie's value and the CSRF token, once; and who signed in. */
export interface SignedIn {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  staff: { name: string; roles: StaffRole[]; method: SigningIn['method'] };
}

/** One message for every wrong login or password, whichever it was. */
const REFUSED = 'wrong login or password';

/**
 * A person signs in with their directory account (a bind as them) or, when it is enabled, as the break-glass
 * administrator; their roles come from the groups mapped in auth.roles, read now. A web session opens, its row and its
 * trail entry in one transaction. Run by the API as the system, before anyone is known: it declares no ability.
 */
export class SignIn implements UseCase<typeof signInInput, SignedIn> {
  static readonly definition: UseCaseDefinition<typeof signInInput> = { name: 'sign-in', input: signInInput };
  readonly definition = SignIn.definition;

  constructor(
    private readonly auth: AuthConfig,
    private readonly directoryLogin: () => Promise<DirectoryLogin>,
    private readonly breakGlass: () => Promise<BreakGlassAccount>,
    private readonly mapping: () => Promise<RoleMapping>,
    private readonly sessions: StaffSessionService,
    private readonly trail: TrailWriter,
  ) {}

  async execute(input: z.output<typeof signInInput>, context: UseCaseContext): Promise<SignedIn> {
    const who = input.method === 'break-glass' ? await this.asBreakGlass(input) : await this.asDirectoryAccount(input);
    if (typeof who === 'string') {
      await this.refused(input, who);
      throw new VigieError('unauthenticated', REFUSED);
    }
    if (!who.roles.length) {
      await this.refused(input, 'no role');
      throw new VigieError(
        'forbidden',
        'you signed in, but your account has no role in Vigie: ask an administrator to add you to a group mapped in auth.roles',
      );
    }
    void context;
    const opened = await this.sessions.open(who);
    return {
      token: opened.token,
      csrfToken: opened.csrfToken,
      expiresAt: opened.session.expiresAt,
      staff: { name: who.displayName, roles: who.roles, method: who.method },
    };
  }

  /** The person, or why not (for the trail only). */
  private async asDirectoryAccount(input: z.output<typeof signInInput>): Promise<SigningIn | string> {
    const directory = this.auth.directory?.directory;
    if (!directory) throw new VigieError('unauthenticated', 'signing in with a directory account is not set up on this Vigie (auth.directory)');
    const account = await (await this.directoryLogin()).authenticate(directory, input.login, input.password);
    if (!account) return 'wrong login or password, or an account that may not sign in';
    const mapping = await this.mapping();
    const { rolesFrom } = await import('#vigie/access-control');
    return {
      subject: `directory:${directory}:${mapping.normaliseDn(account.dn)}`,
      method: 'directory',
      displayName: account.displayName,
      roles: rolesFrom(mapping, { groups: account.groups }),
      person: { directory, dn: account.dn, login: account.login },
    };
  }

  private async asBreakGlass(input: z.output<typeof signInInput>): Promise<SigningIn | string> {
    const glass = await this.breakGlass();
    if (!(await glass.verify(input.login, input.password))) return glass.enabled ? 'wrong break-glass login or password' : 'break-glass account disabled';
    return { subject: `break-glass:${glass.login}`, method: 'break-glass', displayName: glass.login, roles: ['admin'], person: null };
  }

  private async refused(input: z.output<typeof signInInput>, reason: string): Promise<void> {
    await this.trail.record({
      action: 'auth.failed',
      actor: { type: 'system', id: 'api' },
      target: { type: 'api', id: '/api/auth/sign-in' },
      after: { method: input.method, reason },
      personal: { login: input.login },
    });
  }
}
