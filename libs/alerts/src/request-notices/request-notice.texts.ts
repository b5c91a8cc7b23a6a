import type { AccessRequest, ApprovalStageKind, PersonRef, RequestNotice, RequestNoticeKind } from '#vigie/requests';

/**
 * The words of every notice about an access request, in English (the French ones come with the web desk). Each says
 * plainly what is asked or what happened, and what happens next. The REQUEST's expiry (decideBy: undecided by then,
 * nothing is granted) and the GRANT's end (grant.endsAt, or permanent) are two lines with two labels, never one date:
 * people mistake one for the other (Teleport issues 14040 and 32226).
 */
export interface NoticeText {
  subject: string;
  text: string;
}

const WHO_DECIDES: Record<ApprovalStageKind, string> = {
  manager: "the beneficiary's manager",
  owner: 'the owner of the resource',
  'security-officer': 'the security officer',
};

/** The kinds that ask someone to decide: their mail carries the justification and any policy warning. */
const ASKING: ReadonlySet<RequestNoticeKind> = new Set(['awaiting-decision', 'reminder', 'escalated']);
/** The kinds sent while the request is undecided: their mail says when the request expires. */
const PENDING: ReadonlySet<RequestNoticeKind> = new Set(['submitted', 'awaiting-decision', 'reminder', 'escalated']);

/** Minutes in UTC: a mail is read in any time zone, and says which one it means. */
export function dateOf(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function personOf(p: PersonRef): string {
  const handle = p.login ?? p.dn;
  return p.name ? `${p.name} (${handle})` : handle;
}

/** "write access to Finance share", "membership of vpn-users". */
function whatOf(r: AccessRequest): string {
  return r.level === 'member' ? `membership of ${r.resource.name}` : `${r.level} access to ${r.resource.name}`;
}

const SUBJECTS: Record<RequestNoticeKind, string> = {
  submitted: 'Request registered',
  'awaiting-decision': 'Your decision is needed',
  reminder: 'Reminder: your decision is still needed',
  escalated: 'Escalated: a request waits too long for a decision',
  approved: 'Request approved',
  rejected: 'Request rejected',
  expired: 'Request expired without a decision',
  cancelled: 'Request cancelled',
  provisioned: 'Access in place',
  'provisioning-failed': 'Could not apply an approved access',
  revoked: 'Access revoked',
  ended: 'Access ended',
};

export function subjectOf(kind: RequestNoticeKind, r: AccessRequest): string {
  return `[Vigie] ${SUBJECTS[kind]}: ${whatOf(r)} for ${r.beneficiary.login ?? r.beneficiary.dn}`;
}

/** The GRANT's end, as it stands for this request: a date once known, a length before, or permanent. */
export function grantEndOf(r: AccessRequest): string {
  const g = r.grant;
  if (g?.endedAt) return `Access ended: ${dateOf(g.endedAt)}`;
  if (g?.endsAt) return `Access ends: ${dateOf(g.endsAt)} (the grant's end: Vigie removes the access then)`;
  const days = g ? g.durationDays : r.durationDays;
  if (days === null) return 'Access ends: never (permanent, until it is revoked)';
  return `Access ends: ${days} day${days === 1 ? '' : 's'} after it is in place`;
}

function requestExpiryOf(r: AccessRequest): string {
  return `Request expires: ${dateOf(r.decideBy)} if it is still undecided then (nothing is granted)`;
}

function currentStage(r: AccessRequest) {
  return r.currentStage === null ? undefined : r.stages[r.currentStage];
}

/** After the current stage approves: the next stage's decider, or the directory. */
function afterApproval(r: AccessRequest): string {
  const next = r.currentStage === null ? undefined : r.stages[r.currentStage + 1];
  return next ? `${WHO_DECIDES[next.kind]} decides next` : 'Vigie applies the access to the directory at once';
}

function chainOf(r: AccessRequest): string {
  const pending = r.stages.filter((s) => !s.decision).map((s) => WHO_DECIDES[s.kind]);
  return pending.length ? pending.join(', then ') : 'nobody';
}

function lastDecision(r: AccessRequest) {
  const decided = r.stages.filter((s) => s.decision);
  return decided[decided.length - 1];
}

/** The first line (what is asked or what happened) and the "what happens next" paragraph. */
function storyOf(kind: RequestNoticeKind, r: AccessRequest): { headline: string; next: string } {
  const expiry = `If nobody decides by ${dateOf(r.decideBy)}, the request expires and nothing is granted.`;
  const stage = currentStage(r);
  const who = stage ? WHO_DECIDES[stage.kind] : 'the approvers';
  const since = stage?.openedAt ? ` since ${dateOf(stage.openedAt)}` : '';
  switch (kind) {
    case 'submitted':
      return {
        headline: `The request for ${whatOf(r)} is registered.`,
        next: `Who decides, in order: ${chainOf(r)}. You get a mail at each step. ${expiry}`,
      };
    case 'awaiting-decision':
      return {
        headline: `You are asked to approve or reject this request, as ${who}.`,
        next: `Approve or reject it, with a comment. If you approve, ${afterApproval(r)}. If you reject, the request ends and nothing is granted. ${expiry}`,
      };
    case 'reminder':
      return {
        headline: `This request has waited for your decision${since}, as ${who}.`,
        next: `Approve or reject it, with a comment. If you approve, ${afterApproval(r)}. If you reject, the request ends and nothing is granted. ${expiry}`,
      };
    case 'escalated':
      return {
        headline: `This request has waited${since} for a decision of ${who}, longer than allowed: it is escalated to the security officer.`,
        next: `Follow it up with the approvers, or decide it where your role allows. ${expiry}`,
      };
    case 'approved':
      return {
        headline: 'The request is approved: every step agreed.',
        next: `Vigie now applies the access to the directory; you get a mail when it is in place. ${
          r.durationDays === null
            ? 'It is permanent: it stays until it is revoked.'
            : `It ends ${r.durationDays} day${r.durationDays === 1 ? '' : 's'} after that.`
        }`,
      };
    case 'rejected': {
      const d = lastDecision(r)?.decision;
      const by = d ? ` by ${personOf(d.by)}` : '';
      return {
        headline: `The request is rejected${by}${d ? `: "${d.comment}"` : '.'}`,
        next: 'Nothing is granted. If the reason no longer holds, make a new request.',
      };
    }
    case 'expired':
      return {
        headline: `Nobody decided by ${dateOf(r.decideBy)}: the request expired.`,
        next: 'Nothing is granted. If the access is still needed, make a new request.',
      };
    case 'cancelled':
      return { headline: 'The request was withdrawn before the end of its approval.', next: 'Nothing is granted; there is nothing else to do.' };
    case 'provisioned':
      return {
        headline: `The access is in place in the directory${r.grant?.startsAt ? ` since ${dateOf(r.grant.startsAt)}` : ''}.`,
        next: r.grant?.endsAt
          ? `It ends on ${dateOf(r.grant.endsAt)}: Vigie removes it then. If it is still needed after that, make a new request before that date.`
          : 'It is permanent: it stays until it is revoked.',
      };
    case 'provisioning-failed':
      return {
        headline: `Vigie could not apply this approved access${r.grant ? ` to the directory ${r.grant.directory}` : ''}${r.grant?.lastError ? `: ${r.grant.lastError}` : '.'}`,
        next:
          'The job was given up after its retries, and the beneficiary does not have the access. An administrator should fix the cause, ' +
          'then run the job again: `vigie jobs failed` lists it, `vigie jobs retry <id>` retries it.',
      };
    case 'revoked':
      return {
        headline: `The access was revoked${r.grant?.revokeReason ? `: "${r.grant.revokeReason}"` : '.'}`,
        next: 'Vigie removes it from the directory now; you get a mail when it is gone.',
      };
    case 'ended':
      return {
        headline:
          r.grant?.provisioned === 'already'
            ? 'The grant has ended. Vigie left the membership alone: it was there before the request, granted outside Vigie.'
            : r.grant?.endReason === 'revoked'
              ? 'The revoked access is removed from the directory.'
              : 'The access reached its end and is removed from the directory.',
        next: 'If it is still needed, make a new request.',
      };
  }
}

/** The mail of a notice: the same for every recipient, and what the webhook's `text` starts with. */
export function noticeText(notice: Pick<RequestNotice, 'kind' | 'request' | 'link'>): NoticeText {
  const { kind, request: r, link } = notice;
  const { headline, next } = storyOf(kind, r);
  const stage = currentStage(r);
  const facts = [
    `Request: ${whatOf(r)} (${r.resource.type}, ${r.resource.criticality})`,
    `For: ${personOf(r.beneficiary)}`,
    `Asked by: ${personOf(r.requester)}`,
    ...(ASKING.has(kind) ? [`Justification: ${r.justification}`, ...(r.policyWarning ? [`Policy warning: ${r.policyWarning}`] : [])] : []),
    ...(PENDING.has(kind) && stage && r.currentStage !== null ? [`Step: ${r.currentStage + 1} of ${r.stages.length}, ${WHO_DECIDES[stage.kind]}`] : []),
    ...(PENDING.has(kind) ? [requestExpiryOf(r)] : []),
    grantEndOf(r),
  ];
  const linkLine = link ? [`${ASKING.has(kind) ? 'Decide here' : 'See the request'}: ${link}`] : [];
  return {
    subject: subjectOf(kind, r),
    text: [headline, '', ...facts, '', `What happens next: ${next}`, ...(linkLine.length ? ['', ...linkLine] : [])].join('\n'),
  };
}
