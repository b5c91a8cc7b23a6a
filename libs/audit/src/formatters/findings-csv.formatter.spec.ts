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
    expect(header.split(',')).toHaveLength(15);
    expect(row).toContain(`"CN=Martin\\, Paul,DC=acme"`);
    expect(row).toContain(`'=cmd()`);
    expect(row).toContain(`"write ""access"""`);
    expect(row).toContain('a ∈ b (direct) | b grants write on share-finance');
  });
});
