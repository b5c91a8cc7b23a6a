import { csvOptionsOf } from './csv-options.js';

describe(csvOptionsOf.name, () => {
  it('keeps English and the comma form by default, French Excel with --lang fr, and an explicit --csv over both', () => {
    expect(csvOptionsOf({})).toEqual({ lang: 'en', dialect: 'standard' });
    expect(csvOptionsOf({ lang: 'fr' })).toEqual({ lang: 'fr', dialect: 'excel' });
    expect(csvOptionsOf({ lang: 'fr', csv: 'standard' })).toEqual({ lang: 'fr', dialect: 'standard' });
    expect(csvOptionsOf({ csv: 'excel' })).toEqual({ lang: 'en', dialect: 'excel' });
  });

  it('refuses an unknown language or dialect, naming the accepted ones', () => {
    expect(() => csvOptionsOf({ lang: 'de' })).toThrow('unknown language "de": expected fr or en');
    expect(() => csvOptionsOf({ csv: 'tsv' })).toThrow(/unknown CSV dialect "tsv": expected excel .* or standard/);
  });
});
