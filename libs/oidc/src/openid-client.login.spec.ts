import { VigieError } from '#vigie/common';
import { OpenIdClientLogin, type OidcLoginSettings } from './openid-client.login.js';

const settings = (issuer: string): OidcLoginSettings => ({
  issuer,
  clientId: 'vigie',
  redirectUri: 'https://vigie.corp.example/api/auth/oidc/callback',
  scopes: ['openid'],
  claim: 'groups',
});

describe(OpenIdClientLogin.name, () => {
  it('refuses a plain http:// issuer that is not on this machine', () => {
    const make = () => new OpenIdClientLogin(settings('http://idp.corp.example/realms/corp'));
    expect(make).toThrow(VigieError);
    expect(make).toThrow(/auth\.oidc\.issuer http:\/\/idp\.corp\.example\/realms\/corp is plain http:\/\//);
  });

  it('accepts https:// anywhere, and http:// on loopback only (tests, a demo)', () => {
    for (const issuer of ['https://login.microsoftonline.com/tenant/v2.0', 'http://127.0.0.1:8080', 'http://localhost:8080/realms/corp']) {
      expect(new OpenIdClientLogin(settings(issuer))).toBeInstanceOf(OpenIdClientLogin);
    }
  });

  it('refuses a callback before any network call when no sign-in is pending or its state differs', async () => {
    // Nothing listens on this issuer: a refusal that got as far as discovery would be `unavailable`, not this.
    const sut = new OpenIdClientLogin(settings('https://idp.invalid'));
    const callback = new URL('https://vigie.corp.example/api/auth/oidc/callback?code=abc&state=s1');
    await expect(sut.finish(callback, { state: 's2', nonce: 'n', codeVerifier: 'v' })).rejects.toMatchObject({
      kind: 'unauthenticated',
      message: expect.stringMatching(/state does not match/),
    });
    await expect(sut.finish(callback, { state: '', nonce: 'n', codeVerifier: 'v' })).rejects.toMatchObject({ kind: 'unauthenticated' });
  });
});
