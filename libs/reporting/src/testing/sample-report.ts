import type { ComplianceReport, ReportLang } from '../compliance-report.model.js';

/** A report with a value in every section, some of them hostile to HTML. */
export function sampleReport(lang: ReportLang, overrides: Partial<ComplianceReport> = {}): ComplianceReport {
  return {
    period: { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') },
    generatedAt: new Date('2026-12-01T07:00:00Z'),
    lang,
    timeZone: 'Europe/Paris',
    company: 'Acme <Industries>',
    directories: [{ name: 'corp', kind: 'ad' }],
    score: {
      value: 62,
      level: 2,
      asOf: new Date('2026-11-30T02:00:00Z'),
      lostByFamily: { hygiene: 28, governance: 10, gdpr: 0 },
      topRules: [{ rule: 'H-PWD-NEVER-EXPIRES', severity: 'high', count: 3, points: 12 }],
    },
    trend: [
      { day: '2026-11-01', score: 50 },
      { day: '2026-11-15', score: null },
      { day: '2026-11-30', score: 62 },
    ],
    bySeverity: { critical: 0, high: 3, medium: 1, low: 0, info: 0 },
    byFamily: { hygiene: 3, governance: 1, gdpr: 0 },
    rules: [
      {
        rule: 'H-PWD-NEVER-EXPIRES',
        family: 'hygiene',
        severity: 'high',
        count: 3,
        why: 'A password that never expires <stays>',
        fixes: [{ kind: 'ad', text: 'Set-ADUser -Identity <login> -PasswordNeverExpires $false' }],
        firstSubjects: ['alice', '<script>alert(1)</script>'],
      },
    ],
    changes: { opened: 4, resolved: 1, scoreThen: 50, scoreNow: 62 },
    privileged: [
      { directory: 'corp', group: 'Admins du domaine', login: 'admin.jean', enabled: true, lastLogon: new Date('2026-11-20T08:00:00Z'), pwdLastSet: null },
    ],
    personalData: [{ id: 'payroll', name: 'Paie & salaires', criticality: 'high', categories: ['health'], holders: 12, firstHolders: ['alice'] }],
    riskAcceptances: [
      {
        finding: 'f1',
        rule: 'H-PWD-NEVER-EXPIRES',
        subject: 'svc.backup',
        by: 'rssi',
        reason: 'legacy "backup" tool',
        until: new Date('2027-01-31T23:59:59Z'),
      },
    ],
    checkpoint: { chain: 'change', seq: 1234, at: new Date('2026-11-30T23:00:00Z'), hash: 'ab'.repeat(32), keyId: '0123456789abcdef' },
    ...overrides,
  };
}
