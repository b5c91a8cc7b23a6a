import { anHrEvent, anHrPerson, anHrPersonData } from '#vigie/hr/testing';
import type { ScimUser } from './scim-user.js';
import { employeeIdOf, hrEventTypeOf, hrPersonDataOf, pendingView, scimUserOf } from './scim-user.mapping.js';

const aScimUser = (over: Partial<ScimUser> = {}): ScimUser => ({
  userName: 'elodie.delafontaine@acme.test',
  externalId: 'E5001',
  active: true,
  givenName: 'Élodie',
  familyName: 'de La Fontaine',
  mail: 'elodie.delafontaine@acme.test',
  title: 'Comptable',
  userType: 'employee',
  site: 'Lyon',
  employeeNumber: null,
  department: 'Finance',
  manager: null,
  ...over,
});

describe('the SCIM user ↔ HR person mapping', () => {
  it('takes the employee id from externalId, else from the enterprise employeeNumber', () => {
    expect(employeeIdOf(aScimUser())).toBe('E5001');
    expect(employeeIdOf(aScimUser({ externalId: null, employeeNumber: 'E77' }))).toBe('E77');
    expect(employeeIdOf(aScimUser({ externalId: null }))).toBeNull();
  });

  it('gives the HR person every attribute it maps, keeping the dates SCIM does not carry', () => {
    const before = anHrPersonData({ startDate: '2027-01-04', endDate: '2027-12-31' });
    expect(hrPersonDataOf(aScimUser({ department: 'Ventes' }), 'E5001', 'E1', before)).toEqual({
      employeeId: 'E5001',
      firstName: 'Élodie',
      lastName: 'de La Fontaine',
      mail: 'elodie.delafontaine@acme.test',
      department: 'Ventes',
      title: 'Comptable',
      managerEmployeeId: 'E1',
      site: 'Lyon',
      employeeType: 'employee',
      startDate: '2027-01-04',
      endDate: '2027-12-31',
    });
    expect(hrPersonDataOf(aScimUser({ title: null }), 'E5001', null)).toMatchObject({ title: null, startDate: null, endDate: null });
  });

  it('answers a person as a SCIM user, with the manager by SCIM id when known and a userName even when none came by SCIM', () => {
    const person = anHrPerson({ userName: 'elodie@acme.test', data: anHrPersonData({ managerEmployeeId: 'E1' }) });
    expect(scimUserOf(person, 'f7e0c1d2-0000-4000-8000-000000000001')).toEqual(
      aScimUser({ userName: 'elodie@acme.test', employeeNumber: 'E5001', manager: 'f7e0c1d2-0000-4000-8000-000000000001' }),
    );
    expect(scimUserOf(person, null).manager).toBe('E1');
    expect(scimUserOf(anHrPerson({ userName: null }), null).userName).toBe('elodie.delafontaine@acme.test');
    expect(scimUserOf(anHrPerson({ userName: null, data: anHrPersonData({ mail: null }) }), null).userName).toBe('E5001');
    expect(scimUserOf(anHrPerson({ active: false }), null).active).toBe(false);
  });

  it('round-trips: what a person is answered as maps back to the same data', () => {
    const person = anHrPerson();
    expect(hrPersonDataOf(scimUserOf(person, null), person.employeeId, person.data.managerEmployeeId, person.data)).toEqual(person.data);
  });

  describe('the HR event a change means', () => {
    const data = anHrPersonData();
    const was = { data, active: true };

    it('is a leave when active turns false, and a hire when it turns true again (a rehire)', () => {
      expect(hrEventTypeOf(was, { data, active: false })).toBe('leave');
      expect(hrEventTypeOf({ data, active: false }, { data, active: true })).toBe('hire');
    });

    it('is a move when the department changes (not its spelling), else an update when anything HR carries changes', () => {
      expect(hrEventTypeOf(was, { data: { ...data, department: 'Ventes', title: 'Chef' }, active: true })).toBe('move');
      expect(hrEventTypeOf(was, { data: { ...data, department: ' FINANCE ' }, active: true })).toBe('update');
      expect(hrEventTypeOf(was, { data: { ...data, title: 'Chef comptable' }, active: true })).toBe('update');
      expect(hrEventTypeOf(was, { data: { ...data, managerEmployeeId: 'E1' }, active: true })).toBe('update');
      expect(hrEventTypeOf(was, { data: { ...data, mail: null }, active: true })).toBe('update');
    });

    it('is nothing when nothing HR carries changed, or for a person who left and stays away', () => {
      expect(hrEventTypeOf(was, { data: { ...data }, active: true })).toBeNull();
      expect(hrEventTypeOf({ data, active: false }, { data: { ...data, title: 'X' }, active: false })).toBeNull();
    });
  });

  it('reads a person with their events not applied yet over what was applied, as the worker will merge them', () => {
    const person = anHrPerson({ active: true });
    const move = anHrEvent({ type: 'move', person: anHrPersonData({ department: 'Ventes', title: null }) });
    const leave = anHrEvent({ type: 'leave', person: anHrPersonData({ department: 'Ventes' }) });
    const cancel = anHrEvent({ type: 'cancel', person: anHrPersonData({ department: 'Achats' }) });
    expect(pendingView(person, [])).toEqual({ data: person.data, active: true });
    expect(pendingView(person, [move])).toEqual({ data: { ...person.data, department: 'Ventes' }, active: true });
    expect(pendingView(person, [move, leave, cancel]).active).toBe(false);
    expect(pendingView({ ...person, active: false }, [anHrEvent({ type: 'hire' })]).active).toBe(true);
    expect(pendingView(person, [cancel]).data.department).toBe('Finance');
  });
});
