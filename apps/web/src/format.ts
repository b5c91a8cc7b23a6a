/** Dates and numbers as the reader's language writes them: 7 déc. 2026 and 1 234 in French. */
const LOCALES: Record<string, string> = { fr: 'fr-FR', en: 'en-GB' };

export const localeOf = (lang: string) => LOCALES[lang] ?? 'en-GB';

export function formatDate(value: string | null | undefined, lang: string): string {
  if (!value) return '—';
  return new Intl.DateTimeFormat(localeOf(lang), { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(value));
}

export function formatDateTime(value: string | null | undefined, lang: string): string {
  if (!value) return '—';
  return new Intl.DateTimeFormat(localeOf(lang), { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(
    new Date(value),
  );
}

export function formatNumber(value: number | null | undefined, lang: string): string {
  return value === null || value === undefined ? '—' : new Intl.NumberFormat(localeOf(lang)).format(value);
}
