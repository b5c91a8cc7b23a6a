import { Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ApiBearerAuth, ApiBody, ApiCookieAuth, ApiFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { type SignedIn as SignInOutcome, type UseCaseContext, type Vigie, signInBody } from '#vigie/application';
import { VigieError } from '#vigie/common';
import { Caller } from '../http/caller.decorator.js';
import { ApiErrors } from '../http/error.responses.js';
import { toInstant } from '../openapi/instant.schema.js';
import { openApiSchema } from '../openapi/zod-openapi.js';
import { InjectVigie } from '../vigie.provider.js';
import { type SessionResponse, SessionSchema, type SignedOutResponse, SignedOutSchema } from './auth.responses.js';
import { Public } from './public.decorator.js';
import { OIDC_BINDING_COOKIE, clearOidcBindingCookie, clearSessionCookie, sessionCookieOf, setOidcBindingCookie, setSessionCookie } from './session-cookie.js';
import { SignedIn } from './signed-in.decorator.js';

/** The API itself, for what runs before anyone is known. */
function asApi(req: Request & { id?: string }): Partial<UseCaseContext> {
  return { actor: { type: 'system', id: 'api' }, correlationId: req.id, sourceAddress: req.ip };
}

/**
 * People's sign-in to the web interface: a directory account or the break-glass administrator (a JSON POST), or an
 * OpenID Connect provider (a redirect and its callback); a session in an HTTP-only cookie, ended on the server by
 * sign-out. API tokens need none of this: they go in the Authorization header.
 */
@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(@InjectVigie() private readonly vigie: Vigie) {}

  private get secure(): boolean {
    return this.vigie.config.auth.session.secureCookie;
  }

  @Post('sign-in')
  @Public()
  @UseGuards(AuthGuard('sign-in'))
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with a directory account (or the break-glass administrator): opens a session in an HTTP-only cookie' })
  @ApiBody({ schema: openApiSchema(signInBody, 'input') })
  @ApiOkResponse({ description: 'signed in: the session cookie is set; keep the CSRF token for state-changing requests', standardSchema: SessionSchema })
  @ApiErrors({
    400: 'login or password missing, or the body is not JSON',
    401: 'wrong login or password (never which), or this way of signing in is not set up',
    403: 'signed in, but no role in Vigie',
    503: 'the directory cannot be reached',
  })
  async signIn(@Req() req: Request & { user?: SignInOutcome }, @Res({ passthrough: true }) res: Response): Promise<SessionResponse> {
    // The sign-in strategy (passport) has run the sign-in use case; what it opened is on the request.
    const signedIn = req.user!;
    setSessionCookie(res, signedIn.token, signedIn.expiresAt, this.secure);
    return { staff: signedIn.staff, csrfToken: signedIn.csrfToken, expiresAt: toInstant(signedIn.expiresAt) };
  }

  @Get('session')
  @SignedIn()
  @ApiBearerAuth()
  @ApiCookieAuth('session')
  @ApiOperation({ summary: 'Who is signed in, and the CSRF token of the session' })
  @ApiOkResponse({ description: 'the caller (a person with a session, or a token)', standardSchema: SessionSchema })
  @ApiErrors({ 401: 'no session, or one that has ended (signed out, timed out, account or roles gone)' })
  async session(@Req() req: Request, @Caller() caller: UseCaseContext): Promise<SessionResponse> {
    const actor = caller.actor;
    if (actor.type === 'system') throw new VigieError('unauthenticated', 'sign in first');
    const [{ abilitiesFor, csrfTokenOf }, { packRules }] = await Promise.all([import('#vigie/access-control'), import('@casl/ability/extra')]);
    const cookie = sessionCookieOf(req);
    return {
      staff: { name: actor.name, roles: [...actor.roles], method: actor.method },
      ...(actor.type === 'person' && cookie ? { csrfToken: csrfTokenOf(cookie) } : {}),
      // The same abilities the guard and the use cases enforce, for the web desk to show only what they allow.
      rules: packRules(abilitiesFor(actor).rules) as SessionResponse['rules'],
    };
  }

  @Post('sign-out')
  @SignedIn()
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiCookieAuth('session')
  @ApiOperation({ summary: 'Sign out: ends the session on the server (its cookie opens nothing any more)' })
  @ApiOkResponse({ description: 'whether a session was ended', standardSchema: SignedOutSchema })
  @ApiErrors({ 400: 'the caller is an API token: revoke it instead', 401: true, 403: 'the X-CSRF-Token header is missing or wrong' })
  async signOut(@Req() req: Request & { id?: string }, @Res({ passthrough: true }) res: Response): Promise<SignedOutResponse> {
    const cookie = sessionCookieOf(req);
    if (!cookie) throw new VigieError('invalid-input', 'an API token is not signed out: revoke it (`vigie token revoke ID`)');
    const out = await this.vigie.run('sign-out', { token: cookie }, asApi(req));
    clearSessionCookie(res, this.secure);
    return out;
  }

  @Get('oidc/start')
  @Public()
  @ApiOperation({ summary: 'Sign in through the OpenID Connect provider: redirects the browser there' })
  @ApiFoundResponse({ description: "to the provider's authorization page" })
  @ApiErrors({ 404: 'OpenID Connect is not set up on this Vigie (auth.oidc)', 503: 'the provider cannot be reached' })
  async oidcStart(@Req() req: Request & { id?: string }, @Res() res: Response): Promise<void> {
    const started = await this.vigie.run('start-oidc-sign-in', {}, asApi(req));
    setOidcBindingCookie(res, started.binding, this.secure);
    res.redirect(302, started.url);
  }

  @Get('oidc/callback')
  @Public()
  @ApiOperation({ summary: "The provider's callback: opens the session and goes to the web interface" })
  @ApiFoundResponse({ description: 'signed in: the session cookie is set' })
  @ApiErrors({ 401: 'the sign-in failed at the provider, expired, was already used or was started in another browser', 403: 'no role in Vigie', 503: true })
  async oidcCallback(@Req() req: Request & { id?: string }, @Res() res: Response): Promise<void> {
    const binding = typeof req.cookies?.[OIDC_BINDING_COOKIE] === 'string' ? (req.cookies[OIDC_BINDING_COOKIE] as string) : '';
    clearOidcBindingCookie(res, this.secure);
    const signedIn = await this.vigie.run('finish-oidc-sign-in', { binding, callbackUrl: this.callbackUrl(req) }, asApi(req));
    setSessionCookie(res, signedIn.token, signedIn.expiresAt, this.secure);
    res.redirect(302, '/');
  }

  /** The callback URL as the provider called it: the configured redirect URI with the query the browser brought. */
  private callbackUrl(req: Request): string {
    const { auth, http } = this.vigie.config;
    const base = auth.oidc?.redirectUri ?? `${(http.publicUrl ?? '').replace(/\/$/, '')}/api/auth/oidc/callback`;
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    return base + query;
  }
}
