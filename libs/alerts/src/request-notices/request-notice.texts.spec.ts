import { type AccessRequest, REQUEST_NOTICE_KINDS, type RequestNoticeKind } from '#vigie/requests';
import { aGrant, aPersonRef, anAccessRequest, aStage } from '#vigie/requests/testing';
import { grantEndOf, noticeText } from './request-notice.texts.js';

const link = 'https://vigie.acme.test/requests/3b2f7a4e-5c1d-4e8f-9a0b-1c2d3e4f5a6b';
const approvedAt = new Date('2026-12-08T10:00:00Z');
const manager = aPersonRef('cdurand', { name: 'Claire Durand' });
const owner = aPersonRef('edubois', { name: 'Eric Dubois' });
const opened = new Date('2026-12-07T09:00:00Z');
/**
 * The request every notice here speaks of: Jeanne Dupont asks for Bruno Martin to write on the finance share (high),
 * decided by his manager then the owner; its first stage opened on 7 December 2026, to be decided by the 21st, for 30
 * days. Named people and words, so that the texts read as a mail does.
 */
const story = (more: Partial<AccessRequest> = {}): AccessRequest =>
  anAccessRequest({
    id: '3b2f7a4e-5c1d-4e8f-9a0b-1c2d3e4f5a6b',
    requester: aPersonRef('jdupont', { name: 'Jeanne Dupont' }),
    beneficiary: aPersonRef('bmartin', { name: 'Bruno Martin' }),
    beneficiaryManager: manager.key,
    resource: { id: 'share-finance', name: 'Finance share', type: 'share', criticality: 'high', privileged: false, owner: 'E042' },
    resourceOwners: [owner.key],
    level: 'write',
    justification: 'Closing the 2026 accounts with the finance team',
    stages: [aStage('manager', [manager], { openedAt: opened }), aStage('owner', [owner])],
    createdAt: opened,
    decideBy: new Date('2026-12-21T09:00:00Z'),
    ...more,
  });
const pending = story();
const decidedBoth = [
  aStage('manager', [manager], {
    openedAt: pending.createdAt,
    decision: { outcome: 'approved', by: manager, onBehalfOf: null, at: approvedAt, comment: 'ok for the closing' },
  }),
  aStage('owner', [owner], { openedAt: approvedAt, decision: { outcome: 'approved', by: owner, onBehalfOf: null, at: approvedAt, comment: 'fine' } }),
];
const active = aGrant({
  status: 'active',
  startsAt: new Date('2026-12-08T10:01:00Z'),
  endsAt: new Date('2027-01-07T10:01:00Z'),
  provisioned: 'added',
});

/** The request as each kind of notice finds it. */
const requestFor: Record<RequestNoticeKind, () => AccessRequest> = {
  submitted: () => pending,
  'awaiting-decision': () => pending,
  reminder: () => pending,
  escalated: () => pending,
  approved: () => story({ status: 'approved', stages: decidedBoth, currentStage: null, closedAt: approvedAt, grant: aGrant() }),
  rejected: () =>
    story({
      status: 'rejected',
      currentStage: null,
      closedAt: approvedAt,
      stages: [
        aStage('manager', [manager], {
          openedAt: pending.createdAt,
          decision: { outcome: 'rejected', by: manager, onBehalfOf: null, at: approvedAt, comment: 'not part of your role' },
        }),
        aStage('owner', [owner]),
      ],
    }),
  expired: () => story({ status: 'expired', currentStage: null, closedAt: pending.decideBy }),
  cancelled: () => story({ status: 'cancelled', currentStage: null, closedAt: approvedAt }),
  provisioned: () => story({ status: 'approved', stages: decidedBoth, currentStage: null, grant: active }),
  'provisioning-failed': () =>
    story({
      status: 'approved',
      stages: decidedBoth,
      currentStage: null,
      grant: aGrant({ status: 'failed', lastError: 'insufficient access rights (50)' }),
    }),
  revoked: () =>
    story({
      status: 'approved',
      stages: decidedBoth,
      currentStage: null,
      grant: { ...active, status: 'removing', endReason: 'revoked', revokeReason: 'left the finance team' },
    }),
  ended: () =>
    story({
      status: 'approved',
      stages: decidedBoth,
      currentStage: null,
      grant: { ...active, status: 'ended', endReason: 'expired', endedAt: new Date('2027-01-07T10:05:00Z') },
    }),
};

const textOf = (kind: RequestNoticeKind, more: { link?: string | null } = {}) => noticeText({ kind, request: requestFor[kind](), link: more.link ?? link });

describe('the words of request notices', () => {
  it('says, for every kind, what is asked or what happened and what happens next, with the link', () => {
    for (const kind of REQUEST_NOTICE_KINDS) {
      const { subject, text } = textOf(kind);
      expect(subject).toMatch(/^\[Vigie\] .+: write access to Finance share for bmartin$/);
      expect(text).toContain('Request: write access to Finance share (share, high)');
      expect(text).toContain('For: Bruno Martin (bmartin)');
      expect(text).toMatch(/\nWhat happens next: \S/);
      expect(text.endsWith(link)).toBe(true);
    }
  });

  it('asks an approver to decide: the justification, the step, the request expiry, the grant length, what approving leads to', () => {
    expect(textOf('awaiting-decision')).toEqual({
      subject: '[Vigie] Your decision is needed: write access to Finance share for bmartin',
      text: [
        "You are asked to approve or reject this request, as the beneficiary's manager.",
        '',
        'Request: write access to Finance share (share, high)',
        'For: Bruno Martin (bmartin)',
        'Asked by: Jeanne Dupont (jdupont)',
        'Justification: Closing the 2026 accounts with the finance team',
        "Step: 1 of 2, the beneficiary's manager",
        'Request expires: 2026-12-21 09:00 UTC if it is still undecided then (nothing is granted)',
        'Access ends: 30 days after it is in place',
        '',
        'What happens next: Approve or reject it, with a comment. If you approve, the owner of the resource decides next. ' +
          'If you reject, the request ends and nothing is granted. If nobody decides by 2026-12-21 09:00 UTC, the request expires and nothing is granted.',
        '',
        `Decide here: ${link}`,
      ].join('\n'),
    });
  });

  it('tells the last stage that approving applies the access, and shows a policy warning to whoever decides', () => {
    const last = story({
      currentStage: 1,
      policyWarning: 'no access rule lets an accountant write on the finance share',
      stages: [decidedBoth[0]!, aStage('owner', [owner], { openedAt: approvedAt })],
    });
    const { text } = noticeText({ kind: 'reminder', request: last, link: null });
    expect(text).toContain('This request has waited for your decision since 2026-12-08 10:00 UTC, as the owner of the resource.');
    expect(text).toContain('Policy warning: no access rule lets an accountant write on the finance share');
    expect(text).toContain('Step: 2 of 2, the owner of the resource');
    expect(text).toContain('If you approve, Vigie applies the access to the directory at once.');
    expect(text).not.toMatch(/Decide here|See the request/);
  });

  it('escalates to the security officer saying who has not decided and since when', () => {
    const { subject, text } = textOf('escalated');
    expect(subject).toBe('[Vigie] Escalated: a request waits too long for a decision: write access to Finance share for bmartin');
    expect(text).toMatch(/^This request has waited since 2026-12-07 09:00 UTC for a decision of the beneficiary's manager, longer than allowed/);
    expect(text).toContain(`Decide here: ${link}`);
  });

  it('registers a request naming who decides, in order', () => {
    expect(textOf('submitted').text).toContain(
      "What happens next: Who decides, in order: the beneficiary's manager, then the owner of the resource. You get a mail at each step.",
    );
  });

  it('keeps the justification for the people who decide', () => {
    for (const kind of REQUEST_NOTICE_KINDS.filter((k) => !['awaiting-decision', 'reminder', 'escalated'].includes(k)))
      expect(textOf(kind).text).not.toContain('Justification');
  });

  it('tells the outcome and that nothing is granted when the request ends without a grant', () => {
    expect(textOf('rejected').text).toMatch(/^The request is rejected by Claire Durand \(cdurand\): "not part of your role"\n/);
    expect(textOf('expired').text).toMatch(/^Nobody decided by 2026-12-21 09:00 UTC: the request expired\.\n/);
    expect(textOf('cancelled').text).toMatch(/^The request was withdrawn before the end of its approval\.\n/);
    for (const kind of ['rejected', 'expired', 'cancelled'] as const) expect(textOf(kind).text).toMatch(/What happens next: Nothing is granted/);
  });

  it('follows the grant: approved, in place until its end, revoked, ended; a failure tells the administrator what to do', () => {
    expect(textOf('approved').text).toContain(
      'What happens next: Vigie now applies the access to the directory; you get a mail when it is in place. It ends 30 days after that.',
    );
    expect(textOf('provisioned').text).toMatch(/^The access is in place in the directory since 2026-12-08 10:01 UTC\.\n/);
    expect(textOf('provisioned').text).toContain('What happens next: It ends on 2027-01-07 10:01 UTC: Vigie removes it then.');
    expect(textOf('revoked').text).toMatch(/^The access was revoked: "left the finance team"\n/);
    expect(textOf('ended').text).toContain('Access ended: 2027-01-07 10:05 UTC');
    expect(textOf('provisioning-failed').text).toMatch(
      /^Vigie could not apply this approved access to the directory corp: insufficient access rights \(50\)\n/,
    );
    expect(textOf('provisioning-failed').text).toContain('`vigie jobs retry <id>`');
  });
});

describe(grantEndOf.name, () => {
  it("shows the GRANT's end apart from the REQUEST's expiry: a length before it starts, a date once in place, or permanent", () => {
    const { text } = textOf('provisioned');
    expect(text).toContain("Access ends: 2027-01-07 10:01 UTC (the grant's end: Vigie removes the access then)");
    expect(text).not.toContain('Request expires');
    expect(textOf('awaiting-decision').text).toMatch(/Request expires: 2026-12-21 09:00 UTC .*\nAccess ends: 30 days after it is in place/);
    expect(grantEndOf(story({ durationDays: 1 }))).toBe('Access ends: 1 day after it is in place');
    expect(grantEndOf(story({ durationDays: null }))).toBe('Access ends: never (permanent, until it is revoked)');
    const permanent = story({ durationDays: null, grant: aGrant({ status: 'active', durationDays: null, startsAt: approvedAt }) });
    expect(grantEndOf(permanent)).toBe('Access ends: never (permanent, until it is revoked)');
    expect(noticeText({ kind: 'provisioned', request: permanent, link: null }).text).toContain(
      'What happens next: It is permanent: it stays until it is revoked.',
    );
  });
});
