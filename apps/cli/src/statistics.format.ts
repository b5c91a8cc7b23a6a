import type { UseCaseOutput } from '#vigie/application';
import { type CsvCell, type CsvDialect, toCsv } from '#vigie/common';

export type Statistics = UseCaseOutput<'periodic-statistics'>;
type Month = Statistics['months'][number];
type Lang = 'fr' | 'en';

/** The figures of a month, in the order of the columns; the HR types follow, one column each. */
const COLUMNS: Array<{ en: string; fr: string; value: (m: Month) => number | null }> = [
  { en: 'findings opened', fr: 'Constats ouverts', value: (m) => m.findings.opened },
  { en: 'findings closed', fr: 'Constats clos', value: (m) => m.findings.closed },
  { en: 'mean days to resolve', fr: 'Délai moyen de résolution (j)', value: (m) => m.findings.meanDaysToResolve },
  { en: 'median days to resolve', fr: 'Délai médian de résolution (j)', value: (m) => m.findings.medianDaysToResolve },
  { en: 'audits', fr: 'Audits', value: (m) => m.auditRuns.runs },
  { en: 'audits failed', fr: 'Audits en échec', value: (m) => m.auditRuns.failed },
  { en: 'syncs', fr: 'Synchronisations', value: (m) => m.syncs.runs },
  { en: 'syncs failed', fr: 'Synchronisations en échec', value: (m) => m.syncs.failed },
  { en: 'object changes', fr: 'Objets modifiés', value: (m) => m.syncs.objectChanges },
  { en: 'membership changes', fr: 'Appartenances modifiées', value: (m) => m.syncs.membershipChanges },
  { en: 'requests created', fr: 'Demandes créées', value: (m) => m.requests.created },
  { en: 'requests decided', fr: 'Demandes décidées', value: (m) => m.requests.decided },
  { en: 'approved', fr: 'Approuvées', value: (m) => m.requests.approved },
  { en: 'rejected', fr: 'Refusées', value: (m) => m.requests.rejected },
  { en: 'mean days to decide', fr: 'Délai moyen de décision (j)', value: (m) => m.requests.meanDaysToDecide },
  { en: 'median days to decide', fr: 'Délai médian de décision (j)', value: (m) => m.requests.medianDaysToDecide },
  { en: 'provisioned', fr: 'Provisionnées', value: (m) => m.requests.provisioned },
  { en: 'mean days to provision', fr: 'Délai moyen de provisionnement (j)', value: (m) => m.requests.meanDaysToProvision },
];
const HR_TYPES = ['hire', 'update', 'move', 'leave', 'cancel'];
const HR_LABEL: Record<string, string> = { hire: 'arrivées', update: 'mises à jour', move: 'mobilités', leave: 'départs', cancel: 'annulations' };

function columns(report: Statistics, lang: Lang): { header: string[]; rows: Array<Array<number | null>> } {
  const seen = new Set(report.months.flatMap((m) => Object.keys(m.hrEvents)));
  const types = [...HR_TYPES, ...[...seen].filter((t) => !HR_TYPES.includes(t)).sort()];
  const header = [...COLUMNS.map((c) => c[lang]), ...types.map((t) => (lang === 'fr' ? `Événements RH : ${HR_LABEL[t] ?? t}` : `HR ${t}`))];
  const rows = report.months.map((m) => [...COLUMNS.map((c) => c.value(m)), ...types.map((t) => m.hrEvents[t] ?? 0)]);
  return { header, rows };
}

/** One row per month, for a spreadsheet. */
export function formatStatisticsCsv(report: Statistics, lang: Lang, dialect: CsvDialect): string {
  const { header, rows } = columns(report, lang);
  return toCsv(
    dialect,
    [lang === 'fr' ? 'Mois' : 'month', ...header],
    rows.map((r, i): CsvCell[] => [report.months[i]!.month, ...r]),
  );
}

/** One column per month, one line per figure: a year of months fits a terminal better across than down. */
export function formatStatisticsTable(report: Statistics, lang: Lang): string {
  const { header, rows } = columns(report, lang);
  const number = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 });
  const cell = (v: number | null) => (v === null ? '-' : number.format(v));
  const labelWidth = Math.max(...header.map((h) => h.length));
  const widths = report.months.map((m, i) => Math.max(m.month.length, ...rows[i]!.map((v) => cell(v).length)));
  const line = (label: string, cells: string[]) => `${label.padEnd(labelWidth)}  ${cells.map((c, i) => c.padStart(widths[i]!)).join('  ')}`.trimEnd();
  const title =
    lang === 'fr'
      ? `Statistiques du ${report.from} au ${report.to} (fuseau ${report.timezone})`
      : `Statistics from ${report.from} to ${report.to} (timezone ${report.timezone})`;
  return `${[
    title,
    '',
    line(
      '',
      report.months.map((m) => m.month),
    ),
    ...header.map((h, j) =>
      line(
        h,
        rows.map((r) => cell(r[j]!)),
      ),
    ),
  ].join('\n')}\n`;
}
