import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, dataOf, setCsrfToken } from '../api';
import { LANGUAGES, changeLanguage } from '../i18n';
import { ErrorMessage, PageTitle } from '../ui';

/**
 * The directory account's password form (or the break-glass account's), and the OpenID Connect button when the API
 * has a provider set up (its start route redirects then, and answers 404 otherwise).
 */
export function SignInPage() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [breakGlass, setBreakGlass] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const oidc = useQuery({
    queryKey: ['oidc-configured'],
    queryFn: async () => (await fetch('/api/auth/oidc/start', { redirect: 'manual', credentials: 'same-origin' })).type === 'opaqueredirect',
    staleTime: Infinity,
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const signedIn = dataOf(await api.POST('/api/auth/sign-in', { body: { login, password, method: breakGlass ? 'break-glass' : 'directory' } }));
      setCsrfToken(signedIn.csrfToken);
      await client.invalidateQueries({ queryKey: ['session'] });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <main id="main" className="sign-in">
      <div className="sign-in-language">
        <label>
          {t('layout.language')}{' '}
          <select value={i18n.language} onChange={(e) => changeLanguage(e.target.value)}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l} lang={l}>
                {t(`language.${l}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <PageTitle>{t('signIn.title')}</PageTitle>
      <p>{t('signIn.intro')}</p>
      <form onSubmit={submit} aria-describedby={error ? 'sign-in-error' : undefined}>
        <p>
          <label htmlFor="login">{t('signIn.login')}</label>
          <input id="login" name="login" autoComplete="username" required value={login} onChange={(e) => setLogin(e.target.value)} />
        </p>
        <p>
          <label htmlFor="password">{t('signIn.password')}</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </p>
        <p className="inline">
          <input id="break-glass" type="checkbox" checked={breakGlass} onChange={(e) => setBreakGlass(e.target.checked)} />
          <label htmlFor="break-glass">{t('signIn.breakGlass')}</label>
        </p>
        <div id="sign-in-error">{error ? <ErrorMessage error={error} /> : null}</div>
        <button type="submit" className="primary" disabled={busy}>
          {t('signIn.submit')}
        </button>
      </form>
      {oidc.data ? (
        <p>
          <a className="button" href="/api/auth/oidc/start">
            {t('signIn.oidc')}
          </a>
        </p>
      ) : null}
    </main>
  );
}
