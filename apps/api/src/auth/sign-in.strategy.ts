import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import type { SignedIn, Vigie } from '#vigie/application';
import { VigieError } from '#vigie/common';
import { asInput } from '../http/caller.decorator.js';
import { InjectVigie } from '../vigie.provider.js';
import { RequestStrategy } from './request.strategy.js';

/**
 * Passport's `sign-in` strategy: a person's login and password (JSON) checked by the sign-in use case — a bind as them
 * to the configured directory over LDAPS or StartTLS, or the break-glass account — which opens their session.
 */
@Injectable()
export class SignInStrategy extends PassportStrategy(RequestStrategy, 'sign-in') {
  constructor(@InjectVigie() private readonly vigie: Vigie) {
    super();
  }

  async validate(req: Request & { id?: string }): Promise<SignedIn> {
    // A page of another site can post a form (urlencoded) without asking; a JSON body needs a CORS preflight, which
    // Vigie refuses: sign-in by another site's page (login CSRF) is not possible.
    if (!req.is('application/json')) {
      throw new VigieError('invalid-input', 'send the sign-in as JSON (Content-Type: application/json) with login and password');
    }
    return this.vigie.run('sign-in', asInput(req.body as Record<string, unknown>), {
      actor: { type: 'system', id: 'api' },
      correlationId: req.id,
      sourceAddress: req.ip,
    });
  }
}
