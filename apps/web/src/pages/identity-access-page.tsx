import { useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { IdentitySearch } from './identity-search';
import { api, dataOf } from '../api';
import { Link, navigate, useLocation, withQuery } from '../router';
import { Chain, ErrorMessage, PageTitle, Status } from '../ui';
import { useReady } from '../ready';

/** An identity's effective access: each account, each resource it reaches, and for each level the chain that gives it. */
export function IdentityAccessPage({ params }: { params: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  const { query } = useLocation();
  const id = params.id;
  const directory = query.get('directory') ?? '';
  const access = useQuery({
    queryKey: ['identity-access', id, directory],
    queryFn: async () => dataOf(await api.GET('/api/identities/{id}/access', { params: { path: { id: id! }, query: directory ? { directory } : {} } })),
    enabled: Boolean(id),
  });
  // Without an identity the search below says when it is ready.
  useReady(id ? !access.isFetching : undefined);
  const search = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const wanted = String(form.get('id') ?? '').trim();
    if (wanted) navigate(withQuery(`/identities/${encodeURIComponent(wanted)}`, { directory: String(form.get('directory') ?? '').trim() }));
  };
  return (
    <section>
      <PageTitle>{t('identity.title')}</PageTitle>
      <form className="filters" onSubmit={search} role="search" key={`${id}-${directory}`}>
        <label>
          {t('identity.id')}
          <input name="id" required defaultValue={id ?? ''} />
        </label>
        <label>
          {t('findings.directory')}
          <input name="directory" defaultValue={directory} />
        </label>
        <button type="submit" className="primary">
          {t('common.show')}
        </button>
      </form>
      {id ? null : <IdentitySearch />}
      {access.isError ? <ErrorMessage error={access.error} /> : null}
      {access.isFetching && !access.data ? <Status>{t('common.loading')}</Status> : null}
      {access.data ? (
        <>
          <Status>{t('identity.accounts', { count: access.data.accounts.length })}</Status>
          <p>
            <a href={withQuery(`/api/identities/${encodeURIComponent(id!)}/access.csv`, { directory, lang: i18n.language })} download>
              {t('identity.exportCsv')}
            </a>
          </p>
          {access.data.accounts.map((account) => (
            <article key={`${account.directory}:${account.dn}`} className="card">
              <h2>
                {account.displayName ?? account.login ?? account.dn} <span className="muted">({account.directory})</span>
              </h2>
              <p className="muted">
                <code>{account.dn}</code> · {t(`kind.${account.kind}`, { defaultValue: account.kind })} ·{' '}
                {t(account.enabled ? 'identity.enabled' : 'identity.disabled')}
              </p>
              {account.access.length === 0 ? <p>{t('identity.noAccess')}</p> : null}
              <ul className="access-list">
                {account.access.map((a) => (
                  <li key={a.resource.id}>
                    <h3>
                      <Link to={`/resources/${encodeURIComponent(a.resource.id)}`}>{a.resource.name}</Link>{' '}
                      <span className="muted">({a.levels.map((l) => t(`level.${l}`, { defaultValue: l })).join(', ')})</span>
                    </h3>
                    {a.entitlements.map((e, i) => (
                      <div key={i} className="entitlement">
                        <span>{t('identity.through', { level: t(`level.${e.level}`, { defaultValue: e.level }), group: e.group })}</span>
                        <Chain steps={e.explain} label={t('findings.path')} />
                      </div>
                    ))}
                  </li>
                ))}
              </ul>
            </article>
          ))}
        </>
      ) : null}
    </section>
  );
}
