import { describe, expect, it } from '@jest/globals';
import { en } from './en';
import { fr } from './fr';
import { preferredLanguage } from './preferred-language';

/** Every key of a nested resource, dotted. */
function keysOf(resource: object, prefix = ''): string[] {
  return Object.entries(resource).flatMap(([key, value]) => (typeof value === 'string' ? [prefix + key] : keysOf(value as object, `${prefix}${key}.`)));
}

describe('the web desk wording', () => {
  it('has the same keys in French and English, none empty', () => {
    expect(keysOf(fr).sort()).toEqual(keysOf(en).sort());
    const empty = (r: object) => keysOf(r).filter((k) => !k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], r));
    expect(empty(fr)).toEqual([]);
    expect(empty(en)).toEqual([]);
  });

  it('keeps the same placeholders in both languages', () => {
    const placeholders = (r: object) =>
      Object.fromEntries(
        keysOf(r).map((k) => [
          k,
          [...String(k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], r)).matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort(),
        ]),
      );
    expect(placeholders(fr)).toEqual(placeholders(en));
  });

  it('speaks French when the browser asks for it first, English otherwise, and keeps the reader’s choice', () => {
    expect(preferredLanguage(null, ['fr-FR', 'en-US'])).toBe('fr');
    expect(preferredLanguage(null, ['de-DE', 'fr'])).toBe('fr');
    expect(preferredLanguage(null, ['en-GB', 'fr-FR'])).toBe('en');
    expect(preferredLanguage(null, ['de-DE'])).toBe('en');
    expect(preferredLanguage('en', ['fr-FR'])).toBe('en');
    expect(preferredLanguage('xx', ['fr-FR'])).toBe('fr');
  });
});
