import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Announcer } from './announce';
import { LANGUAGES, changeLanguage } from './i18n';
import { PAGES } from './pages/routes';
import { Link, useLocation } from './router';
import { useAbilities, useSession } from './session';

/** The frame of every page: a skip link, the nav (only the pages the person's abilities open), the language and sign-out. */
export function Layout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { session, signOut } = useSession();
  const ability = useAbilities();
  const { path } = useLocation();
  const section = '/' + (path.split('/')[1] ?? '');
  return (
    <>
      <a className="skip-link" href="#main">
        {t('layout.skip')}
      </a>
      <header className="top">
        <span className="brand">Vigie</span>
        <nav aria-label={t('layout.nav')}>
          <ul>
            {PAGES.filter((p) => p.nav && p.allowed(ability)).map((p) => (
              <li key={p.path}>
                <Link to={p.path} current={section === p.path}>
                  {t(p.title)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="account">
          <label>
            <span className="visually-hidden">{t('layout.language')}</span>
            <select value={i18n.language} onChange={(e) => changeLanguage(e.target.value)}>
              {LANGUAGES.map((l) => (
                <option key={l} value={l} lang={l}>
                  {t(`language.${l}`)}
                </option>
              ))}
            </select>
          </label>
          <span className="who">
            {session.staff.name} <span className="roles">({session.staff.roles.map((r) => t(`role.${r}`)).join(', ')})</span>
          </span>
          <button type="button" onClick={() => void signOut()}>
            {t('layout.signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Announcer />
        {children}
      </main>
    </>
  );
}
