import { DAY_MS, type DemoPerson, UAC_NORMAL } from './demo-people.factory.js';
import { ouDn, usersContainerDn } from './demo-dn.js';
import type { SeededRandom } from './seeded-random.js';

/** An account that is not an employee's everyday one: built-in, administration or service. */
export interface TechnicalAccount {
  cn: string;
  login: string;
  parentDn: string;
  description?: string;
  /** The owner's employee id, for administration accounts. */
  employeeId?: string;
  /** Well-known RID (500 Administrator...); others get the next free one. */
  rid?: number;
  createdAgo: number;
  lastLogonAgo: number | null;
  pwdLastSetAgo: number | null;
  userAccountControl: number;
  /** Groups it is a direct member of, by sAMAccountName. */
  groups: string[];
  /** Set by AD's SDProp on members of protected groups. */
  adminCount: boolean;
  servicePrincipalNames?: string[];
}

// Administrator is "sensitive and cannot be delegated" (0x100000), as ANSSI recommends.
const UAC_NOT_DELEGATED = UAC_NORMAL | 0x100000;
// AD's defaults: Guest is disabled, password not required, never expires; krbtgt is disabled.
const UAC_GUEST = 0x10222;
const UAC_DISABLED = UAC_NORMAL | 0x2;
const DOMAIN_AGE_DAYS = 2920;

export function createBuiltinAccounts(rng: SeededRandom): TechnicalAccount[] {
  const created = DOMAIN_AGE_DAYS * DAY_MS;
  return [
    {
      cn: 'Administrator',
      login: 'Administrator',
      parentDn: usersContainerDn,
      description: 'Built-in account for administering the computer/domain',
      rid: 500,
      createdAgo: created,
      lastLogonAgo: rng.between(2, 14) * DAY_MS,
      pwdLastSetAgo: rng.between(150, 250) * DAY_MS,
      userAccountControl: UAC_NOT_DELEGATED,
      groups: ['Administrators', 'Domain Admins'],
      adminCount: true,
    },
    {
      cn: 'Guest',
      login: 'Guest',
      parentDn: usersContainerDn,
      description: 'Built-in account for guest access to the computer/domain',
      rid: 501,
      createdAgo: created,
      lastLogonAgo: null,
      pwdLastSetAgo: null,
      userAccountControl: UAC_GUEST,
      groups: [],
      adminCount: false,
    },
    {
      cn: 'krbtgt',
      login: 'krbtgt',
      parentDn: usersContainerDn,
      description: 'Key Distribution Center Service Account',
      rid: 502,
      createdAgo: created,
      lastLogonAgo: null,
      // Rotated twice a year by the IT team, as ANSSI recommends.
      pwdLastSetAgo: rng.between(60, 170) * DAY_MS,
      userAccountControl: UAC_DISABLED,
      groups: [],
      adminCount: false,
    },
  ];
}

/**
 * Two system administrators of the IT department get a separate administration account
 * (adm-<login>), without mail, in Domain Admins and Protected Users (tiering, ANSSI).
 */
export function createAdminAccounts(people: DemoPerson[], rng: SeededRandom): TechnicalAccount[] {
  const candidates = people.filter((p) => p.department === 'Informatique' && !p.key && p.employeeType === 'permanent');
  return [0, 1].map(() => {
    const owner = rng.take(candidates);
    owner.title = 'Administrateur systèmes';
    owner.hasAdminAccount = true;
    const createdAgo = Math.min(owner.createdAgo - DAY_MS, rng.between(200, 900) * DAY_MS);
    return {
      cn: `adm-${owner.login}`,
      login: `adm-${owner.login}`,
      parentDn: ouDn('Admins'),
      description: `Compte d'administration de ${owner.givenName} ${owner.sn}`,
      employeeId: owner.employeeId,
      createdAgo,
      lastLogonAgo: rng.between(0.1, 6) * DAY_MS,
      pwdLastSetAgo: rng.between(10, 80) * DAY_MS,
      userAccountControl: UAC_NORMAL,
      groups: ['Domain Admins', 'Protected Users'],
      adminCount: true,
    };
  });
}

export function createServiceAccounts(rng: SeededRandom): TechnicalAccount[] {
  const service = (login: string, description: string): TechnicalAccount => ({
    cn: login,
    login,
    parentDn: ouDn('Services'),
    description,
    createdAgo: rng.between(700, 1800) * DAY_MS,
    lastLogonAgo: rng.between(0.02, 2) * DAY_MS,
    pwdLastSetAgo: rng.between(20, 80) * DAY_MS,
    userAccountControl: UAC_NORMAL,
    groups: [],
    adminCount: false,
  });
  return [service('svc_backup', 'Compte de service des sauvegardes'), service('svc_print', "Compte de service du serveur d'impression")];
}
