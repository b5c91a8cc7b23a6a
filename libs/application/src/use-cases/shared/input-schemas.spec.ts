import { isCalendarDay, isoInstant, untilEndOfDay } from './input-schemas.js';

describe('dates of the inputs', () => {
  it('refuses a day the calendar does not have, which JavaScript would read as another (2027-02-30 as 2 March)', () => {
    expect(untilEndOfDay.safeParse('2027-02-30').success).toBe(false);
    expect(untilEndOfDay.safeParse('2027-02-29T10:00:00Z').success).toBe(false);
    expect(isoInstant.safeParse('2026-04-31').success).toBe(false);
    expect(untilEndOfDay.safeParse('2027-02-30').error?.issues[0].message).toBe('expected a date, YYYY-MM-DD (or an ISO 8601 date and time)');
  });

  it('accepts the days that exist, leap days included', () => {
    expect(untilEndOfDay.parse('2028-02-29').toISOString()).toBe('2028-02-29T23:59:59.999Z');
    expect(isoInstant.parse('2026-12-31T08:00:00Z').toISOString()).toBe('2026-12-31T08:00:00.000Z');
    expect(isCalendarDay('2026-01-31')).toBe(true);
    expect(isCalendarDay('2026-13-01')).toBe(false);
  });

  it('reads ISO 8601 only, not whatever JavaScript’s Date makes a day of', () => {
    for (const text of ["x' OR '1'='1", '1', 'hello 5', 'March 7, 2026', '+275761-01-01', '2026-05-01T08', '2026-05-01T25:00:00Z'])
      expect([text, isoInstant.safeParse(text).success]).toEqual([text, false]);
    for (const text of ['2026-05-01', '2026-05-01T08:00', '2026-05-01 08:00:00', '2026-05-01T08:00:00.123456Z', '2026-05-01T08:00:00+02:00'])
      expect([text, isoInstant.safeParse(text).success]).toEqual([text, true]);
  });
});
