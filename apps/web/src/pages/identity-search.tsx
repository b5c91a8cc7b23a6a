import { useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, dataOf } from '../api';
import { useReady } from '../ready';
import { Link, navigate, useLocation, withQuery } from '../router';
import { ErrorMessage, Status } from '../ui';

/** Find an account by the start of its login, name, employee id or mail (the `q` of the URL); each opens its access. */
export function IdentitySearch() {
  const { t } = useTranslation();
  const { query } = useLocation();
  const q = query.get('q') ?? '';
  const cursor = query.get('cursor') ?? undefined;
  const found = useQuery({
    queryKey: ['identity-search', q, cursor],
    queryFn: async () => dataOf(await api.GET('/api/identities', { params: { query: { q, limit: 50, ...(cursor ? { cursor } : {}) } } })),
    enabled: q !== '',
    placeholderData: (previous) => previous,
  });
  useReady(!found.isFetching);
  const search = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    navigate(withQuery('/identities', { q: String(new FormData(e.currentTarget).get('q') ?? '').trim() }));
  };
  return (
    <>
      <form className="filters" onSubmit={search} role="search" key={q}>
        <label>
          {t('identity.search')}
          <input name="q" type="search" required defaultValue={q} />
        </label>
        <button type="submit">{t('identity.searchSubmit')}</button>
      </form>
      {found.isError ? <ErrorMessage error={found.error} /> : null}
      {q && found.data ? (
        found.data.items.length === 0 ? (
          <Status>{t('identity.noResult')}</Status>
        ) : (
          <>
            <h2>{t('identity.results')}</h2>
            <ul>
              {found.data.items.map((a) => (
                <li key={`${a.directory}:${a.dn}`}>
                  <Link to={withQuery(`/identities/${encodeURIComponent(a.login ?? a.dn)}`, { directory: a.directory })}>
                    {a.displayName ?? a.login ?? a.dn}
                  </Link>{' '}
                  <span className="muted">
                    {a.login ? `${a.login} · ` : ''}
                    {a.directory} · {t(a.enabled ? 'identity.enabled' : 'identity.disabled')}
                  </span>
                </li>
              ))}
            </ul>
            {found.data.nextCursor ? (
              <button type="button" onClick={() => navigate(withQuery('/identities', { q, cursor: found.data.nextCursor! }))}>
                {t('common.next')}
              </button>
            ) : null}
          </>
        )
      ) : null}
    </>
  );
}
