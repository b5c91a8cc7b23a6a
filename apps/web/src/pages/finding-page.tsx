import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Schema, api, dataOf } from '../api';
import { formatDate } from '../format';
import { useReady } from '../ready';
import { Link } from '../router';
import { useAbilities } from '../session';
import { Chain, ErrorMessage, PageTitle, Severity, Status } from '../ui';
import { DecisionForm, subjectOf } from './findings-page';

/**
 * One finding: its state, evidence and explanation path, why it matters and how to fix it in the UI language (the
 * steps of the finding's own directory kind first), and the acknowledge / accept-risk forms of the list.
 */
export function FindingPage({ params }: { params: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  const ability = useAbilities();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const detail = useQuery({
    queryKey: ['findings', 'detail', params.id, lang],
    queryFn: async () => dataOf(await api.GET('/api/findings/{id}', { params: { path: { id: params.id! }, query: { lang } } })),
  });
  useReady(!detail.isFetching);
  const [decision, setDecision] = useState<'acknowledge' | 'accept-risk' | null>(null);
  const d = detail.data;
  const f = d?.finding;
  return (
    <section>
      <p>
        <Link to="/findings">{t('finding.back')}</Link>
      </p>
      <PageTitle>{f ? `${f.rule} — ${subjectOf(f)}` : t('finding.title')}</PageTitle>
      {detail.isError ? <ErrorMessage error={detail.error} /> : null}
      {detail.isPending ? <Status>{t('common.loading')}</Status> : null}
      {d && f ? (
        <>
          <p>
            <Severity value={f.severity} /> {f.message}
          </p>
          <dl>
            <dt>{t('findings.status')}</dt>
            <dd>
              {t(`status.${f.state.status}`)}
              {f.state.acceptedUntil ? ` (${t('findings.until', { date: formatDate(f.state.acceptedUntil, i18n.language) })})` : ''}
            </dd>
            {f.subject.directory ? (
              <>
                <dt>{t('findings.directory')}</dt>
                <dd>{f.subject.directory}</dd>
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
            {f.resource ? (
              <>
                <dt>{t('finding.resource')}</dt>
                <dd>{f.resource.name}</dd>
              </>
            ) : null}
            <dt>{t('findings.firstSeen')}</dt>
            <dd>{formatDate(f.state.firstSeenAt, i18n.language)}</dd>
            <dt>{t('findings.lastSeen')}</dt>
            <dd>{formatDate(f.state.lastSeenAt, i18n.language)}</dd>
            {f.state.reopenedCount > 0 ? (
              <>
                <dt>{t('finding.reopened')}</dt>
                <dd>{f.state.reopenedCount}</dd>
              </>
            ) : null}
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
          </dl>
          {ability.can('update', 'Finding') && f.state.status === 'open' ? (
            <p className="actions">
              <button type="button" aria-expanded={decision === 'acknowledge'} onClick={() => setDecision(decision === 'acknowledge' ? null : 'acknowledge')}>
                {t('findings.acknowledge')}
              </button>{' '}
              <button type="button" aria-expanded={decision === 'accept-risk'} onClick={() => setDecision(decision === 'accept-risk' ? null : 'accept-risk')}>
                {t('findings.acceptRisk')}
              </button>
            </p>
          ) : null}
          {decision ? <DecisionForm finding={f} decision={decision} onDone={() => setDecision(null)} /> : null}
          {f.explain.length > 0 ? (
            <>
              <h2>{t('findings.path')}</h2>
              <Chain steps={f.explain} label={t('findings.path')} />
            </>
          ) : null}
          <Remediation detail={d} />
          <h2>{t('finding.evidence')}</h2>
          <Evidence evidence={f.evidence} />
        </>
      ) : null}
    </section>
  );
}

function Remediation({ detail }: { detail: Schema<'FindingDetail'> }) {
  const { t } = useTranslation();
  const r = detail.remediation;
  if (!r) return <p>{t('finding.noRemediation')}</p>;
  // The finding's own directory kind first: that is the one the reader has to fix.
  const kinds: ('ad' | 'openldap')[] = detail.directoryKind === 'openldap' ? ['openldap', 'ad'] : ['ad', 'openldap'];
  return (
    <div lang={r.lang}>
      <h2>{t('finding.why')}</h2>
      <p className="prose">{r.why}</p>
      <h2>{t('finding.fix')}</h2>
      {kinds.map((k) => (
        <div key={k} className="fix">
          <h3>{t(`directoryKind.${k}`)}</h3>
          <pre className="prose">{r.fix[k]}</pre>
        </div>
      ))}
    </div>
  );
}

/** The evidence as the rule recorded it: a value a line, objects as JSON. */
function Evidence({ evidence }: { evidence: Record<string, unknown> }) {
  const { t } = useTranslation();
  const entries = Object.entries(evidence);
  if (entries.length === 0) return <p>{t('finding.noEvidence')}</p>;
  return (
    <dl>
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : <code>{JSON.stringify(v)}</code>}</dd>
        </div>
      ))}
    </dl>
  );
}
