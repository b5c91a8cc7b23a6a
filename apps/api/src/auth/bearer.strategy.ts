import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-http-bearer';
import type { Vigie } from '#vigie/application';
import type { Staff } from '#vigie/access-control';
import { InjectVigie } from '../vigie.provider.js';

interface BearerRequest {
  method: string;
  path: string;
  id?: string;
  ip?: string;
  route?: { path?: string };
}

/**
 * passport-http-bearer: `Authorization: Bearer vig_…` resolved to the staff principal of the token, by the
 * authenticate-token use case (which records the sign-in, or the failed one, in the trail).
 */
@Injectable()
export class BearerStrategy extends PassportStrategy(Strategy, 'bearer') {
  constructor(@InjectVigie() private readonly vigie: Vigie) {
    super({ passReqToCallback: true });
  }

  async validate(req: BearerRequest, token: string): Promise<Staff | false> {
    const principal = await this.vigie.run(
      'authenticate-token',
      { token, route: req.route?.path ?? req.path, method: req.method },
      { actor: { type: 'system', id: 'api' }, correlationId: req.id, sourceAddress: req.ip },
    );
    return principal ?? false;
  }
}
