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
});
