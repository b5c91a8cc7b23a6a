import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { announce } from '../announce';
import { api, dataOf } from '../api';
import { formatDate, formatDateTime, formatNumber } from '../format';
import { useReady } from '../ready';
import { useAbilities } from '../session';
import { ErrorMessage, PageTitle, Status } from '../ui';

/**
 * The compliance reports stored by the service (newest first) with their downloads, a form to generate one (for who
 * may create a report), and the monthly statistics of the last 12 months.
 */
export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const ability = useAbilities();
  const reports = useQuery({ queryKey: ['reports'], queryFn: async () => dataOf(await api.GET('/api/reports', { params: { query: { limit: 50 } } })) });
  const statistics = useQuery({ queryKey: ['statistics'], queryFn: async () => dataOf(await api.GET('/api/statistics')) });
  useReady(!reports.isFetching && !statistics.isFetching);
  return (
    <section>
      <PageTitle>{t('reports.title')}</PageTitle>
      {ability.can('create', 'Report') ? <GenerateForm /> : null}
      <h2>{t('reports.stored')}</h2>
      {reports.isError ? <ErrorMessage error={reports.error} /> : null}
      {reports.isPending ? <Status>{t('common.loading')}</Status> : null}
      {reports.data ? (
        reports.data.reports.length === 0 ? (
          <p>{t('reports.none')}</p>
        ) : (
          <table className="reports">
            <caption className="visually-hidden">{t('reports.stored')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.createdAt')}</th>
                <th scope="col">{t('reports.period')}</th>
                <th scope="col">{t('reports.format')}</th>
                <th scope="col">{t('reports.language')}</th>
                <th scope="col">{t('reports.createdBy')}</th>
                <th scope="col">{t('reports.file')}</th>
              </tr>
            </thead>
            <tbody>
              {reports.data.reports.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(r.createdAt, i18n.language)}</td>
                  <td>
                    {/* periodTo is excluded: the last day shown is the one before it. */}
                    {formatDate(r.periodFrom, i18n.language)} – {formatDate(new Date(Date.parse(r.periodTo) - 1).toISOString(), i18n.language)}
                  </td>
                  <td>{r.format.toUpperCase()}</td>
                  <td>{t(`language.${r.lang}`)}</td>
                  <td>{r.createdBy === 'system' ? t('reports.system') : r.createdBy}</td>
                  <td>
                    <a href={`/api/reports/${encodeURIComponent(r.id)}/download`} download={r.fileName}>
                      {r.fileName}
                    </a>{' '}
                    <span className="muted">({formatNumber(Math.ceil(r.byteSize / 1024), i18n.language)} KB)</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
      <h2>{t('reports.statistics')}</h2>
      {statistics.isError ? <ErrorMessage error={statistics.error} /> : null}
      {statistics.data ? (
        <table className="statistics">
          <caption>{t('reports.statisticsCaption', { timezone: statistics.data.timezone })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.month')}</th>
              <th scope="col">{t('reports.opened')}</th>
              <th scope="col">{t('reports.closed')}</th>
              <th scope="col">{t('reports.meanDaysToResolve')}</th>
              <th scope="col">{t('reports.audits')}</th>
              <th scope="col">{t('reports.syncs')}</th>
              <th scope="col">{t('reports.requests')}</th>
              <th scope="col">{t('reports.meanDaysToDecide')}</th>
            </tr>
          </thead>
          <tbody>
            {statistics.data.months.map((m) => (
              <tr key={m.month}>
                <th scope="row">{m.month}</th>
                <td>{formatNumber(m.findings.opened, i18n.language)}</td>
                <td>{formatNumber(m.findings.closed, i18n.language)}</td>
                <td>{m.findings.meanDaysToResolve === null ? '—' : formatNumber(m.findings.meanDaysToResolve, i18n.language)}</td>
                <td>{t('reports.runs', { runs: m.auditRuns.runs, failed: m.auditRuns.failed })}</td>
                <td>{t('reports.runs', { runs: m.syncs.runs, failed: m.syncs.failed })}</td>
                <td>{t('reports.decided', { created: m.requests.created, decided: m.requests.decided })}</td>
                <td>{m.requests.meanDaysToDecide === null ? '—' : formatNumber(m.requests.meanDaysToDecide, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/** Generate a report now: format, language (the UI's by default) and period (default: the last 30 days). */
function GenerateForm() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [format, setFormat] = useState<'pdf' | 'html'>('pdf');
  const [lang, setLang] = useState<'fr' | 'en'>(i18n.language === 'fr' ? 'fr' : 'en');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const report = dataOf(await api.POST('/api/reports', { body: { format, lang, ...(from ? { from } : {}), ...(to ? { to } : {}) } }));
      await client.invalidateQueries({ queryKey: ['reports'] });
      announce(t('reports.generated', { file: report.fileName }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="filters" onSubmit={submit} aria-labelledby="generate-title">
      <h2 id="generate-title">{t('reports.generate')}</h2>
      <label>
        {t('reports.format')}
        <select value={format} onChange={(e) => setFormat(e.target.value as 'pdf' | 'html')}>
          <option value="pdf">PDF</option>
          <option value="html">HTML</option>
        </select>
      </label>
      <label>
        {t('reports.language')}
        <select value={lang} onChange={(e) => setLang(e.target.value as 'fr' | 'en')}>
          <option value="fr">{t('language.fr')}</option>
          <option value="en">{t('language.en')}</option>
        </select>
      </label>
      <label>
        {t('reports.from')}
        <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
      </label>
      <label>
        {t('reports.to')}
        <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
      </label>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('reports.generating') : t('reports.submit')}
      </button>
      {error ? <ErrorMessage error={error} /> : null}
    </form>
  );
}
