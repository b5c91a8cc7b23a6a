import { fileURLToPath } from 'node:url';
import { RosterFileError } from './roster-file.error.js';
import { readRosterFile } from './roster-file.parser.js';

const fixture = (name: string) => fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));

describe(readRosterFile.name, () => {
  it('reads a semicolon CSV export (French Excel) with quoted fields and dates', async () => {
    const roster = await readRosterFile(fixture('ok/roster.csv'));
    expect(roster.records).toHaveLength(3);
    expect(roster.find({ employeeId: 'e2', login: null })).toMatchObject({ lastName: 'Martin; Jr', endDate: new Date('2026-09-30T00:00:00Z'), moveDate: null });
    expect(roster.find({ employeeId: null, login: 'CAROL' })).toMatchObject({ previousDepartment: 'Finance', moveDate: new Date('2026-06-01T00:00:00Z') });
  });

  it('reads a JSON export', async () => {
    const roster = await readRosterFile(fixture('ok/roster.json'));
    expect(roster.find({ employeeId: 'E1', login: null })).toMatchObject({ login: 'alice', endDate: null });
  });

  it.each([
    ['not-ok/bad-date.csv', /bad-date\.csv:2: endDate: expected a date as YYYY-MM-DD/],
    ['not-ok/unknown-column.csv', /unknown-column\.csv:2: unknown column\(s\) salary: expected employeeId, login/],
    ['not-ok/duplicate.csv', /duplicate\.csv:3: employeeId E1 appears twice \(first at line 2\)/],
    ['not-ok/missing.csv', /missing\.csv: cannot read the HR roster \(ENOENT\)/],
  ])('rejects %s with the file, the line and what is expected', async (name, message) => {
    const err = await readRosterFile(fixture(name)).catch((e) => e);
    expect(err).toBeInstanceOf(RosterFileError);
    expect(err.message).toMatch(message);
  });
});
