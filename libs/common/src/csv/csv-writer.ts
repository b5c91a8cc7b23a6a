/**
 * `excel`: what French Excel opens as it is, by a double click: `;` between cells (`,` is its decimal mark), a UTF-8
 * byte order mark (without it, accents come out as Ã©), CRLF, decimals with a comma. `standard`: RFC 4180 with `,`
 * and `.` decimals, no mark, for tools.
 */
export const CSV_DIALECTS = ['excel', 'standard'] as const;
export type CsvDialect = (typeof CSV_DIALECTS)[number];
export type CsvCell = string | number | null | undefined;

/** The dialect asked for, else the one of the language: French users open CSV in Excel, tools read the comma form. */
export function csvDialectFor(lang: 'fr' | 'en', asked?: CsvDialect): CsvDialect {
  return asked ?? (lang === 'fr' ? 'excel' : 'standard');
}

const BOM = '\uFEFF';

/** Writes CSV a row at a time (so that a long export streams): `start()` once, then `row()` per line. */
export class CsvWriter {
  readonly separator: ';' | ',';
  private readonly needsQuotes: RegExp;

  constructor(readonly dialect: CsvDialect) {
    this.separator = dialect === 'excel' ? ';' : ',';
    // Either separator is quoted in both dialects: a cell copied from one file to the other stays one cell.
    this.needsQuotes = /[",;\r\n]/;
  }

  /** What comes before the first row: the byte order mark, in the excel dialect. */
  start(): string {
    return this.dialect === 'excel' ? BOM : '';
  }

  row(cells: readonly CsvCell[]): string {
    return `${cells.map((c) => this.cell(c)).join(this.separator)}\r\n`;
  }

  private cell(value: CsvCell): string {
    if (value === null || value === undefined) return '';
    if (typeof value === 'number') return this.dialect === 'excel' ? String(value).replace('.', ',') : String(value);
    // A spreadsheet runs a cell that starts with = + - @ (or a tab or CR before them) as a formula: directory data must never do that.
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return this.needsQuotes.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  }
}

/** A whole CSV document: the header, then the rows. */
export function toCsv(dialect: CsvDialect, header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  const w = new CsvWriter(dialect);
  let text = w.start() + w.row(header);
  for (const r of rows) text += w.row(r);
  return text;
}
