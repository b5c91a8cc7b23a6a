import { useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, dataOf } from '../api';
import { formatNumber } from '../format';
import { Link, navigate, useLocation, withQuery } from '../router';
import { Chain, ErrorMessage, PageTitle, Status } from '../ui';
import { useReady } from '../ready';

const PAGE_SIZE = 100;

/**
 * Who can reach a resource of the policy, and how: the API pages the holders (offset and limit), so a resource held
 * by thousands of accounts loads one page at a time.
 */
export function ResourceAccessPage({ params }: { params: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  const { query } = useLocation();
  const id = params.id;
  const directory = query.get('directory') ?? '';
  const offset = Math.max(0, Number.parseInt(query.get('offset') ?? '0', 10) || 0);
  const access = useQuery({
    queryKey: ['resource-access', id, directory, offset],
    queryFn: async () =>
      dataOf(
        await api.GET('/api/resources/{id}/access', {
          params: { path: { id: id! }, query: { offset, limit: PAGE_SIZE, ...(directory ? { directory } : {}) } },
        }),
      ),
    enabled: Boolean(id),
    placeholderData: (previous) => previous,
  });
  useReady(!access.isFetching);
  const search = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const wanted = String(form.get('id') ?? '').trim();
    if (wanted) navigate(withQuery(`/resources/${encodeURIComponent(wanted)}`, { directory: String(form.get('directory') ?? '').trim() }));
  };
  const here = (at: number) => withQuery(`/resources/${encodeURIComponent(id ?? '')}`, { directory, offset: at ? String(at) : '' });
  const data = access.data;
  const lang = i18n.language;
  return (
    <section>
      <PageTitle>{t('resource.title')}</PageTitle>
      <form className="filters" onSubmit={search} role="search" key={`${id}-${directory}`}>
        <label>
          {t('resource.id')}
          <input name="id" required defaultValue={id ?? ''} placeholder="share-finance" />
        </label>
        <label>
          {t('findings.directory')}
          <input name="directory" defaultValue={directory} />
        </label>
        <button type="submit" className="primary">
          {t('common.show')}
        </button>
      </form>
      {access.isError ? <ErrorMessage error={access.error} /> : null}
      {access.isFetching && !data ? <Status>{t('common.loading')}</Status> : null}
      {data ? (
        <>
          <article className="card">
            <h2>{data.resource.name}</h2>
            <p>
              <a href={withQuery(`/api/resources/${encodeURIComponent(id!)}/access.csv`, { directory, lang })} download>
                {t('resource.exportCsv')}
              </a>
            </p>
            <dl className="facts">
              <dt>{t('resource.type')}</dt>
              <dd>{data.resource.type}</dd>
              <dt>{t('resource.criticality')}</dt>
              <dd>{data.resource.criticality ? t(`criticality.${data.resource.criticality}`, { defaultValue: data.resource.criticality }) : '—'}</dd>
              <dt>{t('resource.owner')}</dt>
              <dd>{data.resource.owner ?? '—'}</dd>
              <dt>{t('resource.personalData')}</dt>
              <dd>{data.resource.personalData?.length ? data.resource.personalData.join(', ') : t('resource.noPersonalData')}</dd>
            </dl>
            {data.openTo.length > 0 ? (
              <div className="warning">
                <h3>{t('resource.openTo')}</h3>
                <ul>
                  {data.openTo.map((o, i) => (
                    <li key={i}>
                      {o.principal} ({o.directory}) — {t(`level.${o.level}`, { defaultValue: o.level })}
                      <Chain steps={o.explain} label={t('findings.path')} />
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </article>
          <Status>
            {t('resource.holders', {
              count: data.total,
              total: formatNumber(data.total, lang),
              from: formatNumber(data.total === 0 ? 0 : data.offset + 1, lang),
              to: formatNumber(data.offset + data.holders.length, lang),
            })}
          </Status>
          {data.holders.length > 0 ? (
            <table>
              <caption className="visually-hidden">{t('resource.holdersCaption', { name: data.resource.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('resource.holder')}</th>
                  <th scope="col">{t('findings.directory')}</th>
                  <th scope="col">{t('resource.levels')}</th>
                  <th scope="col">{t('resource.how')}</th>
                </tr>
              </thead>
              <tbody>
                {data.holders.map((h) => (
                  <tr key={`${h.directory}:${h.dn}`}>
                    <td>
                      {h.login ? (
                        <Link to={withQuery(`/identities/${encodeURIComponent(h.login)}`, { directory: h.directory })}>{h.displayName ?? h.login}</Link>
                      ) : (
                        (h.displayName ?? h.dn)
                      )}
                      {h.enabled ? null : <span className="muted"> ({t('identity.disabled')})</span>}
                    </td>
                    <td>{h.directory}</td>
                    <td>{h.levels.map((l) => t(`level.${l}`, { defaultValue: l })).join(', ')}</td>
                    <td>
                      {h.entitlements.map((e, i) => (
                        <Chain key={i} steps={e.explain} label={t('findings.path')} />
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <nav className="pager" aria-label={t('common.pages')}>
            {data.offset > 0 ? (
              <button type="button" onClick={() => navigate(here(Math.max(0, data.offset - PAGE_SIZE)))}>
                {t('common.previous')}
              </button>
            ) : null}
            {data.offset + data.holders.length < data.total ? (
              <button type="button" onClick={() => navigate(here(data.offset + PAGE_SIZE))}>
                {t('common.next')}
              </button>
            ) : null}
          </nav>
        </>
      ) : null}
    </section>
  );
}
