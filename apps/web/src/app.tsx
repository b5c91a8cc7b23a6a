import { useTranslation } from 'react-i18next';
import { Layout } from './layout';
import { type Page, pageOf } from './pages/routes';
import { SignInPage } from './pages/sign-in-page';
import { useLocation } from './router';
import { SessionProvider, useAbilities, useSessionQuery } from './session';
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
  return (
    <Layout>
      {!page ? (
        <section>
          <h1>{t('notFound.title')}</h1>
          <p>{t('notFound.text')}</p>
        </section>
      ) : !page.allowed(ability) ? (
        <section>
          <h1>{t(page.title)}</h1>
          <p role="alert">{t('common.notAllowed')}</p>
        </section>
      ) : (
        <page.Component params={found!.params} />
      )}
    </Layout>
  );
}
