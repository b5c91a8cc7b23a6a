/**
 * The language of the texts when the query gives none: fr when the Accept-Language header prefers French to English
 * (by its q-values, then its order), else en, the API's default.
 */
export function preferredLang(acceptLanguage: string | undefined): 'fr' | 'en' {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/i.exec(p)?.[1]).find(Boolean);
      return { lang: tag.trim().toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q), order };
    })
    .filter((t) => (t.lang === 'fr' || t.lang === 'en') && t.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  return ranked[0]?.lang === 'fr' ? 'fr' : 'en';
}
