import {
  InsufficientAccessError,
  InvalidCredentialsError,
  NoSuchObjectError,
  ProtocolError,
  SizeLimitExceededError,
  StrongAuthRequiredError,
  UnwillingToPerformError,
} from 'ldapts';
import { DirectoryAuthError, DirectoryError, DirectorySearchError, DirectoryTlsError, DirectoryUnreachableError } from '../errors.js';
import { toDirectoryError, type LdapErrorContext, type LdapPhase } from './ldap-error-mapper.js';

const context = (phase: LdapPhase, extra: Partial<LdapErrorContext> = {}): LdapErrorContext => ({
  url: 'ldap://dc1.acme.test:389',
  bindDn: 'cn=reader,dc=acme,dc=test',
  baseDn: 'dc=acme,dc=test',
  timeoutMs: 10000,
  phase,
  ...extra,
});

const nodeError = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('toDirectoryError', () => {
  it('maps invalid credentials to DirectoryAuthError naming the bind DN', () => {
    const error = toDirectoryError(new InvalidCredentialsError(), context('bind'));
    expect(error).toBeInstanceOf(DirectoryAuthError);
    expect((error as DirectoryError).message).toBe(
      'bind as cn=reader,dc=acme,dc=test was refused: invalid credentials. Check bindDn and the password variable',
    );
    expect((error as Error).cause).toBeInstanceOf(InvalidCredentialsError);
  });

  it('reads the AD reason code of a refused bind', () => {
    const diagnostic = '80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 775, v4563';
    expect((toDirectoryError(new InvalidCredentialsError(diagnostic), context('bind')) as Error).message).toMatch(/account is locked out/);
    const expired = '80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data 532, v1db1';
    expect((toDirectoryError(new InvalidCredentialsError(expired), context('bind')) as Error).message).toMatch(/password has expired/);
  });

  it('maps a bind that needs encryption or is unwilling', () => {
    expect((toDirectoryError(new StrongAuthRequiredError('BindSimple: Transport encryption required.'), context('bind')) as Error).message).toMatch(
      /requires an encrypted connection.*ldaps/,
    );
    expect(toDirectoryError(new UnwillingToPerformError('unauthenticated bind'), context('bind'))).toBeInstanceOf(DirectoryAuthError);
  });

  it('maps no such object during the search to DirectorySearchError naming baseDn', () => {
    const error = toDirectoryError(new NoSuchObjectError(), context('search')) as DirectorySearchError;
    expect(error).toBeInstanceOf(DirectorySearchError);
    expect(error.message).toMatch(/^search under dc=acme,dc=test failed: no such object\. Check baseDn/);
  });

  it('drops the " Code: 0x4" that ldapts appends, and empty diagnostics', () => {
    const error = toDirectoryError(new SizeLimitExceededError(''), context('search')) as Error;
    expect(error.message).toMatch(/^search under dc=acme,dc=test failed: the server stopped the search at a limit\. Check pageSize/);
  });

  it('maps refused access', () => {
    expect((toDirectoryError(new InsufficientAccessError(), context('search')) as Error).message).toMatch(/may read under baseDn/);
  });

  it.each([
    ['ECONNREFUSED', /cannot reach ldap:\/\/dc1\.acme\.test:389: connection refused\. Check the url/],
    ['ENOTFOUND', /unknown host/],
    ['ETIMEDOUT', /timed out/],
    ['ECONNRESET', /reset/],
  ])('maps the socket error %s to DirectoryUnreachableError', (code, message) => {
    const error = toDirectoryError(nodeError(code), context('bind'));
    expect(error).toBeInstanceOf(DirectoryUnreachableError);
    expect((error as Error).message).toMatch(message);
  });

  it('maps ldapts timeouts and closed connections to DirectoryUnreachableError', () => {
    expect((toDirectoryError(new Error('Connection timeout'), context('bind')) as Error).message).toMatch(/no connection within 10000 ms/);
    expect((toDirectoryError(new Error('SearchRequest: Operation timed out'), context('search')) as Error).message).toMatch(
      /no answer within 10000 ms \(search\)/,
    );
    expect(
      toDirectoryError(new Error('Connection closed before message response was received. Message type: BindRequest (0x60)'), context('bind')),
    ).toBeInstanceOf(DirectoryUnreachableError);
  });

  it('maps certificate failures to DirectoryTlsError naming the caFile option', () => {
    const untrusted = toDirectoryError(nodeError('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'), context('starttls')) as DirectoryTlsError;
    expect(untrusted).toBeInstanceOf(DirectoryTlsError);
    expect(untrusted.message).toMatch(/self-signed.*Set the caFile option/);
    const altnames = "Hostname/IP does not match certificate's altnames: Host: dc1.acme.test. is not in the cert's altnames: DNS:dc2.acme.test";
    const mismatch = toDirectoryError(
      nodeError('ERR_TLS_CERT_ALTNAME_INVALID', altnames),
      context('starttls', { caFile: '/etc/vigie/ca.pem' }),
    ) as DirectoryTlsError;
    expect(mismatch.message).toMatch(/does not name dc1\.acme\.test \(Hostname.*caFile option \(\/etc\/vigie\/ca\.pem\)/);
  });

  it('says when ldaps:// meets a plain port', () => {
    expect((toDirectoryError(nodeError('ERR_SSL_WRONG_VERSION_NUMBER'), context('connect')) as Error).message).toMatch(/does not speak TLS.*636/);
  });

  it('suggests a plain port when ldaps:// is reset', () => {
    const error = toDirectoryError(nodeError('ECONNRESET'), context('bind', { url: 'ldaps://dc1.acme.test:389' }));
    expect(error).toBeInstanceOf(DirectoryUnreachableError);
    expect((error as Error).message).toMatch(/reset by the server \(if this port does not speak LDAPS/);
  });

  it('maps a refused StartTLS to DirectoryTlsError', () => {
    expect(toDirectoryError(new ProtocolError('unsupported extended operation'), context('starttls'))).toBeInstanceOf(DirectoryTlsError);
  });

  it('passes DirectoryErrors and programming errors through', () => {
    const auth = new DirectoryAuthError('cn=x', 'no password given');
    expect(toDirectoryError(auth, context('bind'))).toBe(auth);
    const bug = new TypeError('x is undefined');
    expect(toDirectoryError(bug, context('search'))).toBe(bug);
  });
});
