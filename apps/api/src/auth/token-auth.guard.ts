import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { type StaffPrincipal, abilitiesFor } from '#vigie/access-control';
import { TrailContext } from '#vigie/trail';
import { AuthTrail } from './auth-trail.js';
import { IS_PUBLIC } from './public.decorator.js';
import { REQUIRED_ABILITY } from './require-ability.decorator.js';

const BearerGuard = AuthGuard('bearer');

/**
 * The global guard: deny by default. A route opens only when it is marked public, or when a valid
 * token's role has the ability the route declares. A route that declares no ability is refused.
 */
@Injectable()
export class TokenAuthGuard implements CanActivate {
  private readonly bearer = new BearerGuard();

  constructor(
    private readonly reflector: Reflector,
    private readonly authTrail: AuthTrail,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<{ method: string; path: string; headers: Record<string, unknown>; route?: { path?: string }; user?: StaffPrincipal; ip?: string }>();
    try {
      await this.bearer.canActivate(context);
    } catch {
      // A 401 is a failed login: recorded with the source address (from the request's trail context).
      await this.authTrail.failed(req, req.route?.path ?? req.path);
      throw new UnauthorizedException('a valid API token is required: send "Authorization: Bearer <token>" (create one with `vigie token create --role auditor`)');
    }
    const principal = req.user;
    if (principal) {
      TrailContext.enrich({ actor: { type: 'token', id: principal.tokenId } });
      await this.authTrail.succeeded(principal, req.ip);
    }
    const required = this.reflector.getAllAndOverride<{ action: string; subject: string } | undefined>(REQUIRED_ABILITY, targets);
    if (!principal || !required) throw new ForbiddenException('this token may not use this route');
    const ability = abilitiesFor(principal.role);
    if (!ability.can(required.action as never, required.subject as never)) {
      throw new ForbiddenException(`the role "${principal.role}" may not ${required.action} ${required.subject}`);
    }
    return true;
  }
}
