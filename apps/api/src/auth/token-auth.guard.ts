import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { VigieError, isVigieError } from '#vigie/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { type Vigie, rolesOf } from '#vigie/application';
import { type Staff, csrfMatches } from '#vigie/access-control';
import { InjectVigie } from '../vigie.provider.js';
import { IS_PUBLIC } from './public.decorator.js';
import { REQUIRED_ABILITY, type RequiredAbility } from './require-ability.decorator.js';
import { routeAllows } from './route-ability.js';
import { SCIM_TOKEN } from './scim-token.decorator.js';
import { sessionCookieOf } from './session-cookie.js';
import { ANY_STAFF } from './signed-in.decorator.js';

const BearerGuard = AuthGuard('bearer');

/**
 * The global guard: deny by default. A route opens only when it is marked public, or when the caller — a valid API
 * token, or a person's open session (with its CSRF token on a state-changing request) — has the ability the route
 * declares. A route that declares no ability is refused. (The use case the route runs checks
 * the ability again: a second line, not the first.)
 */
@Injectable()
export class TokenAuthGuard implements CanActivate {
  private readonly bearer = new BearerGuard();

  constructor(
    private readonly reflector: Reflector,
    @InjectVigie() private readonly vigie: Vigie,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<GuardedRequest>();
    // SCIM's routes take the SCIM token and nothing else; no other route takes it (authenticate-token does not know it).
    if (this.reflector.getAllAndOverride<boolean>(SCIM_TOKEN, targets)) {
      await this.authenticateScim(req);
      return true;
    }
    // passport-http-bearer also reads `access_token` from the query string and the body (RFC 6750 allows both); such a
    // token ends up in proxy logs and browser history. Refused before the strategy sees it, even beside a header.
    if (tokenOutsideHeader(req)) {
      await this.recordMissingToken(req);
      throw new VigieError(
        'unauthenticated',
        'an API token is accepted only in the header "Authorization: Bearer <token>": one sent as access_token in the query string or the body ' +
          'ends up in proxy logs and browser history; revoke it (`vigie token revoke ID`) and send a new one in the header',
      );
    }
    const cookie = sessionCookieOf(req);
    // A bearer token wins over a cookie: automation sends the header, a browser the cookie.
    if (cookie && !hasBearer(req.headers)) {
      await this.authenticateSession(req, cookie);
    } else {
      await this.authenticateToken(context, req);
    }
    const user = req.user!;
    if (this.reflector.getAllAndOverride<boolean>(ANY_STAFF, targets)) return true;
    const required = this.reflector.getAllAndOverride<RequiredAbility | undefined>(REQUIRED_ABILITY, targets);
    if (!required) throw new VigieError('forbidden', 'this route is not open to your roles');
    // A conditional ability (an employee's own access) opens a route only when its use case checks each record.
    if (!routeAllows(user, required)) {
      throw new VigieError('forbidden', `${rolesOf(user)} may not ${required.action} ${required.subject}`);
    }
    return true;
  }

  /**
   * A person's session: open, with the roles read again when due; and on a state-changing request, the CSRF token of
   * the session in its header (a page of another site cannot read it).
   */
  private async authenticateSession(req: GuardedRequest, cookie: string): Promise<void> {
    const staff = await this.vigie.run(
      'authenticate-session',
      { token: cookie },
      { actor: { type: 'system', id: 'api' }, correlationId: req.id, sourceAddress: req.ip },
    );
    if (!staff) {
      throw new VigieError('unauthenticated', 'your session has ended (signed out, timed out, or your account or roles changed): sign in again');
    }
    if (!SAFE_METHODS.has(req.method.toUpperCase()) && !csrfMatches(cookie, headerOf(req.headers, 'x-csrf-token'))) {
      throw new VigieError(
        'forbidden',
        'this request changes something and lacks the CSRF token of your session: send the X-CSRF-Token header given at sign-in (or by GET /api/auth/session)',
      );
    }
    req.user = staff;
  }

  private async authenticateToken(context: ExecutionContext, req: GuardedRequest): Promise<void> {
    let authenticated = false;
    try {
      authenticated = (await this.bearer.canActivate(context)) === true;
    } catch (err) {
      // A source that failed too often is answered 429 with its Retry-After, not 401: its token was not even checked.
      if (isVigieError(err) && err.kind === 'too-many-requests') throw err;
      // No token at all never reaches the strategy: recorded here as a failed sign-in, with the source address.
      if (!hasBearer(req.headers)) await this.recordMissingToken(req);
    }
    if (!authenticated || !req.user) {
      throw new VigieError(
        'unauthenticated',
        'sign in, or send a valid API token as "Authorization: Bearer <token>" (create one with `vigie token create --role auditor`)',
      );
    }
  }

  /** The SCIM token from the Authorization header, nowhere else: checked (and a failure trailed) by authenticate-scim-token. */
  private async authenticateScim(req: GuardedRequest): Promise<void> {
    const header = headerOf(req.headers, 'authorization') ?? '';
    const token = /^bearer\s+(\S+)\s*$/i.exec(header)?.[1] ?? '';
    await this.vigie.run(
      'authenticate-scim-token',
      { token: token.slice(0, 4096), route: req.route?.path ?? req.path, method: req.method },
      { actor: { type: 'system', id: 'scim' }, correlationId: req.id, sourceAddress: req.ip },
    );
  }

  private async recordMissingToken(req: { method: string; path: string; route?: { path?: string }; ip?: string; id?: string }): Promise<void> {
    await this.vigie.run(
      'authenticate-token',
      { token: '', route: req.route?.path ?? req.path, method: req.method },
      { actor: { type: 'system', id: 'api' }, correlationId: req.id, sourceAddress: req.ip },
    );
  }
}

/** Methods that change nothing: no CSRF token asked. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

interface GuardedRequest {
  method: string;
  path: string;
  headers: Record<string, unknown>;
  cookies?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
  route?: { path?: string };
  user?: Staff;
  ip?: string;
  id?: string;
}

function headerOf(headers: Record<string, unknown>, name: string): string | undefined {
  const v = headers[name];
  return typeof v === 'string' ? v : undefined;
}

function hasBearer(headers: Record<string, unknown>): boolean {
  const h = headers.authorization;
  return typeof h === 'string' && /^bearer\s+\S/i.test(h);
}

/** A token where RFC 6750 allows it besides the header: `access_token` in the query string or in a JSON or form body. */
function tokenOutsideHeader(req: { query?: Record<string, unknown>; body?: unknown }): boolean {
  if (req.query && Object.hasOwn(req.query, 'access_token')) return true;
  return typeof req.body === 'object' && req.body !== null && Object.hasOwn(req.body, 'access_token');
}
