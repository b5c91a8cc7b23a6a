import { REQUEST_NOTICE_KINDS } from '#vigie/requests';
import { aPersonRef, anAccessRequest, aStage } from '#vigie/requests/testing';
import { audienceOf } from './notice-audience.js';

describe(audienceOf.name, () => {
  const pending = anAccessRequest({ beneficiary: aPersonRef('paul') });
  const requester = pending.requester;
  const beneficiary = pending.beneficiary;

  it("asks the current stage's approvers to decide, and reminds them", () => {
    for (const kind of ['awaiting-decision', 'reminder'] as const)
      expect(audienceOf(kind, pending)).toEqual({ people: [], approvers: [aPersonRef('mark').key], securityOfficer: false });
    const ownerStage = anAccessRequest({ currentStage: 1 });
    expect(audienceOf('awaiting-decision', ownerStage)?.approvers).toEqual([aPersonRef('olga').key]);
  });

  it("sends a security-officer stage, an escalation and a stage without approvers to the security officer's channels", () => {
    const so = { people: [], approvers: [], securityOfficer: true };
    const atSecurityOfficer = anAccessRequest({ stages: [aStage('security-officer', [])], currentStage: 0 });
    expect(audienceOf('awaiting-decision', atSecurityOfficer)).toEqual(so);
    expect(audienceOf('escalated', pending)).toEqual(so);
    expect(audienceOf('reminder', anAccessRequest({ stages: [aStage('manager', [])] }))).toEqual(so);
  });

  it('tells the requester and the beneficiary of each step and outcome, once when they are the same person', () => {
    for (const kind of ['submitted', 'approved', 'rejected', 'expired', 'cancelled', 'provisioned', 'revoked', 'ended'] as const)
      expect([kind, audienceOf(kind, pending)]).toEqual([kind, { people: [requester, beneficiary], approvers: [], securityOfficer: false }]);
    expect(audienceOf('approved', anAccessRequest({ beneficiary: requester }))?.people).toEqual([requester]);
  });

  it('sends a provisioning the queue gave up on to the security officer (the administrators)', () => {
    expect(audienceOf('provisioning-failed', anAccessRequest({ status: 'approved', currentStage: null }))).toEqual({
      people: [],
      approvers: [],
      securityOfficer: true,
    });
  });

  it('asks nobody to decide a request that is no longer pending', () => {
    const decided = anAccessRequest({ status: 'rejected', currentStage: null });
    for (const kind of ['awaiting-decision', 'reminder', 'escalated'] as const) expect(audienceOf(kind, decided)).toBeNull();
  });

  it('has an audience for every kind of notice', () => {
    for (const kind of REQUEST_NOTICE_KINDS) expect([kind, audienceOf(kind, pending)]).not.toEqual([kind, null]);
  });
});
