import { isVigieError } from '#vigie/common';
import { CREATED_WITH_FIELDS, DELETED, DOCUMENTED_EVENT_BASED, DOCUMENTED_FIELD_BASED, MOVE_AND_TERMINATION } from './__fixtures__/bamboohr-payloads.js';
import { hrEventsOfBambooHr as sut } from './bamboohr-webhook.mapper.js';

describe('hrEventsOfBambooHr', () => {
  it("maps the documentation's field-based example to an update of the first name, its timestamp made ISO", () => {
    expect(sut(DOCUMENTED_FIELD_BASED)).toEqual([
      {
        source: 'bamboohr',
        eventId: '12345:updated:2026-01-31T18:42:00.000Z',
        type: 'update',
        effectiveDate: '2026-01-31T18:42:00.000Z',
        immediate: false,
        person: expect.objectContaining({ employeeId: '12345', firstName: 'Bryony', lastName: null, department: null }),
        fetchDetails: false,
      },
    ]);
  });

  it("maps the documentation's event-based example to a notification: only the employee id, the details to fetch", () => {
    const [event] = sut(DOCUMENTED_EVENT_BASED);
    expect(event).toMatchObject({ eventId: '67890:updated:2026-01-31T18:42:00.000Z', type: 'update', fetchDetails: true });
    expect(Object.entries(event.person).filter(([, v]) => v !== null)).toEqual([['employeeId', '67890']]);
  });

  it('maps a creation with its fields to a hire on the hire date, every field Vigie reads and none other', () => {
    expect(sut(CREATED_WITH_FIELDS)).toEqual([
      {
        source: 'bamboohr',
        eventId: '501:created:2026-12-07T09:15:00.000Z',
        type: 'hire',
        effectiveDate: '2027-01-04',
        immediate: false,
        person: {
          employeeId: '501',
          firstName: 'Élodie',
          lastName: 'de La Fontaine',
          mail: 'elodie.delafontaine@acme.test',
          department: 'Finance',
          title: 'Comptable',
          managerEmployeeId: '17',
          site: 'Lyon',
          employeeType: 'employee',
          startDate: '2027-01-04',
          endDate: null,
        },
        fetchDetails: false,
      },
    ]);
  });

  it('maps a department change to a move and a termination to a leave on its date, one event per entry', () => {
    const [move, leave] = sut(MOVE_AND_TERMINATION);
    expect(move).toMatchObject({ type: 'move', person: { department: 'Ventes', title: 'Commercial' }, fetchDetails: false });
    expect(leave).toMatchObject({ type: 'leave', effectiveDate: '2026-12-31', immediate: false, person: { endDate: '2026-12-31' }, fetchDetails: false });
  });

  it('maps an employee made Inactive without a termination date to a leave at once', () => {
    const body = { employees: [{ id: '9', action: 'Updated', timestamp: '2026-12-07T12:00:00Z', changedFields: ['Status'], fields: { Status: 'Inactive' } }] };
    expect(sut(body)[0]).toMatchObject({ type: 'leave', immediate: true, effectiveDate: '2026-12-07T12:00:00.000Z' });
  });

  it('maps a deletion to a leave at once, with nothing to fetch (BambooHR no longer knows the person)', () => {
    expect(sut(DELETED)[0]).toMatchObject({ type: 'leave', immediate: true, eventId: '504:deleted:2026-12-07T11:00:00.000Z' });
    expect(sut(DELETED)[0].fetchDetails).toBeUndefined();
    expect(sut({ ...DOCUMENTED_EVENT_BASED, type: 'employee.deleted' })[0]).toMatchObject({ type: 'leave', immediate: true });
  });

  it('asks for the details when a change names a field the entry does not carry, or a hire lacks its names', () => {
    const manager = {
      employees: [
        { id: '7', action: 'Updated', timestamp: '2026-12-07T12:00:00Z', changedFields: ['Reporting to'], fields: { 'Reporting to': 'Dupont, Anne' } },
      ],
    };
    expect(sut(manager)[0]).toMatchObject({ type: 'update', fetchDetails: true, person: { managerEmployeeId: null } });
    expect(sut({ ...DOCUMENTED_EVENT_BASED, type: 'employee.created', data: { companyId: '1', employeeId: '8' } })[0]).toMatchObject({
      type: 'hire',
      fetchDetails: true,
    });
    const move = { ...DOCUMENTED_EVENT_BASED, data: { companyId: '1', employeeId: '8', changedFields: ['department'] } };
    expect(sut(move)[0]).toMatchObject({ type: 'move', fetchDetails: true });
  });

  it('gives a delivery sent again the same event ids, and two changes an instant apart two', () => {
    const again = sut(JSON.parse(JSON.stringify(MOVE_AND_TERMINATION)));
    expect(again.map((e) => e.eventId)).toEqual(sut(MOVE_AND_TERMINATION).map((e) => e.eventId));
    expect(new Set(again.map((e) => e.eventId)).size).toBe(2);
  });

  it.each([
    [null, 'the body'],
    [{ foo: 1 }, 'the body'],
    [{ employees: [] }, 'employees'],
    [{ employees: [{ id: '1', action: 'Hired', timestamp: '2026-12-07T12:00:00Z' }] }, 'employees[0].action'],
    [{ employees: [{ id: 'x y', action: 'Created', timestamp: '2026-12-07T12:00:00Z' }] }, 'employees[0].id'],
    [{ employees: [{ id: '1', action: 'Created', timestamp: 'yesterday' }] }, 'employees[0].timestamp'],
    [{ employees: [{ id: '1', action: 'Created', timestamp: '2026-12-07T12:00:00Z', fields: { 'Hire Date': '04/01/2027' } }] }, 'employees[0].fields.hireDate'],
    [{ employees: [{ id: '1', action: 'Updated', timestamp: '2026-12-07T12:00:00Z', changedFields: 'Department' }] }, 'employees[0].changedFields'],
    [{ employees: [{ id: '1', action: 'Updated', timestamp: '2026-12-07T12:00:00Z', fields: { Department: ['Finance'] } }] }, 'employees[0].fields.Department'],
    [{ employees: [{ id: '-1', action: 'Created', timestamp: '2026-12-07T12:00:00Z' }] }, 'employees[0].id'],
    [{ type: 'employee.hired', timestamp: '2026-12-07T12:00:00Z', data: { employeeId: '1' } }, 'type'],
    [{ type: 'employee.created', timestamp: '2026-12-07T12:00:00Z' }, 'data'],
  ])('refuses %j naming %s', (body, field) => {
    let error: unknown;
    try {
      sut(body);
    } catch (e) {
      error = e;
    }
    expect(isVigieError(error) && error.kind).toBe('invalid-input');
    expect((error as Error).message.startsWith(`${field}:`)).toBe(true);
  });
});
