import type { RequestNotice } from '#vigie/requests';
import { subjectOf } from './request-notice.texts.js';

/**
 * What the webhook is posted for one notice: enough for a chat channel or a ticketing tool to route it and link to
 * it (kind, request, resource, level, whose access, which step, the two expiries), and nothing a wider audience should
 * not read: no justification, no comment, no directory error, no mail address, no display name (the login only).
 * `text` makes it readable as is by Slack, Mattermost or Teams incoming webhooks, as the alerts are.
 */
export function requestNoticeEvent(notice: RequestNotice): Record<string, unknown> {
  const { kind, request: r, link } = notice;
  const stage = r.currentStage === null ? null : (r.stages[r.currentStage]?.kind ?? null);
  return {
    event: `access-request.${kind}`,
    kind,
    text: [subjectOf(kind, r), ...(link ? [link] : [])].join('\n'),
    requestId: r.id,
    status: r.status,
    resource: { id: r.resource.id, name: r.resource.name, type: r.resource.type, criticality: r.resource.criticality },
    level: r.level,
    beneficiary: r.beneficiary.login,
    stage,
    securityOfficer: notice.securityOfficer,
    /** The REQUEST's expiry. */
    decideBy: r.decideBy.toISOString(),
    /** The GRANT's end: null while unknown or when permanent (see permanent). */
    grantEndsAt: r.grant?.endsAt?.toISOString() ?? null,
    permanent: (r.grant ? r.grant.durationDays : r.durationDays) === null,
    link,
  };
}
