import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { announce } from '../announce';
import { type Schema, api, dataOf } from '../api';
import { formatDate, formatNumber } from '../format';
import { Link, navigate, useLocation, withQuery } from '../router';
import { useAbilities } from '../session';
import { Chain, ErrorMessage, PageTitle, Severity, Status, CursorPager } from '../ui';
import { useReady } from '../ready';

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
const STATUSES = ['open', 'acknowledged', 'risk-accepted'];
const FILTERS = ['q', 'severity', 'status', 'rule', 'directory', 'login'] as const;
const PAGE_SIZE = 50;

/**
 * The findings of the latest audit, filtered on the server (severity, status, rule, directory, login), a page at a
 * time with the API's cursor; the filters and the cursor are in the URL. Acknowledging and accepting a risk are
 * offered to whoever may update a finding.
 */
export function FindingsPage() {
  const { t, i18n } = useTranslation();
  const { query } = useLocation();
  const filters = Object.fromEntries(FILTERS.map((f) => [f, query.get(f) ?? ''])) as Record<(typeof FILTERS)[number], string>;
  const cursor = query.get('cursor') ?? undefined;
  const filtered = FILTERS.some((f) => filters[f]);
  const list = useQuery({
    queryKey: ['findings', filters, cursor],
    queryFn: async () =>
      dataOf(
        await api.GET('/api/findings', {
          params: {
            query: {
              limit: PAGE_SIZE,
              ...(cursor ? { cursor } : {}),
              ...(filtered ? { total: true } : {}),
              ...Object.fromEntries(FILTERS.filter((f) => filters[f]).map((f) => [f, filters[f]])),
            },
          },
        }),
      ),
    placeholderData: (previous) => previous,
  });
  useReady(!list.isFetching);

  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    navigate(withQuery('/findings', Object.fromEntries(FILTERS.map((f) => [f, String(form.get(f) ?? '').trim()]))));
  };
  const page = list.data;

  return (
    <section>
      <PageTitle>{t('findings.title')}</PageTitle>
      <form className="filters" onSubmit={apply} aria-label={t('common.filters')} key={query.toString()}>
        <label>
          {t('findings.search')}
          <input name="q" type="search" defaultValue={filters.q} />
        </label>
        <label>
          {t('findings.severity')}
          <select name="severity" defaultValue={filters.severity}>
            <option value="">{t('common.all')}</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {t(`severity.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('findings.status')}
          <select name="status" defaultValue={filters.status}>
            <option value="">{t('common.all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('findings.rule')}
          <input name="rule" defaultValue={filters.rule} placeholder="H-PWD-NEVER-EXPIRES" />
        </label>
        <label>
          {t('findings.directory')}
          <input name="directory" defaultValue={filters.directory} />
        </label>
        <label>
          {t('findings.login')}
          <input name="login" defaultValue={filters.login} />
        </label>
        <button type="submit" className="primary">
          {t('common.apply')}
        </button>
        {filtered ? (
          <button type="button" onClick={() => navigate('/findings')}>
            {t('common.clear')}
          </button>
        ) : null}
      </form>
      <p>
        <a href={withQuery('/api/findings/export.csv', { ...filters, lang: i18n.language })} download>
          {t('findings.exportCsv')}
        </a>
      </p>
      {list.isError ? <ErrorMessage error={list.error} /> : null}
      {page ? (
        <>
          <Status>
            {page.asOf
              ? t('findings.summary', {
                  total: page.total === null ? '?' : formatNumber(page.total, i18n.language),
                  count: page.total ?? page.findings.length,
                  shown: formatNumber(page.findings.length, i18n.language),
                  date: formatDate(page.asOf, i18n.language),
                })
              : t('findings.noAudit')}
          </Status>
          <FindingsTable findings={page.findings} />
          <CursorPager
            hasPrevious={Boolean(cursor)}
            next={page.nextCursor ? () => navigate(withQuery('/findings', { ...filters, cursor: page.nextCursor! })) : null}
          />
        </>
      ) : list.isPending ? (
        <Status>{t('common.loading')}</Status>
      ) : null}
    </section>
  );
}

function FindingsTable({ findings }: { findings: Schema<'Finding'>[] }) {
  const { t } = useTranslation();
  if (findings.length === 0) return <p>{t('findings.none')}</p>;
  return (
    <table className="findings">
      <caption className="visually-hidden">{t('findings.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('findings.severity')}</th>
          <th scope="col">{t('findings.rule')}</th>
          <th scope="col">{t('findings.subject')}</th>
          <th scope="col">{t('findings.message')}</th>
          <th scope="col">{t('findings.status')}</th>
          <th scope="col">{t('common.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {findings.map((f) => (
          <FindingRow key={f.id} finding={f} />
        ))}
      </tbody>
    </table>
  );
}

export const subjectOf = (f: Schema<'Finding'>) => f.subject.login ?? f.subject.name ?? f.subject.dn ?? f.subject.directory ?? '—';

function FindingRow({ finding: f }: { finding: Schema<'Finding'> }) {
  const { t, i18n } = useTranslation();
  const ability = useAbilities();
  const [open, setOpen] = useState<'details' | 'acknowledge' | 'accept-risk' | null>(null);
  const toggle = (what: typeof open) => setOpen(open === what ? null : what);
  return (
    <>
      <tr>
        <td>
          <Severity value={f.severity} />
        </td>
        <td>
          <Link to={`/findings/${encodeURIComponent(f.id)}`}>
            <code>{f.rule}</code>
          </Link>
        </td>
        <td>
          {subjectOf(f)}
          {f.subject.directory ? <span className="muted"> ({f.subject.directory})</span> : null}
          {f.resource ? <div className="muted">{f.resource.name}</div> : null}
        </td>
        <td>{f.message}</td>
        <td>
          {t(`status.${f.state.status}`)}
          {f.state.acceptedUntil ? <div className="muted">{t('findings.until', { date: formatDate(f.state.acceptedUntil, i18n.language) })}</div> : null}
        </td>
        <td className="actions">
          <button type="button" aria-expanded={open === 'details'} onClick={() => toggle('details')}>
            {t('findings.details')}
          </button>
          {ability.can('update', 'Finding') && f.state.status === 'open' ? (
            <>
              <button type="button" aria-expanded={open === 'acknowledge'} onClick={() => toggle('acknowledge')}>
                {t('findings.acknowledge')}
              </button>
              <button type="button" aria-expanded={open === 'accept-risk'} onClick={() => toggle('accept-risk')}>
                {t('findings.acceptRisk')}
              </button>
            </>
          ) : null}
        </td>
      </tr>
      {open ? (
        <tr className="expanded">
          <td colSpan={6}>{open === 'details' ? <FindingDetails finding={f} /> : <DecisionForm finding={f} decision={open} onDone={() => setOpen(null)} />}</td>
        </tr>
      ) : null}
    </>
  );
}

function FindingDetails({ finding: f }: { finding: Schema<'Finding'> }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="details">
      {f.explain.length > 0 ? (
        <>
          <h2>{t('findings.path')}</h2>
          <Chain steps={f.explain} label={t('findings.path')} />
        </>
      ) : null}
      <dl>
        <dt>{t('findings.firstSeen')}</dt>
        <dd>{formatDate(f.state.firstSeenAt, i18n.language)}</dd>
        <dt>{t('findings.lastSeen')}</dt>
        <dd>{formatDate(f.state.lastSeenAt, i18n.language)}</dd>
        {f.state.decidedBy ? (
          <>
            <dt>{t('findings.decidedBy')}</dt>
            <dd>
              {f.state.decidedBy}, {formatDate(f.state.decidedAt, i18n.language)}
            </dd>
            <dt>{t('findings.reason')}</dt>
            <dd>{f.state.reason}</dd>
          </>
        ) : null}
        {f.subject.dn ? (
          <>
            <dt>DN</dt>
            <dd>
              <code>{f.subject.dn}</code>
            </dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}

/** Acknowledge (a reason), or accept the risk until a date (a reason): the API's refusal is shown as it says it. */
export function DecisionForm({ finding, decision, onDone }: { finding: Schema<'Finding'>; decision: 'acknowledge' | 'accept-risk'; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const id = `${decision}-${finding.id}`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const params = { path: { id: finding.id } };
      if (decision === 'acknowledge') dataOf(await api.POST('/api/findings/{id}/acknowledge', { params, body: { reason } }));
      else dataOf(await api.POST('/api/findings/{id}/accept-risk', { params, body: { reason, until } }));
      await client.invalidateQueries({ queryKey: ['findings'] });
      announce(t(decision === 'acknowledge' ? 'findings.acknowledged' : 'findings.riskAccepted', { rule: finding.rule }));
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="decision" onSubmit={submit}>
      <h2>{t(decision === 'acknowledge' ? 'findings.acknowledgeTitle' : 'findings.acceptRiskTitle', { rule: finding.rule, subject: subjectOf(finding) })}</h2>
      {decision === 'accept-risk' ? (
        <p>
          <label htmlFor={`${id}-until`}>{t('findings.acceptUntil')}</label>
          <input id={`${id}-until`} type="date" required value={until} onChange={(e) => setUntil(e.target.value)} />
        </p>
      ) : null}
      <p>
        <label htmlFor={`${id}-reason`}>{t('findings.reason')}</label>
        <textarea id={`${id}-reason`} required rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
      </p>
      {error ? <ErrorMessage error={error} /> : null}
      <button type="submit" className="primary" disabled={busy}>
        {t(decision === 'acknowledge' ? 'findings.acknowledge' : 'findings.acceptRisk')}
      </button>{' '}
      <button type="button" onClick={onDone}>
        {t('common.cancel')}
      </button>
    </form>
  );
}
