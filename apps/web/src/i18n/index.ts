import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { fr } from './fr';
import { preferredLanguage } from './preferred-language';

export const LANGUAGES = ['fr', 'en'] as const;
const STORED = 'vigie.language';

function storedLanguage(): string | null {
  try {
    return window.localStorage.getItem(STORED);
  } catch {
    return null;
  }
}

export function setUpI18n(): void {
  const lng = preferredLanguage(storedLanguage(), navigator.languages ?? [navigator.language]);
  void i18next.use(initReactI18next).init({
    resources: { fr: { translation: fr }, en: { translation: en } },
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = lng;
}

export function changeLanguage(lng: string): void {
  void i18next.changeLanguage(lng);
  document.documentElement.lang = lng;
  try {
    window.localStorage.setItem(STORED, lng);
  } catch {
    // Private browsing without storage: the choice lasts for this page only.
  }
}
