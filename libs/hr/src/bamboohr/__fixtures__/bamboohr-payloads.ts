/**
 * Webhook bodies as BambooHR documents them. The first two are the documentation's own examples
 * (https://documentation.bamboohr.com/docs/field-based-webhooks, https://documentation.bamboohr.com/docs/event-based-webhooks);
 * the others follow the same shapes with the fields a joiner, a mover and a leaver carry.
 */
export const DOCUMENTED_FIELD_BASED = {
  employees: [{ action: 'Updated', changedFields: ['First Name'], fields: { 'First Name': 'Bryony' }, id: '12345', timestamp: '2026-01-31T18:42:00+0000' }],
};

export const DOCUMENTED_EVENT_BASED = {
  type: 'employee.updated',
  timestamp: '2026-01-31T18:42:00+0000',
  data: { companyId: '12345', employeeId: '67890', changedFields: ['firstName'] },
};

/** A joiner posted with BambooHR's English field names (the default), hired on 4 January. */
export const CREATED_WITH_FIELDS = {
  employees: [
    {
      id: '501',
      action: 'Created',
      timestamp: '2026-12-07T09:15:00+0000',
      changedFields: [],
      fields: {
        'First Name': 'Élodie',
        'Last Name': 'de La Fontaine',
        'Work Email': 'elodie.delafontaine@acme.test',
        Department: 'Finance',
        'Job Title': 'Comptable',
        'Supervisor EId': '17',
        Location: 'Lyon',
        'Employment Status': 'Full-Time',
        'Hire Date': '2027-01-04',
        'Pay Rate': '3000 EUR',
      },
    },
  ],
};

/** Two changes in one delivery, posted under API-name aliases: a mover, then a leaver at the end of the month. */
export const MOVE_AND_TERMINATION = {
  employees: [
    {
      id: '502',
      action: 'Updated',
      timestamp: '2026-12-07T10:00:00+0000',
      changedFields: ['Department', 'Job Title'],
      fields: { firstName: 'Loïc', lastName: "N'Diaye", department: 'Ventes', jobTitle: 'Commercial', status: 'Active' },
    },
    {
      id: '503',
      action: 'Updated',
      timestamp: '2026-12-07T10:00:05+0000',
      changedFields: ['Employment Status', 'Termination Date'],
      fields: { firstName: 'Nguyễn', lastName: 'Văn An', employmentHistoryStatus: 'Terminated', terminationDate: '2026-12-31', status: 'Active' },
    },
  ],
};

export const DELETED = { employees: [{ id: '504', action: 'Deleted', timestamp: '2026-12-07T11:00:00+0000', changedFields: [], fields: {} }] };
