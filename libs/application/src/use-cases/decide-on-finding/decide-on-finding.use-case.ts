import type * as z from 'zod';
import type { FindingDecisionService, FindingState } from '#vigie/audit';
import type { Actor, UseCase, UseCaseContext, UseCaseDefinition } from '../../use-case.js';
import { decideOnFindingInput } from './decide-on-finding.input.js';

/**
 * Acknowledging a finding, or accepting its risk until a date, with a reason. The finding's state is read under a
 * row lock in the transaction that writes the decision and its trail entry (FindingDecisionService).
 */
export class DecideOnFinding implements UseCase<typeof decideOnFindingInput, FindingState> {
  static readonly definition: UseCaseDefinition<typeof decideOnFindingInput> = {
    name: 'decide-on-finding',
    input: decideOnFindingInput,
    ability: ['update', 'Finding'],
  };
  readonly definition = DecideOnFinding.definition;

  constructor(
    private readonly decisions: FindingDecisionService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  execute(input: z.output<typeof decideOnFindingInput>, context: UseCaseContext): Promise<FindingState> {
    const by = decidedBy(context.actor);
    return input.decision === 'acknowledge'
      ? this.decisions.acknowledge(input.id, by, input.reason, this.now())
      : this.decisions.acceptRisk(input.id, by, input.until!, input.reason, this.now());
  }
}

/** Who decided, as the finding keeps it: the API token's name, or the operating-system account at the terminal. */
export function decidedBy(actor: Actor): string {
  return actor.type === 'token' ? `token:${actor.name}` : `${actor.id}:${actor.name ?? 'unknown'}`;
}
