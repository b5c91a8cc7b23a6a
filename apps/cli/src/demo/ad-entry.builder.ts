import { FILETIME_NEVER, sidToBytes, toFiletime, toGeneralizedTime, toObjectGuid } from './ad-encoding.js';
import type { TechnicalAccount } from './demo-accounts.factory.js';
import { BASE_DN, COMPANY, DOMAIN, DOMAIN_SID } from './demo-company.data.js';
import { schemaDn } from './demo-dn.js';
import type { DemoGroup, GroupScope } from './demo-groups.factory.js';
import type { DemoPerson } from './demo-people.factory.js';
import type { LdifRecord } from './ldif-record.writer.js';
import type { SeededRandom } from './seeded-random.js';

export interface DemoComputer {
  name: string;
  dn: string;
  rid: number;
  operatingSystem: string;
  operatingSystemVersion: string;
  createdAgo: number;
  lastLogonAgo: number;
  pwdLastSetAgo: number;
  /** Which LAPS manages the local administrator password: Windows LAPS, the legacy one (Windows 7), or none. */
  laps: 'windows' | 'legacy' | null;
}

// groupType (signed 32 bits, security groups are negative) and sAMAccountType, by scope.
const GROUP_TYPE: Record<GroupScope, number> = { global: -2147483646, 'domain-local': -2147483644, builtin: -2147483643 };
const GROUP_ACCOUNT_TYPE: Record<GroupScope, number> = { global: 268435456, 'domain-local': 536870912, builtin: 536870912 };
const USER_ACCOUNT_TYPE = 805306368;
const MACHINE_ACCOUNT_TYPE = 805306369;
const WORKSTATION_TRUST_ACCOUNT = 4096;
const LAPS_ROTATION_MS = 30 * 86_400_000;
const LAPS_EXPIRY = { windows: 'msLAPS-PasswordExpirationTime', legacy: 'ms-Mcs-AdmPwdExpirationTime' } as const;

/**
 * Turns the demo's objects into AD entries with the attributes, order and encodings of an ldifde
 * export: binary objectSid/objectGUID, FILETIME and GeneralizedTime dates, USNs, objectCategory.
 */
export class AdEntryBuilder {
  private usn = 12_000;

  constructor(
    private readonly now: Date,
    private readonly rng: SeededRandom,
  ) {}

  domainRoot(createdAgo: number): LdifRecord {
    return {
      dn: BASE_DN,
      attributes: [
        ['objectClass', ['top', 'domain', 'domainDNS']],
        ['distinguishedName', BASE_DN],
        ['instanceType', '5'],
        ...this.stamps(createdAgo, 1),
        ['name', 'acme'],
        ['objectGUID', this.guid()],
        ['objectSid', sidToBytes(DOMAIN_SID)],
        ['dc', 'acme'],
        ['objectCategory', schemaDn('Domain-DNS')],
      ],
    };
  }

  container(dn: string, cn: string, description: string, createdAgo: number, builtinSid?: string): LdifRecord {
    return {
      dn,
      attributes: [
        ['objectClass', builtinSid ? ['top', 'builtinDomain'] : ['top', 'container']],
        ['cn', cn],
        ['description', description],
        ['distinguishedName', dn],
        ['instanceType', '4'],
        ...this.stamps(createdAgo, createdAgo),
        ['name', cn],
        ['objectGUID', this.guid()],
        ['objectSid', builtinSid ? sidToBytes(builtinSid) : undefined],
        ['objectCategory', schemaDn(builtinSid ? 'Builtin-Domain' : 'Container')],
        ['isCriticalSystemObject', 'TRUE'],
      ],
    };
  }

  organizationalUnit(dn: string, ou: string, description: string, createdAgo: number): LdifRecord {
    return {
      dn,
      attributes: [
        ['objectClass', ['top', 'organizationalUnit']],
        ['ou', ou],
        ['description', description],
        ['distinguishedName', dn],
        ['instanceType', '4'],
        ...this.stamps(createdAgo, createdAgo),
        ['name', ou],
        ['objectGUID', this.guid()],
        ['objectCategory', schemaDn('Organizational-Unit')],
      ],
    };
  }

  person(person: DemoPerson, dn: string, rid: number, managerDn: string | undefined): LdifRecord {
    return {
      dn,
      attributes: [
        ['objectClass', ['top', 'person', 'organizationalPerson', 'user']],
        ['cn', person.cn],
        ['sn', person.sn],
        ['title', person.title],
        ['description', person.description],
        ['l', person.location],
        ['givenName', person.givenName],
        ['distinguishedName', dn],
        ['instanceType', '4'],
        ...this.stamps(person.createdAgo, this.lastChange(person)),
        ['displayName', person.cn],
        ['department', person.department],
        ['company', COMPANY],
        ['manager', managerDn],
        ['name', person.cn],
        ...this.accountCore(person, rid, USER_ACCOUNT_TYPE),
        ['userPrincipalName', `${person.login}@${DOMAIN}`],
        ['objectCategory', schemaDn('Person')],
        ['lastLogonTimestamp', this.optionalFiletime(person.lastLogonAgo)],
        ['mail', person.mail],
        ['employeeID', person.employeeId],
        ['employeeType', person.employeeType],
        ['adminCount', person.adminCount ? '1' : undefined],
        ['sIDHistory', person.sidHistory?.map((sid) => sidToBytes(sid))],
      ],
    };
  }

  technicalAccount(account: TechnicalAccount, dn: string, rid: number): LdifRecord {
    return {
      dn,
      attributes: [
        ['objectClass', ['top', 'person', 'organizationalPerson', 'user']],
        ['cn', account.cn],
        ['description', account.description],
        ['distinguishedName', dn],
        ['instanceType', '4'],
        ...this.stamps(account.createdAgo, this.lastChange(account)),
        ['name', account.cn],
        ...this.accountCore({ ...account, accountExpiresIn: null }, rid, USER_ACCOUNT_TYPE),
        ['adminCount', account.adminCount ? '1' : undefined],
        ['servicePrincipalName', account.servicePrincipalNames],
        ['userPrincipalName', account.rid ? undefined : `${account.login}@${DOMAIN}`],
        ['objectCategory', schemaDn('Person')],
        ['isCriticalSystemObject', account.rid ? 'TRUE' : undefined],
        ['lastLogonTimestamp', this.optionalFiletime(account.lastLogonAgo)],
        ['employeeID', account.employeeId],
      ],
    };
  }

  computer(computer: DemoComputer): LdifRecord {
    const host = computer.name.toLowerCase();
    return {
      dn: computer.dn,
      attributes: [
        ['objectClass', ['top', 'person', 'organizationalPerson', 'user', 'computer']],
        ['cn', computer.name],
        ['distinguishedName', computer.dn],
        ['instanceType', '4'],
        ...this.stamps(computer.createdAgo, Math.min(computer.lastLogonAgo, computer.pwdLastSetAgo)),
        ['name', computer.name],
        ['objectGUID', this.guid()],
        ['userAccountControl', String(WORKSTATION_TRUST_ACCOUNT)],
        ['pwdLastSet', toFiletime(this.ago(computer.pwdLastSetAgo))],
        ['primaryGroupID', '515'],
        ['objectSid', sidToBytes(`${DOMAIN_SID}-${computer.rid}`)],
        ['accountExpires', FILETIME_NEVER],
        ['sAMAccountName', `${computer.name}$`],
        ['sAMAccountType', String(MACHINE_ACCOUNT_TYPE)],
        ['operatingSystem', computer.operatingSystem],
        ['operatingSystemVersion', computer.operatingSystemVersion],
        ['dNSHostName', `${host}.${DOMAIN}`],
        ['objectCategory', schemaDn('Computer')],
        ['lastLogonTimestamp', toFiletime(this.ago(computer.lastLogonAgo))],
        // LAPS rotates the local administrator password: its next expiry is ahead.
        [LAPS_EXPIRY[computer.laps ?? 'windows'], computer.laps ? toFiletime(this.ago(computer.pwdLastSetAgo - LAPS_ROTATION_MS)) : undefined],
      ],
    };
  }

  group(group: DemoGroup, sid: string, createdAgo: number): LdifRecord {
    return {
      dn: group.dn,
      attributes: [
        ['objectClass', ['top', 'group']],
        ['cn', group.name],
        ['description', group.description],
        ['member', group.members],
        ['distinguishedName', group.dn],
        ['instanceType', '4'],
        ...this.stamps(createdAgo, createdAgo / 3),
        ['name', group.name],
        ['objectGUID', this.guid()],
        ['objectSid', sidToBytes(sid)],
        ['adminCount', group.adminCount ? '1' : undefined],
        ['sAMAccountName', group.name],
        ['sAMAccountType', String(GROUP_ACCOUNT_TYPE[group.scope])],
        ['groupType', String(GROUP_TYPE[group.scope])],
        ['objectCategory', schemaDn('Group')],
        ['isCriticalSystemObject', group.system ? 'TRUE' : undefined],
      ],
    };
  }

  private accountCore(
    account: Pick<DemoPerson, 'userAccountControl' | 'pwdLastSetAgo' | 'accountExpiresIn' | 'login'>,
    rid: number,
    accountType: number,
  ): LdifRecord['attributes'] {
    return [
      ['objectGUID', this.guid()],
      ['userAccountControl', String(account.userAccountControl)],
      // 0 is "must change password at next logon".
      ['pwdLastSet', account.pwdLastSetAgo === null ? '0' : toFiletime(this.ago(account.pwdLastSetAgo))],
      ['primaryGroupID', '513'],
      ['objectSid', sidToBytes(`${DOMAIN_SID}-${rid}`)],
      ['accountExpires', account.accountExpiresIn === null ? FILETIME_NEVER : toFiletime(this.ago(-account.accountExpiresIn))],
      ['sAMAccountName', account.login],
      ['sAMAccountType', String(accountType)],
    ];
  }

  /** whenCreated, whenChanged and the USNs, which AD writes between them in an export. */
  private stamps(createdAgo: number, changedAgo: number): LdifRecord['attributes'] {
    const created = (this.usn += this.rng.int(3, 40));
    return [
      ['whenCreated', toGeneralizedTime(this.ago(createdAgo))],
      ['whenChanged', toGeneralizedTime(this.ago(Math.min(createdAgo, changedAgo)))],
      ['uSNCreated', String(created)],
      ['uSNChanged', String(created + this.rng.int(1, 5000))],
    ];
  }

  /** The latest thing that touched the account: creation, password change, logon or expiry. */
  private lastChange(account: { createdAgo: number; lastLogonAgo: number | null; pwdLastSetAgo: number | null; accountExpiresIn?: number | null }): number {
    const expired = account.accountExpiresIn != null && account.accountExpiresIn < 0 ? -account.accountExpiresIn : Infinity;
    return Math.min(account.createdAgo, account.lastLogonAgo ?? Infinity, account.pwdLastSetAgo ?? Infinity, expired);
  }

  private optionalFiletime(agoMs: number | null): string | undefined {
    return agoMs === null ? undefined : toFiletime(this.ago(agoMs));
  }

  private ago(ms: number): Date {
    return new Date(this.now.getTime() - Math.round(ms));
  }

  private guid(): Buffer {
    return toObjectGuid(this.rng.bytes(16));
  }
}
