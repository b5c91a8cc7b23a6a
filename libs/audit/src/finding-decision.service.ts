import { Injectable } from '@nestjs/common';
import { TrailWriter } from '#vigie/trail';
import type { FindingState } from './finding-lifecycle.js';
import { FindingStore } from './ports/finding.store.js';

/** A decision on a finding that cannot be taken as asked: the message says why and what to do. */
export class InvalidFindingDecisionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidFindingDecisionError';
  }
}

export class FindingNotFoundError extends Error {
  constructor(id: string) {
    super(`no finding with id ${id}: see GET /api/findings for the current ones`);
    this.name = 'FindingNotFoundError';
  }
}

const MAX_ACCEPTANCE_DAYS = 366;
const MIN_REASON = 10;

/** Acknowledging a finding, or accepting its risk until a date, by a named person with a reason. */
@Injectable()
export class FindingDecisionService {
  constructor(
    private readonly store: FindingStore,
    private readonly trail: TrailWriter,
  ) {}

  acknowledge(id: string, by: string, reason: string, now = new Date()): Promise<FindingState> {
    return this.decide(id, { status: 'acknowledged', by, reason: checkReason(reason), acceptedUntil: null, at: now });
  }

  /** An acceptance ends: at most a year, so that each accepted risk is looked at again. */
  acceptRisk(id: string, by: string, until: Date, reason: string, now = new Date()): Promise<FindingState> {
    if (Number.isNaN(until.getTime())) throw new InvalidFindingDecisionError('the end date of the acceptance is not a valid date: use YYYY-MM-DD');
    if (until <= now) throw new InvalidFindingDecisionError('the end date of the acceptance must be in the future');
    if (until.getTime() - now.getTime() > MAX_ACCEPTANCE_DAYS * 86_400_000) {
      throw new InvalidFindingDecisionError(`a risk is accepted for at most ${MAX_ACCEPTANCE_DAYS} days: choose an earlier end date and accept it again then if needed`);
    }
    return this.decide(id, { status: 'risk-accepted', by, reason: checkReason(reason), acceptedUntil: until, at: now });
  }

  private async decide(id: string, decision: Parameters<FindingStore['decide']>[1]): Promise<FindingState> {
    const current = await this.store.state(id);
    if (!current) throw new FindingNotFoundError(id);
    if (current.status === 'resolved') throw new InvalidFindingDecisionError(`finding ${id} is resolved: there is nothing left to decide`);
    const state = await this.store.decide(id, decision);
    // The actor comes from the request or command (token, cli); the name given and the reason may name people.
    await this.trail.record({
      action: `finding.${decision.status}`,
      target: { type: 'finding', id },
      before: { status: current.status },
      after: { status: state.status, acceptedUntil: decision.acceptedUntil },
      reason: decision.reason,
      personal: { decidedBy: decision.by },
      subjects: state.login ? [{ login: state.login, directory: state.directory }] : [],
    });
    return state;
  }
}

function checkReason(reason: string | undefined): string {
  const r = (reason ?? '').trim();
  if (r.length < MIN_REASON) throw new InvalidFindingDecisionError(`a decision needs a reason of at least ${MIN_REASON} characters, kept with the finding`);
  if (r.length > 2000) throw new InvalidFindingDecisionError('the reason is limited to 2000 characters');
  return r;
}
