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

  it('reads a roster with LDAP and SCIM names (givenName, familyName, email) and no employee id, matched by mail', async () => {
    const roster = await readRosterFile(fixture('ok/roster-ldap-names.csv'));
    expect(roster.records).toHaveLength(2);
    expect(roster.find({ employeeId: null, login: 'pleroy', mail: 'paul.leroy@ACME.fr' })).toMatchObject({
      employeeId: null,
      firstName: 'Paul',
      lastName: 'Leroy',
      department: 'COM',
      endDate: new Date('2026-09-30T00:00:00Z'),
    });
    expect(roster.find({ employeeId: null, login: 'anne', mail: null })).toBeUndefined();
  });

  it('reads the column names the configuration gives, and leaves out the columns it says to ignore', async () => {
    const roster = await readRosterFile(fixture('ok/roster-french.csv'), {
      columns: { mail: 'Adresse électronique', endDate: 'Date de sortie' },
      ignoreColumns: ['Téléphone'],
    });
    expect(roster.find({ employeeId: 'm001', login: null })).toMatchObject({
      firstName: 'Anne',
      department: 'Finance',
      mail: 'anne.dupont@acme.fr',
      endDate: null,
    });
  });

  it('refuses a column it cannot place, at line 1, with what it expects and what it found', async () => {
    const err = await readRosterFile(fixture('ok/roster-french.csv')).catch((e) => e);
    expect(err).toBeInstanceOf(RosterFileError);
    expect(err.message).toMatch(/roster-french\.csv:1: unknown column\(s\) Adresse électronique, Date de sortie, Téléphone: expected employeeId/);
    expect(err.message).toMatch(/found: Matricule, Prénom, Nom, Adresse électronique, Service, Poste, Date de sortie, Téléphone\./);
  });

  it('refuses two columns that give the same field', async () => {
    const err = await readRosterFile(fixture('ok/roster-french.csv'), {
      columns: { mail: 'Adresse électronique', endDate: 'Date de sortie', title: 'Téléphone' },
    }).catch((e) => e);
    expect(err.message).toMatch(/roster-french\.csv:1: two columns give title \(found: .*\): keep one, or list the other in hr\.ignoreColumns/);
  });

  it.each([
    ['not-ok/bad-date.csv', /bad-date\.csv:2: endDate: expected a date as YYYY-MM-DD/],
    [
      'not-ok/unknown-column.csv',
      /unknown-column\.csv:1: unknown column\(s\) salary: expected employeeId \(or .*\), login .*; found: employeeId, login, salary\. .*hr\.columns/,
    ],
    [
      'not-ok/no-identifier.csv',
      /no-identifier\.csv:1: no column identifies people: expected employeeId, mail or login .*; found: firstName, lastName, department$/,
    ],
    ['not-ok/nobody.csv', /nobody\.csv:3: employeeId: this person has no employeeId, mail or login/],
    ['not-ok/duplicate-mail.csv', /duplicate-mail\.csv:3: mail ANNE@acme\.fr appears twice \(first at line 2\)/],
    ['not-ok/duplicate.csv', /duplicate\.csv:3: employeeId E1 appears twice \(first at line 2\)/],
    ['not-ok/missing.csv', /missing\.csv: cannot read the HR roster \(ENOENT\)/],
  ])('rejects %s with the file, the line and what is expected', async (name, message) => {
    const err = await readRosterFile(fixture(name)).catch((e) => e);
    expect(err).toBeInstanceOf(RosterFileError);
    expect(err.message).toMatch(message);
  });
});
