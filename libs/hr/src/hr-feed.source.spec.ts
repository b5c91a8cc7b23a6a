import { InMemoryHrEventStore, anHrPerson, anHrPersonData, anHrRecord } from './testing/index.js';
import { HrFeedSource, hrRecordOfPerson } from './hr-feed.source.js';
import { HrRoster } from './hr-record.model.js';
import { HrSource } from './hr.source.js';

const file = (records: ReturnType<typeof anHrRecord>[] | null): HrSource => ({ load: async () => (records ? new HrRoster(records) : null) });

describe('the HR feed as the audit roster', () => {
  it('gives a person their account login, their dates, their last move and the end of a leaver', () => {
    const moved = { at: new Date('2027-02-01T00:00:00Z'), previousDepartment: 'Finance', previousTitle: 'Comptable' };
    const record = hrRecordOfPerson(
      anHrPerson({
        account: { directory: 'corp', dn: 'uid=elodie.delafontaine,ou=finance,dc=acme,dc=test', login: 'elodie.delafontaine' },
        data: anHrPersonData({ department: 'Ventes', startDate: '2027-01-04' }),
        moved,
      }),
    );
    expect(record).toMatchObject({ employeeId: 'E5001', login: 'elodie.delafontaine', department: 'Ventes', hireDate: new Date('2027-01-04T00:00:00Z') });
    expect(record).toMatchObject({ moveDate: moved.at, previousDepartment: 'Finance', previousTitle: 'Comptable', endDate: null });
    const leftAt = new Date('2027-03-01T10:00:00Z');
    expect(hrRecordOfPerson(anHrPerson({ active: false, leftAt })).endDate).toEqual(leftAt);
    expect(hrRecordOfPerson(anHrPerson({ active: false, leftAt, data: anHrPersonData({ endDate: '2027-02-28' }) })).endDate).toEqual(
      new Date('2027-02-28T00:00:00Z'),
    );
  });

  it('reads every person page by page and lets the feed win over a roster row of the same employee', async () => {
    const store = new InMemoryHrEventStore();
    for (let i = 0; i < 2500; i++) {
      const employeeId = `E${String(i).padStart(5, '0')}`;
      store.persons.set(employeeId, anHrPerson({ employeeId, data: anHrPersonData({ employeeId, department: 'Ventes' }) }));
    }
    const source = new HrFeedSource(
      file([anHrRecord({ employeeId: 'E00001', department: 'Finance' }), anHrRecord({ employeeId: 'X1', department: 'Achats' })]),
      async () => store,
    );
    const roster = (await source.load())!;
    expect(roster.records).toHaveLength(2501);
    expect(roster.complete).toBe(true);
    expect(roster.find({ employeeId: 'E00001', login: null })!.department).toBe('Ventes');
    expect(roster.find({ employeeId: 'X1', login: null })!.department).toBe('Achats');
    expect(roster.find({ employeeId: 'E02499', login: null })).toBeDefined();
  });

  it('is partial without a roster file: it knows only the people HR events told of', async () => {
    const store = new InMemoryHrEventStore();
    store.persons.set('E1', anHrPerson({ employeeId: 'E1' }));
    expect((await new HrFeedSource(file(null), async () => store).load())!.complete).toBe(false);
  });

  it('is the roster file alone, or nothing, when the feed knows no one', async () => {
    const store = new InMemoryHrEventStore();
    expect(await new HrFeedSource(file(null), async () => store).load()).toBeNull();
    expect((await new HrFeedSource(file([anHrRecord({ employeeId: 'X1' })]), async () => store).load())!.records).toHaveLength(1);
  });
});
