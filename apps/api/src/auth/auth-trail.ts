import { Injectable, Logger } from '@nestjs/common';
import type { StaffPrincipal } from '#vigie/access-control';
import { TrailWriter } from '#vigie/trail';

/** How long a token's successful use from one address counts as one login (per process). */
const SUCCESS_WINDOW_MS = 10 * 60_000;
const MAX_REMEMBERED = 10_000;

/**
 * Logins and failed logins to Vigie's API, into the trail (kind `access`). Every request with a bearer token is an
 * authentication; recording each success would flood the trail, so a success is recorded once per token and
 * address every 10 minutes in a process. Every failure is recorded, with the source address.
 */
@Injectable()
export class AuthTrail {
  private readonly logger = new Logger(AuthTrail.name);
  private readonly lastSuccess = new Map<string, number>();

  constructor(private readonly trail: TrailWriter) {}

  async failed(req: { method: string; path: string; headers: Record<string, unknown> }, route: string): Promise<void> {
    const presented = typeof req.headers.authorization === 'string' && req.headers.authorization.length > 0;
    await this.trail
      .record({
        action: 'auth.failed',
        actor: { type: 'token', id: 'unknown' },
        target: { type: 'api', id: route },
        after: { method: req.method, reason: presented ? 'token refused (unknown, revoked or expired)' : 'no token' },
      })
      .catch((err) => this.logger.error({ msg: 'could not record a failed login in the trail', err }));
  }

  async succeeded(principal: StaffPrincipal, sourceAddress: string | undefined): Promise<void> {
    const key = `${principal.tokenId}|${sourceAddress ?? ''}`;
    const now = Date.now();
    const last = this.lastSuccess.get(key);
    if (last !== undefined && now - last < SUCCESS_WINDOW_MS) return;
    if (this.lastSuccess.size >= MAX_REMEMBERED) this.lastSuccess.clear();
    this.lastSuccess.set(key, now);
    await this.trail
      .record({ action: 'auth.succeeded', actor: { type: 'token', id: principal.tokenId }, target: { type: 'api', id: 'bearer' }, after: { role: principal.role }, personal: { tokenName: principal.name } })
      .catch((err) => this.logger.error({ msg: 'could not record a login in the trail', err }));
  }
}
