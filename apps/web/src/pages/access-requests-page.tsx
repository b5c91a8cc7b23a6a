import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { announce } from '../announce';
import { type Schema, api, dataOf } from '../api';
import { formatDate } from '../format';
import { Link, navigate, useLocation, withQuery } from '../router';
import { useAbilities } from '../session';
import { ErrorMessage, PageTitle, Status, CursorPager } from '../ui';
import { useReady } from '../ready';

const VIEWS = ['mine', 'to-decide', 'all'] as const;
type View = (typeof VIEWS)[number];

/**
 * Access requests: mine, those waiting for my decision, and the whole history (as far as my abilities let me read
 * it: the API filters). A pending request the caller may decide has its approve / reject form with a comment.
 */
export function AccessRequestsPage() {
  const { t } = useTranslation();
  const { query } = useLocation();
  const ability = useAbilities();
  const view: View = (VIEWS as readonly string[]).includes(query.get('view') ?? '') ? (query.get('view') as View) : 'mine';
  const cursor = query.get('cursor') ?? undefined;
  const list = useQuery({
    queryKey: ['access-requests', view, cursor],
    queryFn: async () => dataOf(await api.GET('/api/access-requests', { params: { query: { view, limit: 50, ...(cursor ? { cursor } : {}) } } })),
    placeholderData: (previous) => previous,
  });
  useReady(!list.isFetching);
  const views = VIEWS.filter((v) => v !== 'to-decide' || ability.can('decide', 'AccessRequest'));
  return (
    <section>
      <PageTitle>{t('requests.title')}</PageTitle>
      <nav aria-label={t('requests.views')} className="tabs">
        <ul>
          {views.map((v) => (
            <li key={v}>
              <Link to={withQuery('/access-requests', { view: v })} current={v === view}>
                {t(`requests.view.${v}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {list.isError ? <ErrorMessage error={list.error} /> : null}
      {list.data ? (
        <>
          <Status>{t('requests.count', { count: list.data.requests.length })}</Status>
          {list.data.requests.length > 0 ? <RequestsTable requests={list.data.requests} decide={view === 'to-decide'} /> : null}
          <CursorPager
            hasPrevious={Boolean(cursor)}
            next={list.data.nextCursor ? () => navigate(withQuery('/access-requests', { view, cursor: list.data.nextCursor! })) : null}
          />
        </>
      ) : list.isPending ? (
        <Status>{t('common.loading')}</Status>
      ) : null}
    </section>
  );
}

const personOf = (p: Schema<'RequestPerson'>) => p.name ?? p.login ?? p.dn;

function RequestsTable({ requests, decide }: { requests: Schema<'AccessRequest'>[]; decide: boolean }) {
  const { t, i18n } = useTranslation();
  const [deciding, setDeciding] = useState<string | null>(null);
  return (
    <table>
      <caption className="visually-hidden">{t('requests.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('requests.resource')}</th>
          <th scope="col">{t('requests.beneficiary')}</th>
          <th scope="col">{t('requests.justification')}</th>
          <th scope="col">{t('requests.status')}</th>
          <th scope="col">{t('requests.createdAt')}</th>
          {decide ? <th scope="col">{t('common.actions')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {requests.map((r) => (
          <RequestRow
            key={r.id}
            request={r}
            decide={decide}
            open={deciding === r.id}
            onToggle={() => setDeciding(deciding === r.id ? null : r.id)}
            lang={i18n.language}
          />
        ))}
      </tbody>
    </table>
  );
}

function RequestRow({
  request: r,
  decide,
  open,
  onToggle,
  lang,
}: {
  request: Schema<'AccessRequest'>;
  decide: boolean;
  open: boolean;
  onToggle: () => void;
  lang: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <tr>
        <td>
          {r.resource.name} <span className="muted">({t(`level.${r.level}`, { defaultValue: r.level })})</span>
        </td>
        <td>{personOf(r.beneficiary)}</td>
        <td>{r.justification}</td>
        <td>
          {t(`requestStatus.${r.status}`)}
          {r.currentStage ? <div className="muted">{t(`stage.${r.currentStage.kind}`)}</div> : null}
        </td>
        <td>{formatDate(r.createdAt, lang)}</td>
        {decide ? (
          <td>
            {r.status === 'pending' ? (
              <button type="button" aria-expanded={open} onClick={onToggle}>
                {t('requests.decide')}
              </button>
            ) : null}
          </td>
        ) : null}
      </tr>
      {open ? (
        <tr className="expanded">
          <td colSpan={6}>
            <DecisionForm request={r} onDone={onToggle} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function DecisionForm({ request, onDone }: { request: Schema<'AccessRequest'>; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const decide = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const outcome = ((e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null)?.value === 'reject' ? 'reject' : 'approve';
    setBusy(true);
    setError(null);
    try {
      const params = { path: { id: request.id } };
      if (outcome === 'approve') dataOf(await api.POST('/api/access-requests/{id}/approve', { params, body: { comment } }));
      else dataOf(await api.POST('/api/access-requests/{id}/reject', { params, body: { comment } }));
      await client.invalidateQueries({ queryKey: ['access-requests'] });
      announce(t(outcome === 'approve' ? 'requests.approved' : 'requests.rejected', { resource: request.resource.name }));
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const id = `decision-${request.id}`;
  return (
    <form className="decision" onSubmit={decide}>
      <h2>{t('requests.decisionTitle', { resource: request.resource.name, beneficiary: personOf(request.beneficiary) })}</h2>
      {request.policyWarning ? <p className="warning">{request.policyWarning}</p> : null}
      <p>
        <label htmlFor={`${id}-comment`}>{t('requests.comment')}</label>
        <textarea id={`${id}-comment`} required minLength={3} maxLength={2000} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
      </p>
      {error ? <ErrorMessage error={error} /> : null}
      <button type="submit" className="primary" value="approve" disabled={busy}>
        {t('requests.approve')}
      </button>{' '}
      <button type="submit" className="danger" value="reject" disabled={busy}>
        {t('requests.reject')}
      </button>{' '}
      <button type="button" onClick={onDone}>
        {t('common.cancel')}
      </button>
    </form>
  );
}
