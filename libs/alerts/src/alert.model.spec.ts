import type { Finding } from '#vigie/audit';
import { alertText, alertTitle } from './alert.model.js';

describe(alertText.name, () => {
  const spray: Finding = {
    id: 'f1',
    rule: 'H-PWD-SPRAY',
    severity: 'critical',
    subject: { type: 'directory', directory: 'corp', dn: null, login: null, employeeId: null, name: 'corp' },
    resource: null,
    message: '20 accounts failed their password within 30 minutes: a password spraying attempt?',
    evidence: {},
    explain: ['20 distinct accounts (threshold 20) have a failed password between …'],
  };

  it('names a finding on a whole directory by the directory, with its message and explanation', () => {
    const text = alertText({
      title: alertTitle([spray]),
      asOf: '2026-12-07T06:00:00.000Z',
      policyVersion: 'a'.repeat(64),
      auditRunId: 'r1',
      findings: [spray],
      link: null,
    });
    expect(text.split('\n')).toEqual([
      '[Vigie] new finding: 1 critical',
      'Audit of 2026-12-07T06:00:00.000Z (policy aaaaaaaaaaaa)',
      '',
      '* CRITICAL H-PWD-SPRAY: corp (corp)',
      `  ${spray.message}`,
      `    ${spray.explain[0]}`,
    ]);
  });
});
