import { CSV_DIALECTS, type CsvDialect, UsageError, csvDialectFor } from '#vigie/common';

export type CsvLang = 'fr' | 'en';

export interface CsvFlags {
  lang?: string;
  csv?: string;
}

/**
 * The language of the headers and the CSV dialect from `--lang fr|en` and `--csv excel|standard`. Without either, English
 * and the comma form: a script that reads `--format csv` today keeps reading it, whatever the server's locale.
 */
export function csvOptionsOf(flags: CsvFlags): { lang: CsvLang; dialect: CsvDialect } {
  const lang = flags.lang ?? 'en';
  if (lang !== 'fr' && lang !== 'en') throw new UsageError(`unknown language "${lang}": expected fr or en`);
  if (flags.csv !== undefined && !(CSV_DIALECTS as readonly string[]).includes(flags.csv)) {
    throw new UsageError(`unknown CSV dialect "${flags.csv}": expected excel (semicolons and a byte order mark, for French Excel) or standard (commas)`);
  }
  return { lang, dialect: csvDialectFor(lang, flags.csv as CsvDialect | undefined) };
}

export const LANG_OPTION = ['--lang <lang>', 'fr or en: the language of the headers; fr writes CSV for French Excel unless --csv says otherwise'] as const;
export const CSV_OPTION = ['--csv <dialect>', 'excel (";", byte order mark, for French Excel) or standard (","); default: excel with --lang fr'] as const;
