import type { ResourceDef } from '#vigie/policy';
import { catalogueEntry, durationLimits, meaningOf, requestableItems } from './catalogue.js';
import { DEFAULT_REQUEST_SETTINGS, requestSettingsOf } from './request-settings.js';

const source = { file: 'resources/shares.yaml', line: 1, index: 0 };
const aResource = (over: Partial<ResourceDef>): ResourceDef =>
  ({ id: 'share-finance', type: 'share', name: '\\\\fs01\\Finance', grants: {}, source, ...over }) as ResourceDef;

describe(requestableItems.name, () => {
  const finance = aResource({ owner: 'E1002', criticality: 'critical', grants: { write: ['DL_Finance_RW'], read: ['DL_Finance_R'] } });
  const noGrants = aResource({ id: 'share-empty', grants: {} });
  const hidden = aResource({ id: 'share-hidden', requestable: false, grants: { read: ['DL_Hidden'] } });
  const settings = requestSettingsOf({ groups: [{ group: 'GG_VPN', description: 'Remote access (VPN)', owner: 'E1006', criticality: 'high' }] });

  it('lists each resource that grants a level at each level, then the requestable groups of the settings', () => {
    const items = requestableItems([finance, noGrants, hidden], settings, () => false);
    expect(items.map((i) => [i.resource.id, i.level, i.groups])).toEqual([
      ['share-finance', 'write', ['DL_Finance_RW']],
      ['share-finance', 'read', ['DL_Finance_R']],
      ['group:GG_VPN', 'member', ['GG_VPN']],
    ]);
    expect(items[2]).toMatchObject({ meaning: 'Remote access (VPN)', policyResource: null, resource: { type: 'group', criticality: 'high', owner: 'E1006' } });
  });

  it('takes a resource without criticality as medium, and asks the directory whether its groups are privileged', () => {
    const items = requestableItems([aResource({ grants: { admin: ['Domain Admins'] } })], DEFAULT_REQUEST_SETTINGS, (g) => g.includes('Domain Admins'));
    expect(items[0].resource).toMatchObject({ criticality: 'medium', privileged: true, owner: null });
  });
});

describe(meaningOf.name, () => {
  it('says what each level gives, per type of resource', () => {
    expect(meaningOf('share', '\\\\fs01\\RH', 'read')).toBe('read the files of \\\\fs01\\RH');
    expect(meaningOf('share', '\\\\fs01\\RH', 'write')).toBe('read, create and change the files of \\\\fs01\\RH');
    expect(meaningOf('printer', '\\\\prn01\\Lyon', 'write')).toBe('print on \\\\prn01\\Lyon');
    expect(meaningOf('workstation', 'PC-*', 'local-admin')).toBe('administer the computers of PC-* (member of their local Administrators group)');
  });
});

describe(catalogueEntry.name, () => {
  const [item] = requestableItems([aResource({ criticality: 'critical', grants: { write: ['DL_Finance_RW'] } })], DEFAULT_REQUEST_SETTINGS, () => false);
  const facts = { policy: { allowed: false, reason: 'no access rule allows it' }, alreadyHeld: false, openRequest: null };

  it('gives the chain, the durations and the policy decision for the beneficiary', () => {
    expect(catalogueEntry(item, DEFAULT_REQUEST_SETTINGS, facts)).toMatchObject({
      level: 'write',
      allowedByPolicy: false,
      exception: false,
      chain: ['manager', 'owner', 'security-officer'],
      maxDays: 90,
      defaultDays: 30,
      permanentAllowed: false,
    });
  });

  it('marks what the access rules do not allow as an exception where the policy sends those to the security officer', () => {
    const low = requestableItems([aResource({ criticality: 'low', grants: { read: ['DL_R'] } })], DEFAULT_REQUEST_SETTINGS, () => false)[0];
    const entry = catalogueEntry(low, requestSettingsOf({ exceptions: 'security-officer' }), facts);
    expect(entry).toMatchObject({ exception: true, chain: ['manager', 'security-officer'], permanentAllowed: true });
  });

  it('never offers a default longer than the longest grant', () => {
    expect(durationLimits('critical', requestSettingsOf({ defaultDays: 120 }))).toEqual({ maxDays: 90, defaultDays: 90, permanentAllowed: false });
  });
});
