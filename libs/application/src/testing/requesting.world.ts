import type { HrSource } from '#vigie/hr';
import { SnapshotSlices } from '#vigie/access/testing';
import type { AccountRecord, DirectorySnapshot } from '#vigie/identity';
import { aGroup, aSnapshot, anAccount } from '#vigie/identity/testing';
import { loadPolicy, type Policy, StaticPolicySource } from '#vigie/policy';
import type { RequestingSources } from '../use-cases/shared/requesting.js';
import { accessRequestsWorld } from './access-requests.world.js';
import { fakeOf } from './service-fake.js';
import { SHIPPED_POLICIES } from './fixtures.js';

const DOMAIN = 'S-1-5-21-10-20-30';

/** A person of Acme in `corp`, at the DN aPersonActor signs them in with. */
export const anEmployee = (login: string, over: Partial<AccountRecord> = {}): AccountRecord =>
  anAccount(login, { dn: `uid=${login},ou=people,dc=acme,dc=test`, mail: `${login}@acme.test`, ...over });

/**
 * Acme's groups as the shipped policy names them (AGDLP), with payroll nested in HR: GG_Paie ∈ GG_RH ∈ DL_RH_RW. erin
 * (Finance, reports to mark) holds nothing yet; paul (Finance too) is in payroll; rita (RH) writes the HR share;
 * olga (E1002) owns the Finance share.
 */
export function acmeSnapshot(directory = 'corp', more: AccountRecord[] = [], links: Array<[string, string]> = []): DirectorySnapshot {
  const mark = anEmployee('mark', { employeeId: 'E2001', department: 'Finance' });
  const accounts = [
    mark,
    anEmployee('erin', { employeeId: 'E2002', department: 'Finance', managerDn: mark.dn }),
    anEmployee('paul', { employeeId: 'E2003', department: 'Finance', managerDn: mark.dn }),
    anEmployee('rita', { employeeId: 'E2004', department: 'RH' }),
    anEmployee('olga', { employeeId: 'E1002', department: 'Finance' }),
    ...more,
  ].map((a) => ({ ...a, directory }));
  const groups = [
    'GG_Finance',
    'GG_RH',
    'GG_Paie',
    'DL_Finance_RW',
    'DL_Finance_R',
    'DL_RH_RW',
    'DL_Commercial_RW',
    'DL_Imprimantes',
    'DL_Informatique_Admin',
  ].map((name) => ({ ...aGroup(name), directory }));
  groups.push({ ...aGroup('Domain Admins', { objectSid: `${DOMAIN}-512` }), directory });
  const snapshot = aSnapshot(accounts, groups, [
    ['GG_Finance', 'DL_Finance_RW'],
    ['GG_RH', 'DL_RH_RW'],
    ['GG_Paie', 'GG_RH'],
    ['paul', 'GG_Paie'],
    ['rita', 'GG_RH'],
    ...links,
  ]);
  return { ...snapshot, directory };
}

/** The shipped policy, loaded once. */
let shipped: Promise<Policy> | undefined;
export const shippedPolicy = () => (shipped ??= loadPolicy(SHIPPED_POLICIES));

/** The sources of a requesting spec, with accessRequestsWorld's stores; `policy` overrides the shipped one (settings.requests...). */
export async function requestingWorld(options: { snapshots?: DirectorySnapshot[]; policy?: (p: Policy) => Policy } = {}) {
  const policy = (options.policy ?? ((p) => p))(await shippedPolicy());
  const snapshots = options.snapshots ?? [acmeSnapshot()];
  const sources: RequestingSources = {
    policies: new StaticPolicySource(policy),
    slices: new SnapshotSlices(snapshots),
    hr: fakeOf<HrSource>({ load: async () => null }),
  };
  return { ...accessRequestsWorld(), sources, policy };
}
