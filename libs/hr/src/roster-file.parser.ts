import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import * as z from 'zod';
import { parseCsv } from './csv.js';
import { HrRoster, type HrRecord } from './hr-record.model.js';
import { expectedColumnsText, readHeader, type RosterColumn, type RosterFormat } from './roster-columns.js';
import { RosterFileError } from './roster-file.error.js';

const text = z
  .string()
  .optional()
  .transform((s) => s?.trim() || null);
const optionalDate = z
  .string()
  .optional()
  .transform((s, ctx) => {
    const t = s?.trim();
    if (!t) return null;
    const d = new Date(`${t}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(t) || Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: 'custom', message: `expected a date as YYYY-MM-DD, got "${t}"` });
      return z.NEVER;
    }
    return d;
  });

const recordSchema = z
  .object({
    employeeId: text,
    login: text,
    mail: text.refine((m) => m === null || /^[^@\s]+@[^@\s]+$/.test(m), 'expected a mail address such as jdupont@acme.fr'),
    firstName: text,
    lastName: text,
    department: text,
    title: text,
    employeeType: text,
    hireDate: optionalDate,
    endDate: optionalDate,
    moveDate: optionalDate,
    previousDepartment: text,
    previousTitle: text,
  })
  .strict()
  .refine((r) => r.employeeId || r.mail || r.login, {
    path: ['employeeId'],
    message: 'this person has no employeeId, mail or login: an HR record is matched to accounts by one of them',
  });

type Row = { line: number | null; where: string; value: Partial<Record<RosterColumn, string>> };

/**
 * Reads an HR roster export, CSV (header row with the column names) or JSON (an array of people). Columns may carry
 * Vigie's names, usual aliases (givenName, familyName, email...) or the names `format.columns` gives.
 */
export async function readRosterFile(file: string, format: RosterFormat = {}): Promise<HrRoster> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (err) {
    throw new RosterFileError(
      file,
      null,
      `cannot read the HR roster (${(err as NodeJS.ErrnoException).code ?? err}); check the path given with --hr or hr.rosterFile`,
    );
  }
  const rows = extname(file).toLowerCase() === '.json' ? jsonRows(file, content, format) : csvRows(file, content, format);
  const records: HrRecord[] = [];
  const seen = new Map<string, string>();
  for (const { line, where, value } of rows) {
    const parsed = recordSchema.safeParse(value);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      throw new RosterFileError(file, line, `${where}${i.path.join('.')}: ${i.message}`);
    }
    // People are told apart by employee id, else by mail: two rows for one of them would match an account twice.
    for (const key of ['employeeId', 'mail'] as const) {
      const value = parsed.data[key];
      if (!value) continue;
      const first = seen.get(`${key}:${value.toLowerCase()}`);
      if (first) throw new RosterFileError(file, line, `${where}${key} ${value} appears twice (first at ${first})`);
      seen.set(`${key}:${value.toLowerCase()}`, line ? `line ${line}` : where.replace(/: $/, ''));
    }
    records.push(parsed.data as HrRecord);
  }
  return new HrRoster(records);
}

function csvRows(file: string, content: string, format: RosterFormat): Row[] {
  let rows: ReturnType<typeof parseCsv>;
  try {
    rows = parseCsv(content);
  } catch (err) {
    throw new RosterFileError(file, null, (err as Error).message);
  }
  const [header, ...data] = rows;
  if (!header) throw new RosterFileError(file, null, `the roster is empty: expected a header row (${expectedColumnsText()}) and one row per person`);
  const names = header.cells.map((c) => c.trim());
  const fields = checkHeader(file, header.line, names, format);
  return data.map(({ line, cells }) => {
    if (cells.length !== names.length) throw new RosterFileError(file, line, `${cells.length} fields where the header has ${names.length}`);
    return { line, where: '', value: valuesOf(fields, cells) };
  });
}

/** The header's problems are the header's: reported at its line, with what was expected and what was found. */
function checkHeader(file: string, line: number | null, names: readonly string[], format: RosterFormat): Array<RosterColumn | null> {
  const { fields, unknown, twice } = readHeader(names, format);
  const found = `found: ${names.join(', ')}`;
  if (unknown.length) {
    throw new RosterFileError(
      file,
      line,
      `unknown column(s) ${unknown.join(', ')}: expected ${expectedColumnsText()}; ${found}. ` +
        'Name the field a column holds in hr.columns of the configuration, or list the column in hr.ignoreColumns',
    );
  }
  if (twice.length) throw new RosterFileError(file, line, `two columns give ${twice.join(', ')} (${found}): keep one, or list the other in hr.ignoreColumns`);
  if (!fields.some((field) => field === 'employeeId' || field === 'mail' || field === 'login')) {
    throw new RosterFileError(
      file,
      line,
      `no column identifies people: expected employeeId, mail or login (or a name hr.columns maps to one of them); ${found}`,
    );
  }
  return fields;
}

function valuesOf(fields: ReadonlyArray<RosterColumn | null>, cells: readonly string[]): Partial<Record<RosterColumn, string>> {
  const value: Partial<Record<RosterColumn, string>> = {};
  fields.forEach((field, i) => {
    if (field) value[field] = cells[i];
  });
  return value;
}

function jsonRows(file: string, content: string, format: RosterFormat): Row[] {
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (err) {
    throw new RosterFileError(file, null, `not valid JSON: ${(err as Error).message}`);
  }
  const list = Array.isArray(data) ? data : (data as { employees?: unknown })?.employees;
  if (!Array.isArray(list)) throw new RosterFileError(file, null, 'expected an array of people, or { "employees": [...] }');
  // JSON has no useful line numbers once parsed: name the entry instead.
  return list.map((value, i) => {
    const entry = normalizeJson(value, i, file);
    const where = `entry ${i}: `;
    const names = Object.keys(entry);
    const { fields, unknown, twice } = readHeader(names, format);
    if (unknown.length) {
      throw new RosterFileError(file, null, `${where}unknown field(s) ${unknown.join(', ')}: expected ${expectedColumnsText()}; found: ${names.join(', ')}`);
    }
    if (twice.length) throw new RosterFileError(file, null, `${where}two fields give ${twice.join(', ')} (found: ${names.join(', ')})`);
    return { line: null, where, value: valuesOf(fields, Object.values(entry)) };
  });
}

function normalizeJson(value: unknown, index: number, file: string): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new RosterFileError(file, null, `entry ${index}: expected an object`);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, v == null ? '' : String(v)]));
}
