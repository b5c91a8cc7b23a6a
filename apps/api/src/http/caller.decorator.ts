import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { UseCaseContext } from '#vigie/application';
import type { Staff } from '#vigie/access-control';

/** What the guard and the request middleware leave on the request. */
export interface ApiRequest {
  id?: string;
  ip?: string;
  user?: Staff;
}

/** The use-case context of the request: its token as the actor, its id as the correlation id, its address. */
export function callerOf(req: ApiRequest): UseCaseContext {
  const user = req.user;
  return {
    // The guard has set `user` on every route that is not public; a public route runs as the API itself.
    actor: user ?? { type: 'system', id: 'api' },
    correlationId: req.id,
    sourceAddress: req.ip,
  };
}

/** `@Caller() caller: UseCaseContext` in a controller method. */
export const Caller = createParamDecorator((_data: unknown, ctx: ExecutionContext): UseCaseContext => callerOf(ctx.switchToHttp().getRequest<ApiRequest>()));

/**
 * A request's query or body handed to a use case as it came: the use case's schema parses it (a 400 naming each
 * problem otherwise), so the type is the schema's input by construction, not by a check here.
 */
export function asInput<T>(raw: Record<string, unknown> | undefined): T {
  return (raw ?? {}) as T;
}
