import { VigieError } from '#vigie/common';
import { Attribute, BerWriter, Change, EqualityFilter, type Filter, OrFilter } from 'ldapts';
import { firstString, stringValues } from '../directory-entry.js';
import type { LdapDirectorySource } from '../directory-source.js';
import { dnEquals, parentDn, parseDn } from '../dn.js';
import { LdapResultError } from '../ldap/protocol/ldap-connection.js';
import { DirectoryWriteError } from './directory-write.error.js';
import { accountReplacements } from './account-changes.js';
import { type AccountChanges, DirectoryWriter, type FoundAccount, type NewAccount } from './directory-writer.port.js';
import { holds, membershipOf, membershipValue, readGroup } from './group-membership.js';
import { addOutcome, removeOutcome } from './membership-outcome.js';
import { newAccountEntry, rdn, unicodePwd } from './new-account.js';
import { WriteSession, type WriteStep } from './write-session.js';

export interface DirectoryWriterOptions {
  /** The LDAP and AD directories Vigie may write to, each with its service account; any other name is refused. */
  directories: readonly LdapDirectorySource[];
}

/** The DirectoryWriter of the composition root. */
export function createDirectoryWriter(options: DirectoryWriterOptions): DirectoryWriter {
  return new LdapDirectoryWriter(options);
}

// ppolicy's permanent lock (draft-behera-ldap-password-policy §5.3.3): the account stays locked until the value goes.
const LOCKED_FOR_GOOD = '000001010000Z';
const ACCOUNTDISABLE = 0x2;
// RFC 3062 password modify; slapd hashes the new password as its password-hash says (SSHA by default).
const PASSWORD_MODIFY_OID = '1.3.6.1.4.1.4203.1.11.1';

/**
 * Writes to OpenLDAP (`ldap`) and Active Directory (`ad`) with ldapts' messages over Vigie's own connection, one
 * connection per call, bound as the directory's service account. Where the two differ (membership attributes, account
 * state, passwords) the difference is spelt out in the method; see DirectoryWriter for the contract.
 */
export class LdapDirectoryWriter extends DirectoryWriter {
  private readonly sources: ReadonlyMap<string, LdapDirectorySource>;

  constructor(options: DirectoryWriterOptions) {
    super();
    this.sources = new Map(options.directories.map((d) => [d.name, d]));
  }

  async addMember(directory: string, groupDn: string, memberDn: string): Promise<'added' | 'already'> {
    const source = this.sourceOf(directory);
    checkDns(groupDn, memberDn);
    const step = memberStep(`adding a member to ${groupDn}`, groupDn, memberDn);
    return WriteSession.run(source, { encrypted: false }, async (session) => {
      const group = await readGroup(session, groupDn, step);
      // OpenLDAP keeps a member DN that names nothing (memberof-dangling ignore): said here rather than written.
      const member = await session.entry(memberDn, ['uid'], step);
      if (!member) throw session.notFound(step, 'the member does not exist');
      const { attribute, value } = membershipValue(source, group, member);
      const result = await resultOf(() => session.connection.modify(groupDn, [change('add', attribute, [value])]));
      return addOutcome(result.code) ?? session.fail(step, result.error);
    });
  }

  async removeMember(directory: string, groupDn: string, memberDn: string): Promise<'removed' | 'absent'> {
    const source = this.sourceOf(directory);
    checkDns(groupDn, memberDn);
    const step = memberStep(`removing a member from ${groupDn}`, groupDn, memberDn);
    return WriteSession.run(source, { encrypted: false }, async (session) => {
      const group = await readGroup(session, groupDn, step);
      const member = await session.entry(memberDn, ['uid'], step);
      const membership = membershipOf(source, group, member, memberDn);
      const result = await resultOf(() => session.connection.modify(groupDn, [change('delete', membership.attribute, [membership.value])]));
      const outcome = removeOutcome(result.code, source.kind);
      // AD's 53 is also its answer to other refusals: the read-back tells a value that is not there from those.
      if (outcome === 'read-back') return (await holds(session, groupDn, membership, step)) ? session.fail(step, result.error) : 'absent';
      return outcome ?? session.fail(step, result.error);
    });
  }

  async isMember(directory: string, groupDn: string, memberDn: string): Promise<boolean> {
    const source = this.sourceOf(directory);
    checkDns(groupDn, memberDn);
    const step = memberStep(`reading the members of ${groupDn}`, groupDn, memberDn, 'read that group');
    return WriteSession.run(source, { encrypted: false }, async (session) => {
      const group = await readGroup(session, groupDn, step);
      const member = await session.entry(memberDn, ['uid'], step);
      const membership = membershipOf(source, group, member, memberDn);
      return holds(session, groupDn, membership, step);
    });
  }

  async createAccount(directory: string, spec: NewAccount): Promise<{ dn: string }> {
    const source = this.sourceOf(directory);
    const entry = newAccountEntry(source.kind, spec);
    const step: WriteStep = {
      operation: `creating an account under ${spec.parentDn}`,
      subject: `the container ${spec.parentDn}`,
      right: source.kind === 'ad' ? 'create user objects in that OU' : 'add entries under that OU (write on its children and entry)',
      personal: [entry.dn],
    };
    return WriteSession.run(source, { encrypted: false }, async (session) => {
      const attributes = Object.entries(entry.attributes).map(([type, values]) => new Attribute({ type, values }));
      await session.step(step, () => session.connection.add(entry.dn, attributes));
      return { dn: entry.dn };
    });
  }

  disableAccount(directory: string, dn: string): Promise<void> {
    return this.setEnabled(directory, dn, false);
  }

  enableAccount(directory: string, dn: string): Promise<void> {
    return this.setEnabled(directory, dn, true);
  }

  async moveAccount(directory: string, dn: string, newParentDn: string): Promise<{ dn: string }> {
    const source = this.sourceOf(directory);
    checkDns(dn, newParentDn);
    const [first] = parseDn(dn);
    // A multi-valued RDN keeps its pairs; each value escaped as createAccount writes it.
    const rdnText = first!.map(({ type, value }) => rdn(type, value)).join('+');
    const moved = `${rdnText},${newParentDn}`;
    const step: WriteStep = {
      operation: `moving an account to ${newParentDn}`,
      subject: 'the account or the new OU',
      right:
        source.kind === 'ad'
          ? 'delete user objects in the old OU, create them in the new one, and write name and cn'
          : 'write on the entry and on the children of both OUs',
      personal: [dn, moved],
    };
    if (dnEquals(parentDn(dn) ?? '', newParentDn)) return { dn };
    return WriteSession.run(source, { encrypted: false }, async (session) => {
      try {
        await session.step(step, () => session.connection.modifyDn(dn, rdnText, newParentDn));
      } catch (error) {
        // A retried move that was done the first time: the account is where it was asked to go.
        if (error instanceof DirectoryWriteError && error.resultCode === 32 && (await session.entry(moved, [], step))) return { dn: moved };
        throw error;
      }
      return { dn: moved };
    });
  }

  async setPassword(directory: string, dn: string, password: string, options: { mustChange: boolean }): Promise<void> {
    const source = this.sourceOf(directory);
    checkDns(dn);
    if (typeof password !== 'string' || password.length === 0) throw new VigieError('invalid-input', 'the new password is empty: give one');
    const step: WriteStep = {
      operation: 'setting the password of an account',
      subject: 'the account',
      right:
        source.kind === 'ad' ? 'reset the password (and write pwdLastSet) of the accounts in that OU' : 'write userPassword (and pwdReset) of the accounts',
      personal: [dn],
    };
    await WriteSession.run(source, { encrypted: true }, async (session) => {
      if (source.kind === 'ad') {
        // Replace, not delete-then-add of the old value: that is the user's own change, which needs the old password.
        const changes = [change('replace', 'unicodePwd', [unicodePwd(password)])];
        if (options.mustChange) changes.push(change('replace', 'pwdLastSet', ['0']));
        await session.step(step, () => session.connection.modify(dn, changes));
        return;
      }
      await session.step(step, () => session.connection.extended(PASSWORD_MODIFY_OID, passwordModifyValue(dn, password)));
      if (options.mustChange) await session.step(step, () => session.connection.modify(dn, [change('replace', 'pwdReset', ['TRUE'])]));
    });
  }

  async deleteAccount(directory: string, dn: string): Promise<'deleted' | 'absent'> {
    const source = this.sourceOf(directory);
    checkDns(dn);
    const step: WriteStep = {
      operation: 'deleting an account',
      subject: 'the account',
      right: source.kind === 'ad' ? 'delete user objects in that OU' : 'write on the children of the OU (delete)',
      personal: [dn],
    };
    return WriteSession.run(source, { encrypted: false }, async (session) => {
      const result = await resultOf(() => session.connection.delete(dn));
      if (result.code === 0) return 'deleted';
      // Gone already: a retried deletion, or someone deleted it by hand.
      return result.code === 32 ? 'absent' : session.fail(step, result.error);
    });
  }

  findAccount(directory: string, login: string): Promise<FoundAccount | null> {
    if (typeof login !== 'string' || !login.trim()) throw new VigieError('invalid-input', 'the login to look for is empty: give one');
    return this.findBy(directory, 'login', login);
  }

  findAccountByEmployeeId(directory: string, employeeId: string): Promise<FoundAccount | null> {
    if (typeof employeeId !== 'string' || !employeeId.trim()) throw new VigieError('invalid-input', 'the employee id to look for is empty: give one');
    return this.findBy(directory, 'employeeId', employeeId);
  }

  private async findBy(directory: string, by: 'login' | 'employeeId', value: string): Promise<FoundAccount | null> {
    const source = this.sourceOf(directory);
    const [loginAttribute, idAttribute] = source.kind === 'ad' ? ['sAMAccountName', 'employeeID'] : ['uid', 'employeeNumber'];
    const step: WriteStep = {
      operation: `looking for an account by its ${by}`,
      subject: `the base ${source.baseDn}`,
      right: 'read the accounts under the base',
    };
    return WriteSession.run(source, { encrypted: false }, async (session) => {
      // An EqualityFilter carries the value as it is: no text of it is ever read as filter syntax.
      const filter = new EqualityFilter({ attribute: by === 'login' ? loginAttribute : idAttribute, value });
      const { entries } = await session.step(step, () =>
        session.connection.search({ base: source.baseDn, scope: 'sub', filter, attributes: [loginAttribute, idAttribute, 'mail'] }),
      );
      const entry = entries[0]?.entry;
      if (!entry) return null;
      return {
        dn: entry.dn,
        login: firstString(entry, loginAttribute) ?? '',
        employeeId: firstString(entry, idAttribute) ?? null,
        mail: firstString(entry, 'mail') ?? null,
      };
    });
  }

  async updateAccount(directory: string, dn: string, changes: AccountChanges): Promise<void> {
    const source = this.sourceOf(directory);
    checkDns(dn);
    const replacements = accountReplacements(source.kind, changes);
    if (!replacements.length) return;
    const step: WriteStep = {
      operation: `updating an account (${replacements.map((r) => r.type).join(', ')})`,
      subject: 'the account',
      right: `write ${replacements.map((r) => r.type).join(', ')} of the accounts`,
      personal: [dn, ...(changes.managerDn ? [changes.managerDn] : [])],
    };
    await WriteSession.run(source, { encrypted: false }, (session) =>
      session.step(step, () =>
        session.connection.modify(
          dn,
          replacements.map((r) => change('replace', r.type, r.values)),
        ),
      ),
    );
  }

  async listGroupsOf(directory: string, dn: string): Promise<string[]> {
    const source = this.sourceOf(directory);
    checkDns(dn);
    const step: WriteStep = { operation: "reading an account's groups", subject: 'the account', right: 'read the groups under the base', personal: [dn] };
    return WriteSession.run(source, { encrypted: false }, async (session) => {
      const account = await session.entry(dn, source.kind === 'ad' ? ['memberOf'] : ['uid'], step);
      if (!account) throw session.notFound(step, 'the account does not exist');
      if (source.kind === 'ad') return stringValues(account, 'memberOf');
      const uid = firstString(account, 'uid');
      const holders: Filter[] = [new EqualityFilter({ attribute: 'member', value: dn }), new EqualityFilter({ attribute: 'uniqueMember', value: dn })];
      if (uid) holders.push(new EqualityFilter({ attribute: 'memberUid', value: uid }));
      const { entries } = await session.step(step, () =>
        session.connection.search({ base: source.baseDn, scope: 'sub', filter: new OrFilter({ filters: holders }), attributes: ['1.1'] }),
      );
      return entries.map((e) => e.entry.dn);
    });
  }

  private async setEnabled(directory: string, dn: string, enabled: boolean): Promise<void> {
    const source = this.sourceOf(directory);
    checkDns(dn);
    const step: WriteStep = {
      operation: `${enabled ? 'enabling' : 'disabling'} an account`,
      subject: 'the account',
      right:
        source.kind === 'ad'
          ? 'write userAccountControl of the accounts in that OU'
          : 'write pwdAccountLockedTime of the accounts (the ppolicy overlay must be loaded)',
      personal: [dn],
    };
    await WriteSession.run(source, { encrypted: false }, async (session) => {
      if (source.kind === 'ad') {
        // Only the one flag changes: the old value is deleted and the new one added in one modify, which fails (16)
        // if another writer changed userAccountControl since it was read; then it is read again.
        for (let attempt = 1; ; attempt++) {
          const entry = await session.entry(dn, ['userAccountControl'], step, '(objectClass=user)');
          if (!entry) throw session.notFound(step, 'the account does not exist');
          const current = firstString(entry, 'userAccountControl') ?? '512';
          const next = String(enabled ? Number(current) & ~ACCOUNTDISABLE : Number(current) | ACCOUNTDISABLE);
          if (next === current) return;
          const result = await resultOf(() =>
            session.connection.modify(dn, [change('delete', 'userAccountControl', [current]), change('add', 'userAccountControl', [next])]),
          );
          if (result.code === 0) return;
          if (result.code !== 16 || attempt >= 3) session.fail(step, result.error);
        }
      }
      if (!enabled) {
        await session.step(step, () => session.connection.modify(dn, [change('replace', 'pwdAccountLockedTime', [LOCKED_FOR_GOOD])]));
        return;
      }
      // Enabled already (noSuchAttribute): nothing to remove.
      const result = await resultOf(() => session.connection.modify(dn, [change('delete', 'pwdAccountLockedTime', [])]));
      if (result.code !== 0 && result.code !== 16) session.fail(step, result.error);
    });
  }

  private sourceOf(directory: string): LdapDirectorySource {
    const source = this.sources.get(directory);
    if (source) return source;
    const known = [...this.sources.keys()];
    throw new VigieError(
      'configuration',
      known.length
        ? `"${directory}" is not a directory Vigie writes to: the configured LDAP and AD directories are ${known.join(', ')}`
        : `no LDAP or AD directory is configured to write to ("${directory}" was asked for): add it under "directories" with a service account`,
    );
  }
}

function memberStep(operation: string, groupDn: string, memberDn: string, right = 'write the member attribute of that group'): WriteStep {
  return { operation, subject: `the group ${groupDn}`, right, personal: [memberDn] };
}

/** The result code of a write: 0 when done, else the server's, with its error to report when it is a failure. */
async function resultOf(write: () => Promise<void>): Promise<{ code: number; error?: unknown }> {
  try {
    await write();
    return { code: 0 };
  } catch (error) {
    if (error instanceof LdapResultError) return { code: error.code, error };
    throw error;
  }
}

function change(operation: 'add' | 'delete' | 'replace', type: string, values: string[] | Buffer[]): Change {
  return new Change({ operation, modification: new Attribute({ type, values }) });
}

/** PasswdModifyRequestValue (RFC 3062 §2): userIdentity [0] and newPasswd [2]; no oldPasswd, this is a reset. */
function passwordModifyValue(dn: string, password: string): Buffer {
  const writer = new BerWriter();
  writer.startSequence();
  writer.writeString(dn, 0x80);
  writer.writeString(password, 0x82);
  writer.endSequence();
  return writer.buffer;
}

/** Every DN is parsed before anything is sent: a malformed one is the caller's to fix (InvalidDnError, invalid-input). */
function checkDns(...dns: string[]): void {
  for (const dn of dns) {
    if (typeof dn !== 'string' || parseDn(dn).length === 0) throw new VigieError('invalid-input', `"${String(dn)}" is not a DN: give the entry's full DN`);
  }
}
