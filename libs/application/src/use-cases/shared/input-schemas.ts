import * as z from 'zod';

/** A list given as repeated values or comma-separated text (`?severity=high,critical`, `--severity high,critical`). */
export const commaList = z.union([z.string(), z.array(z.string())]).transform((v) =>
  (Array.isArray(v) ? v : [v])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean),
);

/**
 * Whether the text's leading YYYY-MM-DD is a day of the calendar: JavaScript reads 2027-02-30 as 2 March, and a date
 * the caller did not write must not be stored.
 */
export function isCalendarDay(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!m) return true;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * ISO 8601 as people write it: a day, or a day and a time with an optional offset. JavaScript's Date alone reads far
 * more (`x' OR '1'='1` as 1 January 2001), and an audit "as of" such text ran as of a day nobody asked for.
 */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** A date or a date and time in ISO 8601 (`2026-05-01`, `2026-05-01T08:00:00Z`), as an instant. */
export const isoInstant = z
  .union([z.string(), z.date()])
  .refine(
    (v) => !Number.isNaN(new Date(v).getTime()) && (typeof v !== 'string' || (ISO_8601.test(v) && isCalendarDay(v))),
    'expected an ISO 8601 date or time, e.g. 2026-05-01 or 2026-05-01T08:00:00Z',
  )
  .transform((v) => new Date(v));

/**
 * The last moment of a day given as YYYY-MM-DD (23:59:59.999 UTC), or the instant of a full ISO 8601 date and time:
 * "until 2026-06-30" includes the 30th, whether it came from the command line or from the API.
 */
export const untilEndOfDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T.+)?$/, 'expected a date, YYYY-MM-DD (or an ISO 8601 date and time)')
  // Checked only once the form is right: one problem, said once (2026-13-45 has the form of a date, not its sense).
  .refine(
    (v) => !/^\d{4}-\d{2}-\d{2}(T.+)?$/.test(v) || (!Number.isNaN(new Date(v).getTime()) && isCalendarDay(v)),
    'expected a date, YYYY-MM-DD (or an ISO 8601 date and time)',
  )
  .transform((v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T23:59:59.999Z`) : new Date(v)));

/** A page: `limit` 1 to 500 (default 50), `offset` from 0. Numbers may come as text (query strings). */
export const pageLimit = z.coerce.number().int().min(1).max(500).default(50);
export const pageOffset = z.coerce.number().int().min(0).default(0);

/** A directory's name as configured. */
export const directoryName = z.string().min(1).max(64);

/** One of these words, refused with a message that lists them (`format: expected one of jsonl, csv`). */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `expected one of ${values.join(', ')}` });
}

/** A time range given as `from` and `to` (both optional, both included): refused when it ends before it starts. */
export function withTimeRange<T extends z.ZodObject<{ from: z.ZodOptional<typeof isoInstant>; to: z.ZodOptional<typeof isoInstant> }>>(schema: T) {
  return schema.refine((v: { from?: Date; to?: Date }) => !v.from || !v.to || v.from <= v.to, { path: ['from'], message: 'must not be after to' });
}

/** A data subject's names as their request gives them (GDPR export and erasure): found and scrubbed in free text. */
export const knownNames = z.array(z.string().trim().min(3, 'a name of at least 3 characters').max(200)).max(20).default([]);
/** A data subject's mail addresses as their request gives them. */
export const knownMails = z
  .array(
    z
      .string()
      .trim()
      .max(320)
      .regex(/^[^@\s]+@[^@\s]+$/, 'a mail address such as jean.dupont@example.com'),
  )
  .max(20)
  .default([]);
