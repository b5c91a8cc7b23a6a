/**
 * When an event applies: a day (YYYY-MM-DD) at 00:00 in the company's timezone (config scheduler.timezone), a date and
 * time with its offset as written, now for an immediate leave.
 */
export function effectiveTimeOf(effectiveDate: string, immediate: boolean, timeZone: string, now: Date): Date {
  if (immediate) return now;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(effectiveDate);
  return day ? midnightIn(Number(day[1]), Number(day[2]), Number(day[3]), timeZone) : new Date(effectiveDate);
}

/**
 * The instant of 00:00 on a day in a timezone: the UTC midnight shifted by the zone's offset there, checked once more
 * for a day whose offset changes (a DST change at midnight falls to the first moment that exists).
 */
export function midnightIn(year: number, month: number, day: number, timeZone: string): Date {
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  let at = utc.getTime() - offsetAt(utc.getTime(), timeZone);
  const again = utc.getTime() - offsetAt(at, timeZone);
  if (again !== at) at = Math.max(at, again);
  return new Date(at);
}

/** The zone's offset from UTC at an instant, in milliseconds (Europe/Paris in winter: +3,600,000). */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const local = new Date(0);
  local.setUTCFullYear(n('year'), n('month') - 1, n('day'));
  local.setUTCHours(n('hour'), n('minute'), n('second'), 0);
  return local.getTime() - (instant - (((instant % 1000) + 1000) % 1000));
}
