import { UsageError } from '#vigie/common';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * `--as-of`: the moment an audit judges, for the report of a past day or a reproducible test. A day means its start,
 * 00:00 UTC, as the use case reads it; a time needs its zone, so that the same command judges the same moment on
 * every machine. 2026-02-30 is refused rather than rolled over to March.
 */
export function parseAsOf(value: string): string {
  const instant = DAY.test(value) ? `${value}T00:00:00Z` : value;
  const date = new Date(instant);
  const calendarDay = value.slice(0, 10);
  if ((!DAY.test(value) && !INSTANT.test(value)) || Number.isNaN(date.getTime()) || !sameCalendarDay(calendarDay)) {
    throw new UsageError(
      `invalid --as-of "${value}": expected a day as YYYY-MM-DD (judged at 00:00 UTC), or a date and time with its zone such as 2026-11-15T08:00:00Z`,
    );
  }
  return date.toISOString();
}

function sameCalendarDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}
