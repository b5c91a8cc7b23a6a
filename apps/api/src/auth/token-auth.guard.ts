import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { VigieError } from '#vigie/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { type Vigie, rolesOf } from '#vigie/application';
import type { Staff } from '#vigie/access-control';
import { InjectVigie } from '../vigie.provider.js';
import { IS_PUBLIC } from './public.decorator.js';
import { REQUIRED_ABILITY, type RequiredAbility } from './require-ability.decorator.js';
import { routeAllows } from './route-ability.js';

const BearerGuard = AuthGuard('bearer');

/**
 * The global guard: deny by default. A route opens only when it is marked public, or when a valid token's role has
 * the ability the route declares. A route that declares no ability is refused. (The use case the route runs checks
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
    const req = context.switchToHttp().getRequest<{
      method: string;
      path: string;
      headers: Record<string, unknown>;
      query?: Record<string, unknown>;
      body?: unknown;
      route?: { path?: string };
      user?: Staff;
      ip?: string;
      id?: string;
    }>();
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
    let authenticated = false;
    try {
      authenticated = (await this.bearer.canActivate(context)) === true;
    } catch {
      // No token at all never reaches the strategy: recorded here as a failed sign-in, with the source address.
      if (!hasBearer(req.headers)) await this.recordMissingToken(req);
    }
    if (!authenticated || !req.user) {
      throw new VigieError(
        'unauthenticated',
        'a valid API token is required: send "Authorization: Bearer <token>" (create one with `vigie token create --role auditor`)',
      );
    }
    const required = this.reflector.getAllAndOverride<RequiredAbility | undefined>(REQUIRED_ABILITY, targets);
    if (!required) throw new VigieError('forbidden', 'this token may not use this route');
    if (!routeAllows(req.user, required)) {
      throw new VigieError('forbidden', `${rolesOf(req.user)} may not ${required.action} ${required.subject}`);
    }
    return true;
  }

  private async recordMissingToken(req: { method: string; path: string; route?: { path?: string }; ip?: string; id?: string }): Promise<void> {
    await this.vigie.run(
      'authenticate-token',
      { token: '', route: req.route?.path ?? req.path, method: req.method },
      { actor: { type: 'system', id: 'api' }, correlationId: req.id, sourceAddress: req.ip },
    );
  }
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
