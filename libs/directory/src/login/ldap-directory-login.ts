import type { DirectoryLogin, DirectoryLoginAccount } from '#vigie/access-control';
import { VigieError } from '#vigie/common';
import { type DirectoryEntry, firstString } from '../directory-entry.js';
import type { LdapDirectorySource } from '../directory-source.js';
import { isDnWithin } from '../dn.js';
import { InvalidDnError } from '../errors.js';
import { LdapResultError } from '../ldap/protocol/ldap-connection.js';
import { accountRefusal, STATUS_ATTRIBUTES } from './account-status.js';
import { GROUP_ATTRIBUTES, groupsOf } from './login-groups.js';
import { accountFilter, accountKindFilter, isSearchableLogin, loginAttributeFor } from './login-filters.js';
import { LoginSession } from './login-session.js';

/** A directory people may sign in with: how it is reached, and the attribute their login is matched with. */
export interface DirectoryLoginSource extends LdapDirectorySource {
  /** sAMAccountName (ad) or uid (ldap) when absent. */
  loginAttribute?: string;
}

export interface DirectoryLoginOptions {
  /** The directories sign-in is configured for (auth.directory); any other name is refused. */
  directories: readonly DirectoryLoginSource[];
  /** The clock accountExpires and pwdEndTime are compared with. */
  now?: () => Date;
}

/** The DirectoryLogin of the composition root. */
export function createDirectoryLogin(options: DirectoryLoginOptions): DirectoryLogin {
  return new LdapDirectoryLogin(options);
}

/**
 * Sign-in with a directory account, on OpenLDAP and Active Directory: the service account finds the one account whose
 * login attribute equals the login (filter objects, no text splicing) and checks that it may sign in, the person binds
 * with their password on a connection of its own, and the service account reads their groups. Answers null for every
 * refusal alike (no such login, several, disabled, expired, locked, wrong password), so that a caller cannot tell them
 * apart; throws only for the configuration (VigieError configuration) and a directory that cannot be used (unavailable).
 * Logs nothing: what is refused is the use case's to record.
 */
export class LdapDirectoryLogin implements DirectoryLogin {
  private readonly sources: ReadonlyMap<string, DirectoryLoginSource>;
  private readonly now: () => Date;

  constructor(options: DirectoryLoginOptions) {
    this.sources = new Map(options.directories.map((d) => [d.name, d]));
    this.now = options.now ?? (() => new Date());
  }

  async authenticate(directory: string, login: string, password: string): Promise<DirectoryLoginAccount | null> {
    const source = this.sourceOf(directory);
    if (typeof password !== 'string' || password.length === 0 || !isSearchableLogin(login)) return null;
    const attribute = loginAttributeFor(source.kind, source.loginAttribute);
    return LoginSession.run(source, async (session) => {
      const { entries } = await session.search({
        base: source.baseDn,
        scope: 'sub',
        filter: accountFilter(source.kind, attribute, login),
        attributes: ['1.1'],
      });
      // Exactly one: a login that names two accounts names nobody in particular.
      if (entries.length !== 1) return null;
      const entry = await readAccount(session, source, entries[0]!.entry.dn);
      if (!entry || accountRefusal(source.kind, entry, this.now())) return null;
      if (!(await session.bindAs(entry.dn, password))) return null;
      return accountOf(session, source, entry);
    });
  }

  async reread(directory: string, dn: string): Promise<DirectoryLoginAccount | null> {
    const source = this.sourceOf(directory);
    // An account moved out of the base DN could no longer sign in: it does not keep its session either.
    if (!within(dn, source.baseDn)) return null;
    return LoginSession.run(source, async (session) => {
      const entry = await readAccount(session, source, dn);
      if (!entry || accountRefusal(source.kind, entry, this.now())) return null;
      return accountOf(session, source, entry);
    });
  }

  private sourceOf(directory: string): DirectoryLoginSource {
    const source = this.sources.get(directory);
    if (source) return source;
    if (this.sources.size === 0) {
      throw new VigieError('configuration', 'signing in with a directory account is not configured: set auth.directory.directory to an ldap or ad directory');
    }
    throw new VigieError('invalid-input', `"${directory}" is not a directory one signs in with: expected ${[...this.sources.keys()].join(', ')}`);
  }
}

/** The account entry by DN (base search with the service account), or null when it is gone or is not an account. */
async function readAccount(session: LoginSession, source: DirectoryLoginSource, dn: string): Promise<DirectoryEntry | null> {
  const attributes = [
    loginAttributeFor(source.kind, source.loginAttribute),
    'displayName',
    'cn',
    ...STATUS_ATTRIBUTES[source.kind],
    ...GROUP_ATTRIBUTES[source.kind],
  ];
  try {
    const { entries } = await session.search({ base: dn, scope: 'base', filter: accountKindFilter(source.kind), attributes });
    return entries[0]?.entry ?? null;
  } catch (error) {
    // noSuchObject: deleted (or renamed) since the session began.
    if (error instanceof LdapResultError && error.code === 32) return null;
    throw error;
  }
}

async function accountOf(session: LoginSession, source: DirectoryLoginSource, entry: DirectoryEntry): Promise<DirectoryLoginAccount | null> {
  const login = firstString(entry, loginAttributeFor(source.kind, source.loginAttribute));
  if (!login) return null;
  return {
    directory: source.name,
    dn: entry.dn,
    login,
    displayName: firstString(entry, 'displayName') || firstString(entry, 'cn') || login,
    groups: await groupsOf(session, entry),
  };
}

function within(dn: string, baseDn: string): boolean {
  try {
    return dn.length > 0 && isDnWithin(dn, baseDn);
  } catch (error) {
    if (error instanceof InvalidDnError) return false;
    throw error;
  }
}
