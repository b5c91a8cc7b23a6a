import type { RuleFamily, Severity } from '#vigie/audit';
import type { ReportLang } from './compliance-report.model.js';

/** Every label of the report, in each language: the renderers write no word of their own. */
export interface ReportTexts {
  locale: string;
  /** French puts a narrow no-break space before a colon. */
  colon: string;
  title: string;
  period: string;
  generatedAt: string;
  company: string;
  directories: string;
  sections: {
    score: string;
    trend: string;
    findings: string;
    rules: string;
    changes: string;
    privileged: string;
    personalData: string;
    riskAcceptances: string;
    checkpoint: string;
  };
  score: string;
  level: string;
  noAudit: string;
  pointsLost: string;
  topRules: string;
  bySeverity: string;
  byFamily: string;
  severity: Record<Severity, string>;
  family: Record<RuleFamily, string>;
  rule: string;
  count: string;
  points: string;
  why: string;
  fixOn: Record<'ad' | 'openldap', string>;
  firstSubjects: string;
  noText: string;
  opened: string;
  resolved: string;
  scoreThen: string;
  scoreNow: string;
  group: string;
  account: string;
  lastLogon: string;
  pwdLastSet: string;
  enabled: string;
  disabled: string;
  resource: string;
  criticality: string;
  categories: string;
  holders: string;
  firstHolders: string;
  finding: string;
  subject: string;
  by: string;
  reason: string;
  until: string;
  chain: string;
  sequence: string;
  time: string;
  hash: string;
  keyId: string;
  none: string;
  noTrend: string;
  page: (n: number, of: number) => string;
  moreInDesk: string;
}

const FR: ReportTexts = {
  locale: 'fr-FR',
  colon: '\u202f: ',
  title: 'Rapport de conformité',
  period: 'Période',
  generatedAt: 'Généré le',
  company: 'Organisation',
  directories: 'Annuaires',
  sections: {
    score: 'Score de sécurité',
    trend: 'Évolution du score',
    findings: 'Constats par gravité et par famille',
    rules: 'Constats par règle et correctifs',
    changes: 'Changements depuis le rapport précédent',
    privileged: 'Comptes à privilèges',
    personalData: 'Ressources contenant des données personnelles',
    riskAcceptances: 'Risques acceptés en cours',
    checkpoint: 'Point de contrôle du journal',
  },
  score: 'Score',
  level: 'Niveau',
  noAudit: 'Aucun audit réussi : lancez `vigie audit`.',
  pointsLost: 'Points perdus',
  topRules: 'Règles qui coûtent le plus',
  bySeverity: 'Par gravité',
  byFamily: 'Par famille',
  severity: { critical: 'Critique', high: 'Élevée', medium: 'Moyenne', low: 'Faible', info: 'Information' },
  family: { hygiene: 'Hygiène', governance: 'Gouvernance', gdpr: 'RGPD' },
  rule: 'Règle',
  count: 'Nombre',
  points: 'Points',
  why: 'Pourquoi c’est important',
  fixOn: { ad: 'Corriger sur Active Directory', openldap: 'Corriger sur OpenLDAP' },
  firstSubjects: 'Premiers concernés',
  noText: 'Pas de texte pour cette règle.',
  opened: 'Constats apparus',
  resolved: 'Constats résolus',
  scoreThen: 'Score en début de période',
  scoreNow: 'Score actuel',
  group: 'Groupe',
  account: 'Compte',
  lastLogon: 'Dernière connexion',
  pwdLastSet: 'Mot de passe changé le',
  enabled: 'actif',
  disabled: 'désactivé',
  resource: 'Ressource',
  criticality: 'Criticité',
  categories: 'Catégories',
  holders: 'Accès',
  firstHolders: 'Premiers titulaires',
  finding: 'Constat',
  subject: 'Concerné',
  by: 'Par',
  reason: 'Motif',
  until: 'Jusqu’au',
  chain: 'Chaîne',
  sequence: 'Séquence',
  time: 'Date',
  hash: 'Empreinte de tête',
  keyId: 'Clé de signature',
  none: 'Aucun.',
  noTrend: 'Pas encore d’historique.',
  page: (n, of) => `Page ${n} sur ${of}`,
  moreInDesk: 'La liste complète est dans le poste de travail et l’export CSV.',
};

const EN: ReportTexts = {
  locale: 'en-GB',
  colon: ': ',
  title: 'Compliance report',
  period: 'Period',
  generatedAt: 'Generated on',
  company: 'Organisation',
  directories: 'Directories',
  sections: {
    score: 'Security score',
    trend: 'Score trend',
    findings: 'Findings by severity and family',
    rules: 'Findings by rule and how to fix them',
    changes: 'Changes since the previous report',
    privileged: 'Privileged accounts',
    personalData: 'Resources holding personal data',
    riskAcceptances: 'Open risk acceptances',
    checkpoint: 'Trail checkpoint',
  },
  score: 'Score',
  level: 'Level',
  noAudit: 'No successful audit yet: run `vigie audit`.',
  pointsLost: 'Points lost',
  topRules: 'Rules that cost the most',
  bySeverity: 'By severity',
  byFamily: 'By family',
  severity: { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', info: 'Info' },
  family: { hygiene: 'Hygiene', governance: 'Governance', gdpr: 'GDPR' },
  rule: 'Rule',
  count: 'Count',
  points: 'Points',
  why: 'Why it matters',
  fixOn: { ad: 'Fix on Active Directory', openldap: 'Fix on OpenLDAP' },
  firstSubjects: 'First subjects',
  noText: 'No text for this rule.',
  opened: 'Findings opened',
  resolved: 'Findings resolved',
  scoreThen: 'Score at the start of the period',
  scoreNow: 'Score now',
  group: 'Group',
  account: 'Account',
  lastLogon: 'Last logon',
  pwdLastSet: 'Password set on',
  enabled: 'enabled',
  disabled: 'disabled',
  resource: 'Resource',
  criticality: 'Criticality',
  categories: 'Categories',
  holders: 'Holders',
  firstHolders: 'First holders',
  finding: 'Finding',
  subject: 'Subject',
  by: 'By',
  reason: 'Reason',
  until: 'Until',
  chain: 'Chain',
  sequence: 'Sequence',
  time: 'Time',
  hash: 'Head hash',
  keyId: 'Signing key',
  none: 'None.',
  noTrend: 'No history yet.',
  page: (n, of) => `Page ${n} of ${of}`,
  moreInDesk: 'The full list is in the desk and the CSV export.',
};

export const REPORT_TEXTS: Readonly<Record<ReportLang, ReportTexts>> = { fr: FR, en: EN };

/** Dates and numbers as the reader writes them (fr-FR or en-GB), in the company's time zone. */
export function formattersOf(lang: ReportLang, timeZone: string) {
  const t = REPORT_TEXTS[lang];
  const date = new Intl.DateTimeFormat(t.locale, { dateStyle: 'long', timeZone });
  const dateTime = new Intl.DateTimeFormat(t.locale, { dateStyle: 'long', timeStyle: 'short', timeZone });
  const number = new Intl.NumberFormat(t.locale);
  // A period runs from one UTC midnight to another (YYYY-MM-DD as given): its days are written as given.
  const day = new Intl.DateTimeFormat(t.locale, { dateStyle: 'long', timeZone: 'UTC' });
  return {
    t,
    date: (d: Date | null) => (d ? date.format(d) : '—'),
    dateTime: (d: Date | null) => (d ? dateTime.format(d) : '—'),
    number: (n: number | null) => (n === null ? '—' : number.format(n)),
    /** The period's end is exclusive: the last day shown is the day before it. */
    period: (from: Date, to: Date) => `${day.format(from)} – ${day.format(new Date(to.getTime() - 1))}`,
  };
}
