import { subject } from '@casl/ability';
import { personKey } from './person-key.js';
import { type AccessRequestFacts, abilitiesFor, allowsEveryRecord, allowsRecord } from './staff-abilities.js';
import type { Staff, StaffPerson } from './staff.model.js';
import type { StaffRole } from './staff-role.js';

const person = (login: string, dn = `uid=${login},ou=people,dc=acme`): StaffPerson => ({ directory: 'corp', dn, login });
const signedIn = (who: StaffPerson, ...roles: StaffRole[]): Pick<Staff, 'roles' | 'id' | 'person'> => ({
  roles,
  id: `directory:${who.directory}:${who.dn}`,
  person: who,
});

const alice = person('alice'); // a manager
const bob = person('bob'); // reports to alice
const carol = person('carol'); // owns share-finance
const dave = person('dave'); // neither

/** Bob asks for share-finance, owned by carol; bob reports to alice. */
const bobsRequest: AccessRequestFacts = {
  requester: personKey(bob),
  beneficiary: personKey(bob),
  beneficiaryManager: personKey(alice),
  resourceOwners: [personKey(carol)],
};
const request = (facts: Partial<AccessRequestFacts> = {}) => subject('AccessRequest', { ...bobsRequest, ...facts });

describe(abilitiesFor.name, () => {
  it('gives the admin tokens, configuration, syncs and audits, and reading, but no governance decision', () => {
    const admin = abilitiesFor('admin');
    expect(admin.can('manage', 'ApiToken')).toBe(true);
    expect(admin.can('manage', 'Configuration')).toBe(true);
    expect(admin.can('create', 'SyncRun')).toBe(true);
    expect(admin.can('create', 'AuditRun')).toBe(true);
    for (const read of ['Finding', 'AuditLog', 'Access', 'Metrics', 'ApiDocs', 'Policy'] as const)
      expect([read, admin.can('read', read)]).toEqual([read, true]);
    expect(admin.can('update', 'Finding')).toBe(false);
    expect(abilitiesFor(signedIn(dave, 'admin')).can('decide', request())).toBe(false);
  });

  it('lets the security officer read everything, run the findings’ lifecycle and campaigns, but not tokens or configuration', () => {
    const officer = abilitiesFor('security-officer');
    for (const read of ['Finding', 'AuditRun', 'SyncRun', 'AuditLog', 'Access', 'AccessRequest', 'Report', 'ReviewCampaign', 'Metrics', 'Policy'] as const)
      expect([read, officer.can('read', read)]).toEqual([read, true]);
    expect(officer.can('update', 'Finding')).toBe(true);
    expect(officer.can('create', 'Report')).toBe(true);
    expect(officer.can('manage', 'ReviewCampaign')).toBe(true);
    expect(officer.can('manage', 'ApiToken')).toBe(false);
    expect(officer.can('update', 'Configuration')).toBe(false);
  });

  it('keeps the auditor to reading, the trail included', () => {
    const auditor = abilitiesFor('auditor');
    for (const read of ['Finding', 'AuditRun', 'AuditLog', 'Access', 'AccessRequest', 'Report', 'Policy'] as const)
      expect([read, auditor.can('read', read)]).toEqual([read, true]);
    for (const action of ['create', 'update', 'decide'] as const)
      for (const what of ['Finding', 'AuditRun', 'AccessRequest', 'ApiToken'] as const)
        expect([action, what, auditor.can(action, what)]).toEqual([action, what, false]);
    expect(auditor.can('read', 'Metrics')).toBe(false);
  });

  it('lets the admin read and replay HR events, the security officer read them, and nobody else see them', () => {
    expect(abilitiesFor('admin').can('update', 'HrEvent')).toBe(true);
    expect(abilitiesFor('admin').can('read', 'HrEvent')).toBe(true);
    expect(abilitiesFor('security-officer').can('read', 'HrEvent')).toBe(true);
    expect(abilitiesFor('security-officer').can('update', 'HrEvent')).toBe(false);
    for (const role of ['auditor', 'approver', 'employee'] as const) expect([role, abilitiesFor(role).can('read', 'HrEvent')]).toEqual([role, false]);
  });

  it('lets an approver decide only the requests of the people who report to them or for the resources they own', () => {
    const manager = abilitiesFor(signedIn(alice, 'approver'));
    const owner = abilitiesFor(signedIn(carol, 'approver'));
    const stranger = abilitiesFor(signedIn(dave, 'approver'));
    expect(manager.can('decide', request())).toBe(true);
    expect(owner.can('decide', request())).toBe(true);
    expect(owner.can('read', request())).toBe(true);
    expect(stranger.can('decide', request())).toBe(false);
    expect(stranger.can('read', request())).toBe(false);
    // An owner among several; another resource's owners only: not hers.
    expect(owner.can('decide', request({ resourceOwners: [personKey(dave), personKey(carol)] }))).toBe(true);
    expect(owner.can('decide', request({ resourceOwners: [personKey(dave)] }))).toBe(false);
    // The same person whatever the DN's spelling.
    expect(abilitiesFor(signedIn(person('alice', 'UID=Alice, OU=People,DC=acme'), 'approver')).can('decide', request())).toBe(true);
    // Same DN, another directory: another person.
    expect(abilitiesFor(signedIn({ ...alice, directory: 'corp-ad' }, 'approver')).can('decide', request())).toBe(false);
    // Abilities on the type alone say "some requests", never which.
    expect(allowsEveryRecord(manager, 'decide', 'AccessRequest')).toBe(false);
  });

  it('lets nobody decide their own request, whatever their roles', () => {
    // Alice asks for herself a resource she owns, as her own manager's stand-in: still not hers to decide.
    const own = { requester: personKey(alice), beneficiary: personKey(alice), beneficiaryManager: personKey(alice), resourceOwners: [personKey(alice)] };
    const everything = abilitiesFor(signedIn(alice, 'approver', 'security-officer', 'admin', 'employee'));
    expect(everything.can('decide', request(own))).toBe(false);
    // Asked by her for bob (a manager asking for a report): bob's request, decided by someone else.
    expect(everything.can('decide', request({ requester: personKey(alice) }))).toBe(false);
    // Asked by someone else for her: the beneficiary does not decide either.
    expect(everything.can('decide', request({ requester: personKey(bob), beneficiary: personKey(alice) }))).toBe(false);
    // The security officer decides the others' requests, as a person only.
    expect(abilitiesFor(signedIn(dave, 'security-officer')).can('decide', request())).toBe(true);
    expect(abilitiesFor('security-officer').can('decide', request())).toBe(false);
  });

  it('lets an employee request access for themselves only, and see their own requests', () => {
    const employee = abilitiesFor(signedIn(bob, 'employee'));
    expect(employee.can('create', request())).toBe(true);
    expect(employee.can('create', request({ beneficiary: personKey(dave) }))).toBe(false);
    expect(employee.can('create', request({ requester: personKey(dave) }))).toBe(false);
    expect(employee.can('read', request())).toBe(true);
    expect(employee.can('read', request({ requester: personKey(dave) }))).toBe(true);
    expect(employee.can('read', request({ requester: personKey(dave), beneficiary: personKey(dave) }))).toBe(false);
    expect(employee.can('decide', request())).toBe(false);
    expect(employee.can('read', 'Finding')).toBe(false);
  });

  it('lets an employee read their own effective access and nobody else’s', () => {
    const employee = abilitiesFor(signedIn(bob, 'employee'));
    expect(employee.can('read', subject('Access', { account: personKey(bob) }))).toBe(true);
    expect(employee.can('read', subject('Access', { account: personKey(dave) }))).toBe(false);
    expect(allowsRecord(employee, 'read', 'Access', { account: personKey({ directory: 'corp', dn: 'UID=bob,OU=people,DC=acme' }) })).toBe(true);
    // The type alone: "some access", which a route that does not check each record must not take for "any".
    expect(employee.can('read', 'Access')).toBe(true);
    expect(allowsEveryRecord(employee, 'read', 'Access')).toBe(false);
    expect(allowsEveryRecord(abilitiesFor(signedIn(bob, 'employee', 'auditor')), 'read', 'Access')).toBe(true);
  });

  it('gives a token (no person) none of the conditional abilities', () => {
    const noPerson = abilitiesFor({ roles: ['approver', 'employee'], id: 't1', person: undefined });
    expect(noPerson.can('read', 'AccessRequest')).toBe(false);
    expect(noPerson.can('read', 'Access')).toBe(false);
    expect(noPerson.can('read', 'ApiDocs')).toBe(true);
  });
});

describe(allowsEveryRecord.name, () => {
  it('is true only when an unconditional rule decides before any restriction', () => {
    expect(allowsEveryRecord(abilitiesFor('auditor'), 'read', 'Access')).toBe(true);
    expect(allowsEveryRecord(abilitiesFor('auditor'), 'read', 'Metrics')).toBe(false);
    // The officer may decide, but never their own request: a restriction on some records.
    expect(allowsEveryRecord(abilitiesFor(signedIn(dave, 'security-officer')), 'decide', 'AccessRequest')).toBe(false);
    expect(allowsEveryRecord(abilitiesFor('admin'), 'manage', 'ApiToken')).toBe(true);
  });
});

describe('API token roles', () => {
  it('scopes a token to a staff role, never to a person’s role', async () => {
    const { parseTokenRole } = await import('./staff-role.js');
    expect(parseTokenRole('auditor')).toBe('auditor');
    expect(() => parseTokenRole('employee')).toThrow(/cannot carry the role "employee": it is a person's role/);
    expect(() => parseTokenRole('root')).toThrow(/unknown role "root": expected one of admin, security-officer, auditor/);
  });
});

describe(personKey.name, () => {
  it('spells a person one way whatever the DN’s case and spaces, and keeps directories and escaped commas apart', () => {
    expect(personKey({ directory: 'corp', dn: 'UID=Bob , OU=People,DC=acme' })).toBe('corp:uid=bob,ou=people,dc=acme');
    expect(personKey({ directory: 'corp', dn: 'cn=Doe\\, Jane,ou=x' })).toBe('corp:cn=doe\\, jane,ou=x');
    expect(personKey({ directory: 'corp-ad', dn: 'uid=bob' })).not.toBe(personKey({ directory: 'corp', dn: 'uid=bob' }));
  });
});
