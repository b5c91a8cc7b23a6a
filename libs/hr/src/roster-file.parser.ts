import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import * as z from 'zod';
import { parseCsv } from './csv.js';
import { HrRoster, type HrRecord } from './hr-record.model.js';
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
    employeeId: z.string().trim().min(1, 'every person needs an employeeId'),
    login: text,
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
  .strict();

export const ROSTER_COLUMNS = Object.keys(recordSchema.shape);

/** Reads an HR roster export, CSV (header row with the column names) or JSON (an array of people). */
export async function readRosterFile(file: string): Promise<HrRoster> {
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
  const rows = extname(file).toLowerCase() === '.json' ? jsonRows(file, content) : csvRows(file, content);
  const records: HrRecord[] = [];
  const seen = new Map<string, number | null>();
  for (const { line, value } of rows) {
    const parsed = recordSchema.safeParse(value);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      const what =
        i.code === 'unrecognized_keys' ? `unknown column(s) ${i.keys.join(', ')}: expected ${ROSTER_COLUMNS.join(', ')}` : `${i.path.join('.')}: ${i.message}`;
      throw new RosterFileError(file, line, what);
    }
    const key = parsed.data.employeeId.toLowerCase();
    if (seen.has(key)) throw new RosterFileError(file, line, `employeeId ${parsed.data.employeeId} appears twice (first at line ${seen.get(key)})`);
    seen.set(key, line);
    records.push(parsed.data as HrRecord);
  }
  return new HrRoster(records);
}

function csvRows(file: string, content: string): Array<{ line: number | null; value: Record<string, string> }> {
  let rows: ReturnType<typeof parseCsv>;
  try {
    rows = parseCsv(content);
  } catch (err) {
    throw new RosterFileError(file, null, (err as Error).message);
  }
  const [header, ...data] = rows;
  if (!header) throw new RosterFileError(file, null, `the roster is empty: expected a header row (${ROSTER_COLUMNS.join(', ')}) and one row per person`);
  const names = header.cells.map((c) => c.trim());
  return data.map(({ line, cells }) => {
    if (cells.length !== names.length) throw new RosterFileError(file, line, `${cells.length} fields where the header has ${names.length}`);
    return { line, value: Object.fromEntries(names.map((n, i) => [n, cells[i]])) };
  });
}

function jsonRows(file: string, content: string): Array<{ line: number | null; value: unknown }> {
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (err) {
    throw new RosterFileError(file, null, `not valid JSON: ${(err as Error).message}`);
  }
  const list = Array.isArray(data) ? data : (data as { employees?: unknown })?.employees;
  if (!Array.isArray(list)) throw new RosterFileError(file, null, 'expected an array of people, or { "employees": [...] }');
  // JSON has no useful line numbers once parsed: name the entry instead.
  return list.map((value, i) => ({ line: null, value: normalizeJson(value, i, file) }));
}

function normalizeJson(value: unknown, index: number, file: string): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new RosterFileError(file, null, `entry ${index}: expected an object`);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, v == null ? '' : String(v)]));
}
