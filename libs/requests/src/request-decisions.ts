import { VigieError } from '#vigie/common';
import type { AccessRequest, ApprovalStage, ApprovalStageKind, Grant, PersonRef, StageOutcome } from './access-request.model.js';

/** A decision on the current stage, as the decider gave it; who may take it is checked by the caller's abilities first. */
export interface StageDecisionInput {
  outcome: StageOutcome;
  by: PersonRef;
  /** The approver of the stage a deputy decides for (a delegation in force), else null. */
  onBehalfOf: string | null;
  comment: string;
  at: Date;
  /** The decider holds the security-officer role: what a security-officer stage needs (a role, not a listed person). */
  securityOfficer: boolean;
}

/** What a decision led to: the next stage opened, or the request closed one way or the other. */
export type DecisionResult = 'next-stage' | 'approved' | 'rejected';

const WHOSE: Record<ApprovalStageKind, string> = {
  manager: "the beneficiary's manager",
  owner: "the resource's owner",
  'security-officer': 'a security officer',
};

/**
 * Approves or rejects the current stage. An approval opens the next stage (its clock starts now), or, on the last
 * one, approves the request and makes its grant of the target membership, to be provisioned; a rejection ends the
 * request. Refused as a conflict when the request is no longer pending, as forbidden when the stage is not the
 * decider's or the request is their own.
 */
export function decideStage(request: AccessRequest, d: StageDecisionInput): { request: AccessRequest; result: DecisionResult; stage: number } {
  const index = assertPending(request);
  const stage = request.stages[index]!;
  if (d.by.key === request.requester.key || d.by.key === request.beneficiary.key) {
    throw new VigieError('forbidden', 'nobody decides a request they made or that is for them: another approver decides it');
  }
  assertStageIsTheirs(request, stage, d);
  const decided: ApprovalStage = { ...stage, decision: { outcome: d.outcome, by: d.by, onBehalfOf: d.onBehalfOf, at: d.at, comment: d.comment } };
  const stages = request.stages.map((s, i) => (i === index ? decided : s));
  if (d.outcome === 'rejected') {
    return { request: { ...request, stages, status: 'rejected', currentStage: null, closedAt: d.at }, result: 'rejected', stage: index };
  }
  const next = index + 1;
  if (next < stages.length) {
    stages[next] = { ...stages[next]!, openedAt: d.at };
    return { request: { ...request, stages, currentStage: next }, result: 'next-stage', stage: index };
  }
  return {
    request: { ...request, stages, status: 'approved', currentStage: null, closedAt: d.at, grant: grantOf(request) },
    result: 'approved',
    stage: index,
  };
}

/** The requester withdraws their request while it is pending. */
export function cancelRequest(request: AccessRequest, byKey: string, at: Date): AccessRequest {
  assertPending(request);
  if (byKey !== request.requester.key) throw new VigieError('forbidden', 'only the person who made a request may cancel it');
  return { ...request, status: 'cancelled', currentStage: null, closedAt: at };
}

/** Who may decide the current stage, in words: the error's and the caller's message. */
export function whoseStage(request: AccessRequest): string {
  const index = request.currentStage;
  const stage = index === null ? undefined : request.stages[index];
  return stage ? `stage ${index! + 1} of ${request.stages.length} waits for ${WHOSE[stage.kind]}` : `the request is ${request.status}`;
}

function assertPending(request: AccessRequest): number {
  const index = request.currentStage;
  if (request.status !== 'pending' || index === null || !request.stages[index]) {
    throw new VigieError('conflict', `the access request ${request.id} is ${request.status}: nothing is left to decide`);
  }
  return index;
}

function assertStageIsTheirs(request: AccessRequest, stage: ApprovalStage, d: StageDecisionInput): void {
  if (stage.kind === 'security-officer') {
    if (d.securityOfficer && d.onBehalfOf === null) return;
    throw new VigieError('forbidden', `${whoseStage(request)}: it is decided by someone holding the security-officer role, not by a deputy`);
  }
  const deciding = d.onBehalfOf ?? d.by.key;
  if (!stage.approvers.includes(deciding)) throw new VigieError('forbidden', `${whoseStage(request)}, and you are not one of its approvers nor their deputy`);
}

/** The membership the request named, to be written: its length counts from the read-back that confirms it. */
export function grantOf(request: AccessRequest): Grant {
  return {
    status: 'provisioning',
    directory: request.target.directory,
    groupDn: request.target.groupDn,
    memberDn: request.target.memberDn,
    durationDays: request.durationDays,
    startsAt: null,
    endsAt: null,
    provisioned: null,
    endReason: null,
    revokedBy: null,
    revokeReason: null,
    endedAt: null,
    lastError: null,
  };
}
