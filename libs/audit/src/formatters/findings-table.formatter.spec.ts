import type { FindingWithState } from '../ports/finding.store.js';
import { formatFindingStatesTable, formatFindingsTable } from './findings-table.formatter.js';

const finding = (id: string, login: string, status: FindingWithState['state']['status']): FindingWithState => ({
  id,
  rule: 'H-PWD-NEVER-EXPIRES',
  severity: 'medium',
  subject: { type: 'account', directory: 'corp', dn: `uid=${login},dc=corp`, login, employeeId: null },
  resource: null,
  message: 'Password never expires on an enabled account',
  evidence: {},
  explain: [],
  state: {
    status,
    firstSeenAt: new Date('2026-11-02T02:00:00Z'),
    lastSeenAt: new Date('2026-12-07T02:00:00Z'),
    reopenedCount: 0,
    decidedBy: null,
    decidedAt: null,
    reason: null,
    acceptedUntil: null,
  },
});

describe(formatFindingStatesTable.name, () => {
  const report = {
    asOf: '2026-12-07T02:00:00.000Z',
    policyVersion: 'a'.repeat(64),
    findings: [finding('a4692c4a4498b89efd91fc74e98555a7', 'eroux', 'open'), finding('55c0edbe74b74506ba2d0cebbee0c61b', 'mlaurent', 'acknowledged')],
  };

  it('prints one table whose every line carries the id a decision takes, its status and since when', () => {
    const lines = formatFindingStatesTable(report).trimEnd().split('\n');
    expect(lines[0]).toBe('Findings as of 2026-12-07T02:00:00.000Z (policy aaaaaaaaaaaa): 2');
    expect(lines[2]).toMatch(/^ID\s+STATUS\s+SINCE\s+SEVERITY\s+RULE\s+DIRECTORY\s+SUBJECT\s+RESOURCE\s+MESSAGE$/);
    expect(lines.slice(3)).toEqual([
      expect.stringMatching(/^a4692c4a4498b89efd91fc74e98555a7 {2}open {10}2026-11-02 {2}medium +H-PWD-NEVER-EXPIRES +corp +eroux +- +Password never/),
      expect.stringMatching(/^55c0edbe74b74506ba2d0cebbee0c61b {2}acknowledged {2}2026-11-02 {2}medium .* mlaurent /),
    ]);
    expect(lines).toHaveLength(5);
  });

  it('says so when there is nothing to list', () => {
    expect(formatFindingStatesTable({ ...report, findings: [] })).toBe('Findings as of 2026-12-07T02:00:00.000Z (policy aaaaaaaaaaaa): 0\nNo findings.\n');
  });

  it('keeps the audit report table as it was: no id, no status', () => {
    const lines = formatFindingsTable(report).split('\n');
    expect(lines[2]).toMatch(/^SEVERITY\s+RULE\s+DIRECTORY\s+SUBJECT\s+RESOURCE\s+MESSAGE$/);
    expect(lines[3]).toMatch(/^medium +H-PWD-NEVER-EXPIRES +corp +eroux +- +Password never expires on an enabled account$/);
  });
});
