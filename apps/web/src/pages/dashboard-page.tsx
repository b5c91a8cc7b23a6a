import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type Schema, api, dataOf } from '../api';
import { formatDate, formatDateTime, formatNumber } from '../format';
import { useReady } from '../ready';
import { Link, withQuery } from '../router';
import { ErrorMessage, PageTitle, Status } from '../ui';

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
const FAMILIES = ['hygiene', 'governance', 'gdpr'] as const;
const STATUSES = ['open', 'acknowledged', 'risk-accepted'] as const;

/**
 * The home page of whoever may read the findings: the score and its level, what is still open by severity and by
 * family, what the latest audit changed, the 90-day trend and each directory's last sync. Each count opens the
 * findings list filtered on it.
 */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const dashboard = useQuery({ queryKey: ['dashboard'], queryFn: async () => dataOf(await api.GET('/api/dashboard')) });
  useReady(!dashboard.isFetching);
  const d = dashboard.data;
  return (
    <section className="dashboard">
      <PageTitle>{t('dashboard.title')}</PageTitle>
      {dashboard.isError ? <ErrorMessage error={dashboard.error} /> : null}
      {dashboard.isPending ? <Status>{t('common.loading')}</Status> : null}
      {d ? (
        <>
          <Status>
            {d.asOf ? t('dashboard.asOf', { date: formatDateTime(d.asOf, i18n.language), version: d.policyVersion ?? '—' }) : t('dashboard.noAudit')}
          </Status>
          {d.asOf ? (
            <div className="tiles">
              <Score score={d.score} />
              <div className="tile">
                <h2>{t('dashboard.sinceLastAudit')}</h2>
                <ul className="plain">
                  <li>{t('dashboard.new', { count: d.sinceLastAudit.new, n: formatNumber(d.sinceLastAudit.new, i18n.language) })}</li>
                  <li>{t('dashboard.reopened', { count: d.sinceLastAudit.reopened, n: formatNumber(d.sinceLastAudit.reopened, i18n.language) })}</li>
                  <li>{t('dashboard.resolved', { count: d.sinceLastAudit.resolved, n: formatNumber(d.sinceLastAudit.resolved, i18n.language) })}</li>
                </ul>
              </div>
              <Bars
                title={t('dashboard.bySeverity')}
                rows={SEVERITIES.map((s) => ({ key: s, label: t(`severity.${s}`), value: d.open.bySeverity[s], to: withQuery('/findings', { severity: s }) }))}
              />
              <Bars
                title={t('dashboard.byFamily')}
                rows={FAMILIES.map((f) => ({ key: f, label: t(`family.${f}`), value: d.open.byFamily[f], to: '/findings' }))}
              />
              <Bars
                title={t('dashboard.byStatus')}
                rows={STATUSES.map((s) => ({ key: s, label: t(`status.${s}`), value: d.open.byStatus[s], to: withQuery('/findings', { status: s }) }))}
              />
            </div>
          ) : null}
          <Trend points={d.trend} />
          <Directories directories={d.directories} />
        </>
      ) : null}
    </section>
  );
}

function Score({ score }: { score: Schema<'SecurityScore'> }) {
  const { t } = useTranslation();
  return (
    <div className={`tile score level-${score.level}`}>
      <h2>{t('dashboard.score')}</h2>
      <p className="big">
        {score.score}
        <span className="muted">/100</span>
      </p>
      <p>{t('dashboard.level', { level: score.level })}</p>
      <details>
        <summary>{t('dashboard.how')}</summary>
        <p>{t('dashboard.howText')}</p>
      </details>
      {score.topRules.length > 0 ? (
        <>
          <h3>{t('dashboard.topRules')}</h3>
          <ul className="plain">
            {score.topRules.map((r) => (
              <li key={r.rule}>
                <Link to={withQuery('/findings', { rule: r.rule })}>
                  <code>{r.rule}</code>
                </Link>{' '}
                {t('dashboard.points', { points: r.points, count: r.count })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/** Horizontal bars in plain CSS: each a link to the findings it counts, its number written out for every reader. */
function Bars({ title, rows }: { title: string; rows: { key: string; label: string; value: number; to: string }[] }) {
  const { i18n } = useTranslation();
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <div className="tile">
      <h2>{title}</h2>
      <ul className="bars">
        {rows.map((r) => (
          <li key={r.key}>
            <Link to={r.to}>
              <span className="bar-label">{r.label}</span>
              <span className="bar-track" aria-hidden="true">
                <span className={`bar bar-${r.key}`} style={{ width: `${(r.value / max) * 100}%` }} />
              </span>
              <span className="bar-value">{formatNumber(r.value, i18n.language)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

const WIDTH = 600;
const HEIGHT = 120;

/** The score of the last 90 days as an inline SVG line, hidden from screen readers, which get the table below it. */
function Trend({ points }: { points: Schema<'ScoreTrendPoint'>[] }) {
  const { t, i18n } = useTranslation();
  const scored = points.filter((p) => p.score !== null);
  const x = (i: number) => (scored.length <= 1 ? WIDTH / 2 : (i / (scored.length - 1)) * WIDTH);
  const y = (score: number) => HEIGHT - (score / 100) * HEIGHT;
  return (
    <div className="trend">
      <h2>{t('dashboard.trend')}</h2>
      {points.length === 0 ? (
        <p>{t('dashboard.noTrend')}</p>
      ) : (
        <>
          <svg viewBox={`-4 -4 ${WIDTH + 8} ${HEIGHT + 8}`} className="trend-line" aria-hidden="true" focusable="false">
            <rect x={0} y={0} width={WIDTH} height={HEIGHT} className="trend-frame" />
            <polyline points={scored.map((p, i) => `${x(i)},${y(p.score!)}`).join(' ')} />
            {scored.map((p, i) => (
              <circle key={p.runId} cx={x(i)} cy={y(p.score!)} r={3} />
            ))}
          </svg>
          <details>
            <summary>{t('dashboard.trendTable')}</summary>
            <table>
              <caption className="visually-hidden">{t('dashboard.trend')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.day')}</th>
                  <th scope="col">{t('dashboard.score')}</th>
                  <th scope="col">{t('dashboard.levelShort')}</th>
                </tr>
              </thead>
              <tbody>
                {points.map((p) => (
                  <tr key={p.runId}>
                    <td>{formatDate(p.day, i18n.language)}</td>
                    <td>{p.score ?? '—'}</td>
                    <td>{p.level ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </div>
  );
}

/** How old a sync is, in the largest unit that says it. */
function age(seconds: number, lang: string): string {
  const format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  if (seconds < 3600) return format.format(-Math.round(seconds / 60), 'minute');
  if (seconds < 86_400) return format.format(-Math.round(seconds / 3600), 'hour');
  return format.format(-Math.round(seconds / 86_400), 'day');
}

function Directories({ directories }: { directories: Schema<'DirectorySync'>[] }) {
  const { t, i18n } = useTranslation();
  return (
    <div>
      <h2>{t('dashboard.directories')}</h2>
      <table>
        <caption className="visually-hidden">{t('dashboard.directories')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('findings.directory')}</th>
            <th scope="col">{t('dashboard.kind')}</th>
            <th scope="col">{t('dashboard.lastSync')}</th>
            <th scope="col">{t('dashboard.lastSuccess')}</th>
          </tr>
        </thead>
        <tbody>
          {directories.map((dir) => (
            <tr key={dir.name}>
              <td>{dir.name}</td>
              <td>{t(`directoryKind.${dir.kind}`)}</td>
              <td>
                {dir.lastSync ? `${t(`syncStatus.${dir.lastSync.status}`)}, ${formatDateTime(dir.lastSync.at, i18n.language)}` : t('dashboard.neverSynced')}
              </td>
              <td>{dir.ageSeconds === null ? '—' : age(dir.ageSeconds, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
