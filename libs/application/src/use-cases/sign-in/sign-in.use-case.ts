import type * as z from 'zod';
import type {
  BreakGlassAccount,
  DirectoryLogin,
  RoleMapping,
  SecurityAlerts,
  SignInAttempts,
  SigningIn,
  StaffRole,
  StaffSessionService,
} from '#vigie/access-control';
import { VigieError } from '#vigie/common';
import type { AuthConfig } from '#vigie/config';
import type { VigieLogger } from '#vigie/logging';
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
 * trail entry in one transaction. A source or an account that failed too often is refused first (too-many-requests)
 * without the password being tried at all; failures are counted by SignInAttempts (one trail entry per window, a
 * lockout, an alert on a burst). Each break-glass sign-in alerts the security officer at once. Run by the API as the
 * system, before anyone is known: it declares no ability.
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
    private readonly attempts: SignInAttempts,
    private readonly alerts: () => Promise<SecurityAlerts>,
    private readonly logger: VigieLogger,
  ) {}

  async execute(input: z.output<typeof signInInput>, context: UseCaseContext): Promise<SignedIn> {
    const attempt = { source: context.sourceAddress, account: input.login.toLowerCase(), method: input.method, route: 'POST /api/auth/sign-in' };
    const block = await this.attempts.blocked(attempt);
    if (block) {
      throw new VigieError(
        'too-many-requests',
        block.scope === 'account'
          ? `too many failed sign-ins for this login: try again in ${block.retryAfterSeconds} s (Retry-After)`
          : `too many failed sign-ins from this address: try again in ${block.retryAfterSeconds} s (Retry-After)`,
        { retryAfterSeconds: block.retryAfterSeconds },
      );
    }
    const who = input.method === 'break-glass' ? await this.asBreakGlass(input) : await this.asDirectoryAccount(input);
    if (typeof who === 'string') {
      await this.attempts.failed(attempt, who);
      throw new VigieError('unauthenticated', REFUSED);
    }
    if (!who.roles.length) {
      // The right password but no role: counted like a failure (one trail entry per window, a lockout if it goes on),
      // so that a script with one valid account cannot write to the trail at every attempt either.
      await this.attempts.failed(attempt, 'signed in, but no role in Vigie');
      throw new VigieError(
        'forbidden',
        'you signed in, but your account has no role in Vigie: ask an administrator to add you to a group mapped in auth.roles',
      );
    }
    await this.attempts.succeeded(attempt);
    const opened = await this.sessions.open(who);
    if (who.method === 'break-glass') this.alertBreakGlass(opened.session.expiresAt, context.sourceAddress);
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

  /**
   * The security officer is told at once, on every channel; the sign-in does not wait for the mail (a slow relay must
   * not keep the administrator out when the directory is down), and a channel that fails is logged.
   */
  private alertBreakGlass(expiresAt: Date, source: string | undefined): void {
    void this.alerts()
      .then((alerts) =>
        alerts.securityEvent({
          kind: 'break-glass',
          title: '[Vigie] the break-glass administrator signed in',
          lines: [
            `The local break-glass administrator signed in to Vigie at ${new Date().toISOString()} from ${source ?? 'an unknown address'}.`,
            `Its session (role admin) ends at the latest at ${expiresAt.toISOString()}.`,
            'If nobody announced it (the directory being down), treat it as an intrusion: change its password hash and turn it off (auth.breakGlass).',
          ],
        }),
      )
      .catch((err: unknown) => this.logger.error({ msg: 'could not alert the security officer of a break-glass sign-in', err }));
  }
}
