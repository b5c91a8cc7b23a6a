import { UsageError } from '#vigie/common';
import { parseAsOf } from './as-of-option.js';

describe(parseAsOf.name, () => {
  it('reads a day as its start in UTC, and a date and time with its zone as that instant', () => {
    expect(parseAsOf('2026-11-15')).toBe('2026-11-15T00:00:00.000Z');
    expect(parseAsOf('2026-11-15T08:30:00+02:00')).toBe('2026-11-15T06:30:00.000Z');
    expect(parseAsOf('2026-11-15T08:30Z')).toBe('2026-11-15T08:30:00.000Z');
  });

  it.each(['yesterday', '15/11/2026', '2026-02-30', '2026-11-15T08:00:00', '2026-13-01', ''])(
    'refuses %p with a usage error that shows the forms it takes',
    (value) => {
      const error = (() => {
        try {
          return parseAsOf(value);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).message).toBe(
        `invalid --as-of "${value}": expected a day as YYYY-MM-DD (judged at 00:00 UTC), or a date and time with its zone such as 2026-11-15T08:00:00Z`,
      );
    },
  );
});
