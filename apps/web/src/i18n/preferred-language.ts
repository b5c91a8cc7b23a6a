/** French when the browser asks for it before English, English otherwise; the reader's own choice wins (kept in localStorage). */
export function preferredLanguage(stored: string | null, asked: readonly string[]): 'fr' | 'en' {
  if (stored === 'fr' || stored === 'en') return stored;
  for (const tag of asked) {
    const lang = tag.toLowerCase().split('-')[0];
    if (lang === 'fr' || lang === 'en') return lang;
  }
  return 'en';
}
