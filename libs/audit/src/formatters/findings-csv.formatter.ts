import { type CsvCell, type CsvDialect, CsvWriter } from '#vigie/common';
import type { Finding, FindingsReport } from '../finding.model.js';
import type { FindingWithState } from '../ports/finding.store.js';

type CsvLang = 'fr' | 'en';

// The English headers stay the field names of the findings contract: tools read them.
const HEADER: Record<CsvLang, string[]> = {
  en: [
    'id',
    'rule',
    'severity',
    'directory',
    'login',
    'employeeId',
    'dn',
    'resourceType',
    'resourceId',
    'resourceName',
    'message',
    'explain',
    'evidence',
    'asOf',
    'policyVersion',
    'subjectType',
    'subject',
  ],
  fr: [
    'Identifiant',
    'Contrôle',
    'Sévérité',
    'Annuaire',
    'Identifiant de connexion',
    'Matricule',
    'DN',
    'Type de ressource',
    'Ressource (id)',
    'Ressource',
    'Message',
    'Explication',
    'Éléments',
    'Date de l’audit',
    'Version de la politique',
    'Type de sujet',
    'Sujet',
  ],
};
const STATE_HEADER: Record<CsvLang, string[]> = {
  en: ['status', 'firstSeenAt', 'decidedBy', 'acceptedUntil'],
  fr: ['Statut', 'Vu pour la première fois', 'Décidé par', 'Risque accepté jusqu’au'],
};

export interface FindingsCsvOptions {
  dialect?: CsvDialect;
  lang?: CsvLang;
  /** Add the lifecycle columns (status, first seen, decided by, accepted until): the findings come with their state. */
  withState?: boolean;
}

/**
 * The findings as CSV a row at a time, for an export that streams: `start()` gives the byte order mark (excel) and
 * the header, `rows()` the lines of a page.
 */
export class FindingsCsv {
  private readonly writer: CsvWriter;
  private readonly lang: CsvLang;
  private readonly withState: boolean;

  constructor(options: FindingsCsvOptions = {}) {
    this.writer = new CsvWriter(options.dialect ?? 'standard');
    this.lang = options.lang ?? 'en';
    this.withState = options.withState ?? false;
  }

  start(): string {
    return this.writer.start() + this.writer.row(this.withState ? [...HEADER[this.lang], ...STATE_HEADER[this.lang]] : HEADER[this.lang]);
  }

  rows(findings: ReadonlyArray<Finding | FindingWithState>, asOf: string, policyVersion: string): string {
    return findings.map((f) => this.writer.row(this.cells(f, asOf, policyVersion))).join('');
  }

  private cells(f: Finding | FindingWithState, asOf: string, policyVersion: string): CsvCell[] {
    const cells: CsvCell[] = [
      f.id,
      f.rule,
      f.severity,
      f.subject.directory,
      f.subject.login,
      f.subject.employeeId,
      f.subject.dn,
      f.resource?.type,
      f.resource?.id,
      f.resource?.name,
      f.message,
      f.explain.join(' | '),
      JSON.stringify(f.evidence),
      asOf,
      policyVersion,
      f.subject.type,
      f.subject.login ?? f.subject.name ?? '',
    ];
    if (!this.withState) return cells;
    const state = 'state' in f ? f.state : null;
    return [...cells, state?.status, iso(state?.firstSeenAt), state?.decidedBy, iso(state?.acceptedUntil)];
  }
}

const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

/** CSV (RFC 4180) of the findings contract, for a spreadsheet: one finding per row. */
export function formatFindingsCsv(report: FindingsReport, options: FindingsCsvOptions = {}): string {
  const csv = new FindingsCsv(options);
  return csv.start() + csv.rows(report.findings, report.asOf, report.policyVersion);
}
