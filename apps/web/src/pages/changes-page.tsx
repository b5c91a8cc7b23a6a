import { useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { type Schema, api, dataOf } from '../api';
import { formatDateTime } from '../format';
import { useReady } from '../ready';
import { navigate, useLocation, withQuery } from '../router';
import { ErrorMessage, PageTitle, Status, CursorPager } from '../ui';

const FILTERS = ['directory', 'object', 'kind', 'from', 'to'] as const;

type Change = Schema<'DirectoryObjectChange'> | Schema<'DirectoryMembershipChange'>;

/** What the syncs found changed in the directories, newest first, filtered and paged by the API. */
export function ChangesPage() {
  const { t, i18n } = useTranslation();
  const { query } = useLocation();
  const filters = Object.fromEntries(FILTERS.map((f) => [f, query.get(f) ?? ''])) as Record<(typeof FILTERS)[number], string>;
  const cursor = query.get('cursor') ?? undefined;
  const list = useQuery({
    queryKey: ['changes', filters, cursor],
    queryFn: async () =>
      dataOf(
        await api.GET('/api/directory-changes', {
          params: { query: { limit: 50, ...(cursor ? { cursor } : {}), ...Object.fromEntries(FILTERS.filter((f) => filters[f]).map((f) => [f, filters[f]])) } },
        }),
      ),
    placeholderData: (previous) => previous,
  });
  useReady(!list.isFetching);
  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    navigate(withQuery('/changes', Object.fromEntries(FILTERS.map((f) => [f, String(form.get(f) ?? '').trim()]))));
  };
  return (
    <section>
      <PageTitle>{t('changes.title')}</PageTitle>
      <form className="filters" onSubmit={apply} aria-label={t('common.filters')} key={query.toString()}>
        <label>
          {t('findings.directory')}
          <input name="directory" defaultValue={filters.directory} />
        </label>
        <label>
          {t('changes.object')}
          <input name="object" defaultValue={filters.object} />
        </label>
        <label>
          {t('changes.kind')}
          <select name="kind" defaultValue={filters.kind}>
            <option value="">{t('common.all')}</option>
            <option value="object">{t('changes.kinds.object')}</option>
            <option value="membership">{t('changes.kinds.membership')}</option>
          </select>
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
          <Status>{t('changes.count', { count: list.data.items.length })}</Status>
          <table>
            <caption className="visually-hidden">{t('changes.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('trail.at')}</th>
                <th scope="col">{t('findings.directory')}</th>
                <th scope="col">{t('trail.action')}</th>
                <th scope="col">{t('changes.object')}</th>
                <th scope="col">{t('changes.what')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((c) => (
                <tr key={`${c.runId}-${c.seq}`}>
                  <td>{formatDateTime(c.at, i18n.language)}</td>
                  <td>{c.directory}</td>
                  <td>{t(`changes.action.${c.action}`)}</td>
                  <td>{objectOf(c)}</td>
                  <td>{whatOf(c, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <CursorPager
            hasPrevious={Boolean(cursor)}
            next={list.data.nextCursor ? () => navigate(withQuery('/changes', { ...filters, cursor: list.data.nextCursor! })) : null}
          />
        </>
      ) : list.isPending ? (
        <Status>{t('common.loading')}</Status>
      ) : null}
    </section>
  );
}

function objectOf(c: Change) {
  if (c.kind === 'membership') return <span title={c.groupDn}>{c.groupName ?? c.groupDn}</span>;
  return (
    <span title={c.dn}>
      {c.name ?? c.dn} <span className="muted">({c.objectType})</span>
    </span>
  );
}

const valueOf = (v: unknown) => (v === null ? '∅' : Array.isArray(v) ? v.join(', ') : String(v));

function whatOf(c: Change, t: (key: string, options?: Record<string, unknown>) => string) {
  if (c.kind === 'membership') return t(c.action === 'added' ? 'changes.memberAdded' : 'changes.memberRemoved', { member: c.memberName ?? c.memberDn });
  if (c.action === 'moved') return t('changes.movedFrom', { dn: c.oldDn ?? '?' });
  if (c.changes.length === 0) return '';
  return (
    <ul className="plain">
      {c.changes.map((ch) => (
        <li key={ch.attribute}>
          <code>{ch.attribute}</code>: {valueOf(ch.old)} → {valueOf(ch.new)}
        </li>
      ))}
    </ul>
  );
}
