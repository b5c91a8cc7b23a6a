import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, dataOf } from '../api';
import { formatDateTime, formatNumber } from '../format';
import { useReady } from '../ready';
import { ErrorMessage, PageTitle, Status } from '../ui';

/** The policy in force: the version audits use, its files, the state of the policy directory and the last failure. */
export function PolicyPage() {
  const { t, i18n } = useTranslation();
  const policy = useQuery({ queryKey: ['policy'], queryFn: async () => dataOf(await api.GET('/api/policy')) });
  useReady(!policy.isFetching);
  const p = policy.data;
  return (
    <section>
      <PageTitle>{t('policy.title')}</PageTitle>
      {policy.isError ? <ErrorMessage error={policy.error} /> : null}
      {policy.isPending ? <Status>{t('common.loading')}</Status> : null}
      {p ? (
        <>
          <h2>{t('policy.inForce')}</h2>
          {p.lastValid ? (
            <>
              <dl>
                <dt>{t('policy.version')}</dt>
                <dd>
                  <code>{p.lastValid.version}</code>
                </dd>
                <dt>{t('policy.firstStoredAt')}</dt>
                <dd>{formatDateTime(p.lastValid.firstStoredAt, i18n.language)}</dd>
                <dt>{t('policy.lastValidAt')}</dt>
                <dd>{formatDateTime(p.lastValid.lastValidAt, i18n.language)}</dd>
              </dl>
              <table>
                <caption>{t('policy.files')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('policy.file')}</th>
                    <th scope="col">{t('policy.bytes')}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.lastValid.files.map((f) => (
                    <tr key={f.path}>
                      <td>
                        <code>{f.path}</code>
                      </td>
                      <td>{formatNumber(f.bytes, i18n.language)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : (
            <p>{t('policy.noneStored')}</p>
          )}
          <h2>{t('policy.local')}</h2>
          <p role={p.local.valid ? undefined : 'alert'}>
            {p.local.valid ? t('policy.localValid', { version: p.local.version }) : t('policy.localInvalid', { problems: p.local.problems })}
          </p>
          <h2>{t('policy.lastFailure')}</h2>
          {p.lastFailure ? (
            <>
              <p>
                {formatDateTime(p.lastFailure.at, i18n.language)} — {p.lastFailure.message}
                {p.lastFailure.fallbackVersion ? ` ${t('policy.fallback', { version: p.lastFailure.fallbackVersion })}` : ''}
              </p>
              <ul>
                {p.lastFailure.errors.map((e, i) => (
                  <li key={i}>
                    <code>
                      {e.file}:{e.line}:{e.column}
                    </code>{' '}
                    {e.path ? <code>{e.path}</code> : null} {e.message}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>{t('policy.noFailure')}</p>
          )}
        </>
      ) : null}
    </section>
  );
}
