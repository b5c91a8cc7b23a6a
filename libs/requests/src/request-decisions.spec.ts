import { personKey } from '#vigie/access-control';
import type { AccessRequest, ApprovalStage, ApprovalStageKind, PersonRef } from './access-request.model.js';
import { type StageDecisionInput, cancelRequest, decideStage } from './request-decisions.js';

const person = (login: string): PersonRef => {
  const dn = `uid=${login},ou=people,dc=acme,dc=test`;
  return { key: personKey({ directory: 'corp', dn }), directory: 'corp', dn, login, name: login, mail: null, employeeId: null };
};
const erin = person('erin');
const mark = person('mark');
const olga = person('olga');
const sam = person('sam');
const T0 = new Date('2026-12-01T09:00:00Z');
const T1 = new Date('2026-12-02T09:00:00Z');

const stage = (kind: ApprovalStageKind, approvers: PersonRef[], openedAt: Date | null = null): ApprovalStage => ({
  kind,
  approvers: approvers.map((a) => a.key),
  decision: null,
  openedAt,
  remindedAt: null,
  escalatedAt: null,
});

function aRequest(stages: ApprovalStage[] = [stage('manager', [mark], T0), stage('owner', [olga])]): AccessRequest {
  return {
    id: '3f0c9a52-1111-4000-8000-000000000001',
    requester: erin,
    beneficiary: erin,
    beneficiaryManager: mark.key,
    resource: { id: 'group:finance', name: 'Finance', type: 'group', criticality: 'high', privileged: false, owner: null },
    resourceOwners: [olga.key],
    level: 'member',
    target: { directory: 'corp', groupDn: 'cn=Finance,ou=groups,dc=acme,dc=test', memberDn: erin.dn },
    justification: 'closing',
    durationDays: 30,
    policyWarning: null,
    policyVersion: 'v1',
    status: 'pending',
    stages,
    currentStage: 0,
    createdAt: T0,
    decideBy: new Date('2026-12-15T09:00:00Z'),
    closedAt: null,
    grant: null,
    version: 3,
  };
}

const by = (who: PersonRef, more: Partial<StageDecisionInput> = {}): StageDecisionInput => ({
  outcome: 'approved',
  by: who,
  onBehalfOf: null,
  comment: 'looks right',
  at: T1,
  securityOfficer: false,
  ...more,
});

describe('decideStage', () => {
  it("records the manager's approval with its comment and opens the owner's stage now", () => {
    const { request, result, stage: decided } = decideStage(aRequest(), by(mark));
    expect(result).toBe('next-stage');
    expect(decided).toBe(0);
    expect(request.status).toBe('pending');
    expect(request.currentStage).toBe(1);
    expect(request.stages[0]!.decision).toEqual({ outcome: 'approved', by: mark, onBehalfOf: null, at: T1, comment: 'looks right' });
    expect(request.stages[1]!.openedAt).toEqual(T1);
    expect(request.grant).toBeNull();
  });

  it('approves the request on the last approval, with a grant of the target membership to provision', () => {
    const atOwner = decideStage(aRequest(), by(mark)).request;
    const { request, result } = decideStage(atOwner, by(olga, { at: new Date('2026-12-03T00:00:00Z') }));
    expect(result).toBe('approved');
    expect(request).toMatchObject({ status: 'approved', currentStage: null, closedAt: new Date('2026-12-03T00:00:00Z') });
    expect(request.grant).toMatchObject({
      status: 'provisioning',
      directory: 'corp',
      groupDn: 'cn=Finance,ou=groups,dc=acme,dc=test',
      memberDn: erin.dn,
      durationDays: 30,
      startsAt: null,
      endsAt: null,
    });
  });

  it('ends the request on a rejection, whatever stages are left', () => {
    const { request, result } = decideStage(aRequest(), by(mark, { outcome: 'rejected', comment: 'not needed' }));
    expect(result).toBe('rejected');
    expect(request).toMatchObject({ status: 'rejected', currentStage: null, closedAt: T1, grant: null });
    expect(request.stages[0]!.decision?.outcome).toBe('rejected');
    expect(request.stages[1]!.openedAt).toBeNull();
  });

  it('lets a deputy decide for an approver of the stage, and says for whom', () => {
    const { request } = decideStage(aRequest(), by(sam, { onBehalfOf: mark.key }));
    expect(request.stages[0]!.decision).toMatchObject({ by: sam, onBehalfOf: mark.key });
  });

  it("refuses a stage that is not the decider's, naming whose it is", () => {
    expect(() => decideStage(aRequest(), by(olga))).toThrow(
      expect.objectContaining({ kind: 'forbidden', message: expect.stringContaining("stage 1 of 2 waits for the beneficiary's manager") }),
    );
    expect(() => decideStage(aRequest(), by(sam, { onBehalfOf: olga.key }))).toThrow(expect.objectContaining({ kind: 'forbidden' }));
  });

  it('leaves a security-officer stage to the holders of that role, not to their deputies', () => {
    const r = aRequest([stage('security-officer', [], T0)]);
    expect(decideStage(r, by(sam, { securityOfficer: true })).result).toBe('approved');
    expect(() => decideStage(r, by(sam))).toThrow(
      expect.objectContaining({ kind: 'forbidden', message: expect.stringContaining('waits for a security officer') }),
    );
    expect(() => decideStage(r, by(sam, { securityOfficer: true, onBehalfOf: olga.key }))).toThrow(expect.objectContaining({ kind: 'forbidden' }));
  });

  it('refuses a decision on a request one made or that is for oneself, even listed as approver', () => {
    const own = { ...aRequest([stage('manager', [erin], T0)]) };
    expect(() => decideStage(own, by(erin))).toThrow(expect.objectContaining({ kind: 'forbidden', message: expect.stringContaining('nobody decides') }));
  });

  it('refuses a request that is no longer pending as a conflict, with its status', () => {
    const rejected = decideStage(aRequest(), by(mark, { outcome: 'rejected' })).request;
    expect(() => decideStage(rejected, by(olga))).toThrow(expect.objectContaining({ kind: 'conflict', message: expect.stringContaining('is rejected') }));
  });

  it('leaves the request it was given unchanged', () => {
    const r = aRequest();
    const before = structuredClone(r);
    decideStage(r, by(mark));
    expect(r).toEqual(before);
  });
});

describe('cancelRequest', () => {
  it('closes a pending request at the requester’s word', () => {
    expect(cancelRequest(aRequest(), erin.key, T1)).toMatchObject({ status: 'cancelled', currentStage: null, closedAt: T1 });
  });

  it('refuses anyone else, and a request already closed', () => {
    expect(() => cancelRequest(aRequest(), mark.key, T1)).toThrow(expect.objectContaining({ kind: 'forbidden' }));
    const cancelled = cancelRequest(aRequest(), erin.key, T1);
    expect(() => cancelRequest(cancelled, erin.key, T1)).toThrow(
      expect.objectContaining({ kind: 'conflict', message: expect.stringContaining('is cancelled') }),
    );
  });
});
