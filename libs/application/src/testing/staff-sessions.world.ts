import {
  BreakGlassAccount,
  type DirectoryLogin,
  type DirectoryLoginAccount,
  type RoleMapping,
  StaffSessionService,
  type StaffSessionTransaction,
} from '#vigie/access-control';
import { VigieError } from '#vigie/common';
import { InMemoryUnitOfWork } from '#vigie/common/testing';
import { normalizeDn } from '#vigie/directory';
import { BufferedTrailWriter, RecordingTrailWriter } from '#vigie/trail/testing';
import { InMemoryStaffSessionStore } from './in-memory-staff-session.store.js';

/** A directory that signs people in from a table of accounts and passwords; `accounts` can change between requests. */
export class TableDirectoryLogin implements DirectoryLogin {
  readonly accounts = new Map<string, { password: string; account: DirectoryLoginAccount }>();
  reachable = true;

  add(password: string, account: Omit<DirectoryLoginAccount, 'directory'> & { directory?: string }): void {
    this.accounts.set(account.login, { password, account: { directory: 'corp-ad', ...account } });
  }

  async authenticate(directory: string, login: string, password: string): Promise<DirectoryLoginAccount | null> {
    this.assertReachable();
    const found = this.accounts.get(login);
    return found && found.password === password && found.account.directory === directory ? structuredClone(found.account) : null;
  }

  async reread(directory: string, dn: string): Promise<DirectoryLoginAccount | null> {
    this.assertReachable();
    const found = [...this.accounts.values()].find((a) => a.account.directory === directory && a.account.dn === dn);
    return found ? structuredClone(found.account) : null;
  }

  private assertReachable(): void {
    if (!this.reachable) throw new VigieError('unavailable', 'the directory cannot be reached');
  }
}

export const ADMINS_GROUP = 'CN=Vigie Admins,OU=Groups,DC=corp,DC=example';
export const OFFICERS_GROUP = 'CN=RSSI,OU=Groups,DC=corp,DC=example';

/** The mapping of a small company: admins and the security officer by group, employees by a claim. */
export function aRoleMapping(defaultRoles: RoleMapping['defaultRoles'] = []): RoleMapping {
  return {
    lines: [
      { group: ADMINS_GROUP, roles: ['admin'] },
      { group: OFFICERS_GROUP, roles: ['security-officer', 'auditor'] },
      { claim: 'vigie-employees', roles: ['employee'] },
    ],
    defaultRoles,
    normaliseDn: normalizeDn,
  };
}

/**
 * The real StaffSessionService over in-memory ports, with a clock the spec moves: its sessions, the trail its
 * transactions committed, and the directory it signs people in with.
 */
export function staffSessionsWorld(timeouts = { idleMs: 30 * 60_000, absoluteMs: 10 * 3_600_000, roleRefreshMs: 0 }) {
  const clock = { now: new Date('2026-05-04T09:00:00Z') };
  const store = new InMemoryStaffSessionStore();
  const committed = new RecordingTrailWriter();
  const uow = new InMemoryUnitOfWork<StaffSessionTransaction>(() => {
    const trail = new BufferedTrailWriter();
    return { tx: { sessions: store, trail }, commit: () => trail.flushTo(committed) };
  });
  const sessions = new StaffSessionService(store, uow, timeouts, () => clock.now);
  const directory = new TableDirectoryLogin();
  const advance = (ms: number) => (clock.now = new Date(clock.now.getTime() + ms));
  const breakGlass = (settings: { enabled: boolean; passwordHash: string | null } = { enabled: false, passwordHash: null }) =>
    new BreakGlassAccount({ login: 'vigie-break-glass', ...settings });
  return { clock, advance, store, committed, sessions, directory, breakGlass };
}
