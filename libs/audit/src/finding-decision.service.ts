import { type UnitOfWork, VigieError } from '#vigie/common';
import type { TrailWriter } from '#vigie/trail';
import type { FindingState } from './finding-lifecycle.js';
import type { FindingDecision, FindingStore } from './ports/finding.store.js';

/** What a decision on a finding writes: the finding's state and its trail entry, in one transaction. */
export interface FindingDecisionTransaction {
  findings: FindingStore;
  trail: TrailWriter;
}

/**
 * A decision on a finding that cannot be taken as asked: the message says why and what to do. A wrong date or reason
 * is invalid input; a finding whose state forbids any decision (resolved) is a conflict.
 */
export class InvalidFindingDecisionError extends VigieError {
  constructor(message: string, kind: 'invalid-input' | 'conflict' = 'invalid-input') {
    super(kind, message);
  }
}

export class FindingNotFoundError extends VigieError {
  constructor(id: string) {
    super('not-found', `no finding with id ${id}: see GET /api/findings for the current ones`);
  }
}

const MAX_ACCEPTANCE_DAYS = 366;
const MIN_REASON = 10;

/**
 * Acknowledging a finding, or accepting its risk until a date, by a named person with a reason. The finding's state
 * is read under a row lock in the transaction that writes the decision: two decisions on one finding at once are
 * taken one after the other, the second seeing the first.
 */
export class FindingDecisionService {
  constructor(private readonly uow: UnitOfWork<FindingDecisionTransaction>) {}

  acknowledge(id: string, by: string, reason: string, now = new Date()): Promise<FindingState> {
    return this.decide(id, { status: 'acknowledged', by, reason: checkReason(reason), acceptedUntil: null, at: now });
  }

  /** An acceptance ends: at most a year, so that each accepted risk is looked at again. */
  acceptRisk(id: string, by: string, until: Date, reason: string, now = new Date()): Promise<FindingState> {
    if (Number.isNaN(until.getTime())) throw new InvalidFindingDecisionError('the end date of the acceptance is not a valid date: use YYYY-MM-DD');
    if (until <= now) throw new InvalidFindingDecisionError('the end date of the acceptance must be in the future');
    if (until.getTime() - now.getTime() > MAX_ACCEPTANCE_DAYS * 86_400_000) {
      throw new InvalidFindingDecisionError(
        `a risk is accepted for at most ${MAX_ACCEPTANCE_DAYS} days: choose an earlier end date and accept it again then if needed`,
      );
    }
    return this.decide(id, { status: 'risk-accepted', by, reason: checkReason(reason), acceptedUntil: until, at: now });
  }

  private decide(id: string, decision: FindingDecision): Promise<FindingState> {
    return this.uow.run(async ({ findings, trail }) => {
      const current = await findings.lockState(id);
      if (!current) throw new FindingNotFoundError(id);
      if (current.status === 'resolved') throw new InvalidFindingDecisionError(`finding ${id} is resolved: there is nothing left to decide`, 'conflict');
      const state = await findings.decide(id, decision);
      // The actor comes from the request or command (token, cli); the name given and the reason may name people.
      await trail.record({
        action: `finding.${decision.status}`,
        target: { type: 'finding', id },
        before: { status: current.status },
        after: { status: state.status, acceptedUntil: decision.acceptedUntil },
        reason: decision.reason,
        personal: { decidedBy: decision.by },
        subjects: state.login ? [{ login: state.login, directory: state.directory }] : [],
      });
      return state;
    });
  }
}

function checkReason(reason: string | undefined): string {
  const r = (reason ?? '').trim();
  if (r.length < MIN_REASON) throw new InvalidFindingDecisionError(`a decision needs a reason of at least ${MIN_REASON} characters, kept with the finding`);
  if (r.length > 2000) throw new InvalidFindingDecisionError('the reason is limited to 2000 characters');
  return r;
}
