import { formatFindingsCsv } from './findings-csv.formatter.js';

describe(formatFindingsCsv.name, () => {
  it('writes one row per finding, quoting what needs it and defusing formulas', () => {
    const csv = formatFindingsCsv({
      asOf: '2026-11-15T00:00:00.000Z',
      policyVersion: 'abc',
      findings: [
        {
          id: 'f1',
          rule: 'G-EXCESS-VS-ROLE',
          severity: 'high',
          subject: { type: 'account', directory: 'corp', dn: 'CN=Martin\\, Paul,DC=acme', login: '=cmd()', employeeId: 'E1' },
          resource: { type: 'share', id: 'share-finance', name: '\\\\fs01\\Finance' },
          message: 'write "access"',
          evidence: { levels: ['write'] },
          explain: ['a ∈ b (direct)', 'b grants write on share-finance'],
        },
      ],
    });
    const [header, row] = csv.trimEnd().split('\r\n');
    expect(header.split(',')).toHaveLength(17);
    expect(row).toContain(`"CN=Martin\\, Paul,DC=acme"`);
    expect(row).toContain(`'=cmd()`);
    expect(row).toContain(`"write ""access"""`);
    expect(row).toContain('a ∈ b (direct) | b grants write on share-finance');
  });
});

describe('the findings CSV for French Excel', () => {
  it('has the byte order mark, semicolons and French headers, and keeps accents', () => {
    const csv = formatFindingsCsv(
      {
        asOf: '2026-11-15T00:00:00.000Z',
        policyVersion: 'abc',
        findings: [
          {
            id: 'f1',
            rule: 'H-GUEST',
            severity: 'high',
            subject: { type: 'account', directory: 'corp', dn: 'uid=hélène,dc=acme', login: 'hélène', employeeId: null },
            resource: null,
            message: 'compte « invité » actif; à désactiver',
            evidence: {},
            explain: [],
          },
        ],
      },
      { dialect: 'excel', lang: 'fr' },
    );
    expect(csv.startsWith('\uFEFFIdentifiant;Contrôle;Sévérité;')).toBe(true);
    const [, row] = csv.slice(1).trimEnd().split('\r\n');
    expect(row).toBe(
      'f1;H-GUEST;high;corp;hélène;;"uid=hélène,dc=acme";;;;"compte « invité » actif; à désactiver";;{};2026-11-15T00:00:00.000Z;abc;account;hélène',
    );
  });
});
