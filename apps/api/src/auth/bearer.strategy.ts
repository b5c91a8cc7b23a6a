import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-http-bearer';
import { ApiTokenService, type StaffPrincipal } from '#vigie/access-control';

/** passport-http-bearer: `Authorization: Bearer vig_…` resolved to the staff principal of the token. */
@Injectable()
export class BearerStrategy extends PassportStrategy(Strategy, 'bearer') {
  constructor(private readonly tokens: ApiTokenService) {
    super();
  }

  async validate(token: string): Promise<StaffPrincipal | false> {
    return (await this.tokens.verify(token)) ?? false;
  }
}
