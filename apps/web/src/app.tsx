import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Layout } from './layout';
import { PAGES, type Page, pageOf } from './pages/routes';
import { SignInPage } from './pages/sign-in-page';
import { navigate, useLocation } from './router';
import { SessionProvider, useAbilities, useSessionQuery } from './session';
import { useReady } from './ready';
import { ErrorMessage } from './ui';

/** The sign-in page until a session is open, then the page the path names, if the person's abilities allow it. */
export function App() {
  const { t } = useTranslation();
  const session = useSessionQuery();
  if (session.isPending) return <p className="loading">{t('common.loading')}</p>;
  if (session.isError) return <ErrorMessage error={session.error} />;
  if (!session.data) return <SignInPage />;
  return (
    <SessionProvider session={session.data}>
      <Routed />
    </SessionProvider>
  );
}

function Routed() {
  const { path } = useLocation();
  const ability = useAbilities();
  const { t } = useTranslation();
  const found = pageOf(path);
  const page: Page | undefined = found?.page;
  // The home page belongs to who may read the findings; anyone else lands on the first page of the nav they may see.
  const home = path === '/' && page && !page.allowed(ability) ? PAGES.find((p) => p.nav && p.path !== '/' && p.allowed(ability)) : undefined;
  useEffect(() => {
    if (home) navigate(home.path);
  }, [home]);
  return (
    <Layout>
      {!page ? (
        <section>
          <Ready />
          <h1>{t('notFound.title')}</h1>
          <p>{t('notFound.text')}</p>
        </section>
      ) : !page.allowed(ability) ? (
        <section>
          <Ready />
          <h1>{t(page.title)}</h1>
          <p role="alert">{t('common.notAllowed')}</p>
        </section>
      ) : (
        <page.Component params={found!.params} />
      )}
    </Layout>
  );
}

/** A page with nothing to load (not found, not allowed) is ready at once. */
function Ready() {
  useReady(true);
  return null;
}
