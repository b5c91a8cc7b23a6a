import type { RemediationLang, RuleFamily, Severity } from '#vigie/audit';

/** The languages a report is written in: those of the remediation texts. */
export type ReportLang = RemediationLang;
export type ReportFormat = 'pdf' | 'html';
export const REPORT_FORMATS = ['pdf', 'html'] as const;

export interface ReportPeriod {
  from: Date;
  to: Date;
}

/** One rule of the current findings, with why it matters and how to fix it in the report's language. */
export interface ReportRule {
  rule: string;
  family: RuleFamily;
  severity: Severity;
  count: number;
  /** Null for a rule the remediation catalogue has no text for. */
  why: string | null;
  /** The steps for each directory kind present in the company, AD first. */
  fixes: Array<{ kind: 'ad' | 'openldap'; text: string }>;
  /** The first few subjects (login or DN), the full list is in the desk and the CSV export. */
  firstSubjects: string[];
}

export interface PrivilegedAccount {
  directory: string;
  group: string;
  login: string;
  lastLogon: Date | null;
  pwdLastSet: Date | null;
  enabled: boolean;
}

export interface PersonalDataResource {
  id: string;
  name: string;
  criticality: string | null;
  categories: string[];
  holders: number;
  firstHolders: string[];
}

export interface RiskAcceptance {
  finding: string;
  rule: string;
  subject: string | null;
  by: string | null;
  reason: string | null;
  until: Date | null;
}

export interface ReportCheckpoint {
  chain: string;
  seq: number;
  at: Date;
  hash: string;
  keyId: string;
}

/** Everything a compliance report says, computed once; the HTML and PDF renderers only lay it out. */
export interface ComplianceReport {
  period: ReportPeriod;
  generatedAt: Date;
  lang: ReportLang;
  timeZone: string;
  company: string;
  directories: Array<{ name: string; kind: string }>;
  /** Null before the first successful audit. */
  score: {
    value: number;
    level: number;
    asOf: Date;
    lostByFamily: Record<RuleFamily, number>;
    topRules: Array<{ rule: string; severity: Severity; count: number; points: number }>;
  } | null;
  /** One point a day with an audit, oldest first. */
  trend: Array<{ day: string; score: number | null }>;
  bySeverity: Record<Severity, number>;
  byFamily: Record<RuleFamily, number>;
  rules: ReportRule[];
  changes: {
    opened: number;
    resolved: number;
    /** The score at the start of the period (the first trend point in it), null when no audit ran then. */
    scoreThen: number | null;
    scoreNow: number | null;
  };
  privileged: PrivilegedAccount[];
  personalData: PersonalDataResource[];
  riskAcceptances: RiskAcceptance[];
  checkpoint: ReportCheckpoint | null;
}
