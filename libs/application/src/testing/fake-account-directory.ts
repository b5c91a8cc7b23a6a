import { VigieError } from '#vigie/common';
import type { AccountChanges, NewAccount } from '#vigie/directory';
import type { HrDirectoryWriter } from '../use-cases/apply-hr-event/hr-apply.ports.js';
import { FakeDirectoryWriter } from './fake-directory-writer.js';

interface FakeAccount {
  dn: string;
  login: string;
  employeeId: string | null;
  enabled: boolean;
  attributes: Record<string, string | null>;
}

/**
 * The accounts and memberships of one fake directory, for the HR flows' specs: accounts by DN (created disabled, as
 * on AD), passwords set (counted, never kept), and what a spec asks to fail: `down` ('unavailable') on every call.
 */
export class FakeAccountDirectory extends FakeDirectoryWriter implements HrDirectoryWriter {
  readonly accounts = new Map<string, FakeAccount>();
  readonly passwords = new Map<string, { count: number; mustChange: boolean }>();
  /** Fails the next createAccount once it has created the entry: a worker that dies between the write and its record. */
  crashAfterCreate = false;

  private up(): void {
    if (this.down) throw new VigieError('unavailable', 'corp: cannot reach ldap://127.0.0.1:1');
  }

  private account(dn: string): FakeAccount {
    const found = this.accounts.get(dn.toLowerCase());
    if (!found) throw new VigieError('not-found', 'the account does not exist');
    return found;
  }

  async createAccount(_directory: string, spec: NewAccount): Promise<{ dn: string }> {
    this.up();
    const dn = `uid=${spec.login},${spec.parentDn}`;
    if (this.accounts.has(dn.toLowerCase()) || [...this.accounts.values()].some((a) => a.login === spec.login))
      throw new VigieError('conflict', 'entry exists');
    this.accounts.set(dn.toLowerCase(), {
      dn,
      login: spec.login,
      employeeId: spec.employeeId ?? null,
      enabled: false,
      attributes: { sn: spec.surname, mail: spec.mail ?? null },
    });
    this.writes.push(`create ${dn}`);
    if (this.crashAfterCreate) {
      this.crashAfterCreate = false;
      throw new VigieError('unavailable', 'connection reset after the add');
    }
    return { dn };
  }

  async findAccount(_directory: string, login: string) {
    this.up();
    const a = [...this.accounts.values()].find((x) => x.login === login);
    return a ? { dn: a.dn, login: a.login, employeeId: a.employeeId, mail: a.attributes.mail ?? null } : null;
  }

  async findAccountByEmployeeId(_directory: string, employeeId: string) {
    this.up();
    const a = [...this.accounts.values()].find((x) => x.employeeId === employeeId);
    return a ? { dn: a.dn, login: a.login, employeeId: a.employeeId, mail: a.attributes.mail ?? null } : null;
  }

  async updateAccount(_directory: string, dn: string, changes: AccountChanges): Promise<void> {
    this.up();
    Object.assign(this.account(dn).attributes, changes);
  }

  async setPassword(_directory: string, dn: string, _password: string, options: { mustChange: boolean }): Promise<void> {
    this.up();
    this.account(dn);
    const was = this.passwords.get(dn.toLowerCase());
    this.passwords.set(dn.toLowerCase(), { count: (was?.count ?? 0) + 1, mustChange: options.mustChange });
  }

  async enableAccount(_directory: string, dn: string): Promise<void> {
    this.up();
    this.account(dn).enabled = true;
  }

  async disableAccount(_directory: string, dn: string): Promise<void> {
    this.up();
    this.account(dn).enabled = false;
  }

  async moveAccount(_directory: string, dn: string, newParentDn: string): Promise<{ dn: string }> {
    this.up();
    const a = this.account(dn);
    const moved = `${dn.split(',')[0]},${newParentDn}`;
    this.accounts.delete(dn.toLowerCase());
    this.accounts.set(moved.toLowerCase(), { ...a, dn: moved });
    for (const key of [...this.members]) {
      if (key.endsWith(`|${dn.toLowerCase()}`)) {
        this.members.delete(key);
        this.members.add(key.slice(0, -dn.length) + moved.toLowerCase());
      }
    }
    return { dn: moved };
  }

  async deleteAccount(_directory: string, dn: string): Promise<'deleted' | 'absent'> {
    this.up();
    return this.accounts.delete(dn.toLowerCase()) ? 'deleted' : 'absent';
  }

  async listGroupsOf(directory: string, dn: string): Promise<string[]> {
    this.up();
    const suffix = `|${dn.toLowerCase()}`;
    return [...this.members].filter((k) => k.startsWith(`${directory}|`) && k.endsWith(suffix)).map((k) => k.split('|')[1]!);
  }

  /** The account whose login this is, or undefined. */
  byLogin(login: string): FakeAccount | undefined {
    return [...this.accounts.values()].find((a) => a.login === login);
  }
}
