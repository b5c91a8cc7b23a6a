import { useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, dataOf } from '../api';
import { formatDateTime } from '../format';
import { navigate, useLocation, withQuery } from '../router';
import { ErrorMessage, PageTitle, Status, CursorPager } from '../ui';
import { useReady } from '../ready';

const FILTERS = ['action', 'actor', 'target', 'from', 'to'] as const;

/** The trail (audit log), newest first, filtered and paged by the API. */
export function TrailPage() {
  const { t, i18n } = useTranslation();
  const { query } = useLocation();
  const filters = Object.fromEntries(FILTERS.map((f) => [f, query.get(f) ?? ''])) as Record<(typeof FILTERS)[number], string>;
  const cursor = query.get('cursor') ?? undefined;
  const list = useQuery({
    queryKey: ['trail', filters, cursor],
    queryFn: async () =>
      dataOf(
        await api.GET('/api/audit-log', {
          params: { query: { limit: 50, ...(cursor ? { cursor } : {}), ...Object.fromEntries(FILTERS.filter((f) => filters[f]).map((f) => [f, filters[f]])) } },
        }),
      ),
    placeholderData: (previous) => previous,
  });
  useReady(!list.isFetching);
  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    navigate(withQuery('/trail', Object.fromEntries(FILTERS.map((f) => [f, String(form.get(f) ?? '').trim()]))));
  };
  return (
    <section>
      <PageTitle>{t('trail.title')}</PageTitle>
      <Verification />
      <form className="filters" onSubmit={apply} aria-label={t('common.filters')} key={query.toString()}>
        <label>
          {t('trail.action')}
          <input name="action" defaultValue={filters.action} placeholder="auth.*" />
        </label>
        <label>
          {t('trail.actor')}
          <input name="actor" defaultValue={filters.actor} />
        </label>
        <label>
          {t('trail.target')}
          <input name="target" defaultValue={filters.target} />
        </label>
        <label>
          {t('trail.from')}
          <input name="from" type="date" defaultValue={filters.from} />
        </label>
        <label>
          {t('trail.to')}
          <input name="to" type="date" defaultValue={filters.to} />
        </label>
        <button type="submit" className="primary">
          {t('common.apply')}
        </button>
      </form>
      {list.isError ? <ErrorMessage error={list.error} /> : null}
      {list.data ? (
        <>
          <Status>{t('trail.count', { count: list.data.entries.length })}</Status>
          <table>
            <caption className="visually-hidden">{t('trail.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('trail.at')}</th>
                <th scope="col">{t('trail.action')}</th>
                <th scope="col">{t('trail.actor')}</th>
                <th scope="col">{t('trail.target')}</th>
                <th scope="col">{t('trail.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.entries.map((e) => (
                <tr key={`${e.chain}-${e.seq}`}>
                  <td>{formatDateTime(e.at, i18n.language)}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>{e.actor.displayName ?? e.actor.login ?? `${e.actor.type}:${e.actor.id}`}</td>
                  <td>{e.target ? `${e.target.type}${e.target.id ? `: ${e.target.id}` : ''}` : '—'}</td>
                  <td>{e.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <CursorPager
            hasPrevious={Boolean(cursor)}
            next={list.data.nextCursor ? () => navigate(withQuery('/trail', { ...filters, cursor: list.data.nextCursor! })) : null}
          />
        </>
      ) : list.isPending ? (
        <Status>{t('common.loading')}</Status>
      ) : null}
    </section>
  );
}

/** Whether the trail's hash chains and checkpoint signatures hold, checked by the API when the page opens. */
function Verification() {
  const { t, i18n } = useTranslation();
  const check = useQuery({ queryKey: ['trail', 'verification'], queryFn: async () => dataOf(await api.GET('/api/audit-log/verification')) });
  if (check.isError) return <ErrorMessage error={check.error} />;
  if (!check.data) return <Status>{t('trail.verifying')}</Status>;
  const v = check.data;
  return (
    <div className={v.ok ? 'verification ok' : 'verification error'} role={v.ok ? undefined : 'alert'}>
      <p>
        <strong>{v.ok ? t('trail.verified') : t('trail.broken', { count: v.problems.length })}</strong>{' '}
        {t('trail.checkedAt', { date: formatDateTime(v.checkedAt, i18n.language) })}{' '}
        {v.latestCheckpoint
          ? t('trail.latestCheckpoint', { date: formatDateTime(v.latestCheckpoint.createdAt, i18n.language), key: v.latestCheckpoint.keyId })
          : t('trail.noCheckpoint')}
      </p>
      {v.problems.length > 0 ? (
        <ul>
          {v.problems.map((p) => (
            <li key={`${p.chain}-${p.seq}-${p.kind}`}>
              {p.chain} #{p.seq}: {p.message}
            </li>
          ))}
        </ul>
      ) : null}
      {v.warnings.length > 0 ? (
        <ul>
          {v.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
