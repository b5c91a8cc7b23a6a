import { preferredLang } from './preferred-lang.js';

describe(preferredLang.name, () => {
  it('answers fr when French comes before English, by q-value then by order', () => {
    expect(preferredLang('fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7')).toBe('fr');
    expect(preferredLang('de-DE, fr;q=0.8, en;q=0.5')).toBe('fr');
    expect(preferredLang('en;q=0.4, FR-ca;q=0.6')).toBe('fr');
  });

  it('answers en otherwise: English first, neither language, French refused, or no header', () => {
    expect(preferredLang('en-GB,fr;q=0.9')).toBe('en');
    expect(preferredLang('de, es')).toBe('en');
    expect(preferredLang('fr;q=0, de')).toBe('en');
    expect(preferredLang(undefined)).toBe('en');
    expect(preferredLang('')).toBe('en');
  });
});
