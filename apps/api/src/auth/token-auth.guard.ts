import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { type StaffPrincipal, abilitiesFor } from '#vigie/access-control';
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

  constructor(private readonly reflector: Reflector) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    try {
      await this.bearer.canActivate(context);
    } catch {
      throw new UnauthorizedException('a valid API token is required: send "Authorization: Bearer <token>" (create one with `vigie token create --role auditor`)');
    }
    const principal = context.switchToHttp().getRequest<{ user?: StaffPrincipal }>().user;
    const required = this.reflector.getAllAndOverride<{ action: string; subject: string } | undefined>(REQUIRED_ABILITY, targets);
    if (!principal || !required) throw new ForbiddenException('this token may not use this route');
    const ability = abilitiesFor(principal.role);
    if (!ability.can(required.action as never, required.subject as never)) {
      throw new ForbiddenException(`the role "${principal.role}" may not ${required.action} ${required.subject}`);
    }
    return true;
  }
}
