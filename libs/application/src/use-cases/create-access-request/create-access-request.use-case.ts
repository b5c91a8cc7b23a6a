import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import { type JobOutbox, type UnitOfWork, VigieError } from '#vigie/common';
import { type AccessRequest, type AccessRequestStore, newAccessRequest, REQUEST_QUEUES } from '#vigie/requests';
import type { TrailWriter } from '#vigie/trail';
import type { UseCase, UseCaseContext, UseCaseDefinition } from '../../use-case.js';
import { requestParties } from '../shared/request-parties.js';
import { personRefOf, RequestingWorld, type RequestingSources } from '../shared/requesting.js';
import { createAccessRequestInput } from './create-access-request.input.js';

export interface CreateAccessRequestTransaction {
  requests: Pick<AccessRequestStore, 'openFor' | 'insert'>;
  trail: TrailWriter;
  jobs: Pick<JobOutbox, 'enqueue'>;
}

/**
 * A person asks for access, for themself or as a manager for a report. Checked before anyone approves: the beneficiary
 * exists, the requester may ask for them, they neither hold it nor have asked for it already, the access rules allow
 * it (or the policy sends the exception to the security officer), and holding it breaks no SoD rule, through nesting
 * and primary groups (G-SOD's own code). Then the request, its trail entry and the first approvers' notice land
 * together.
 */
export class CreateAccessRequest implements UseCase<typeof createAccessRequestInput, AccessRequest> {
  static readonly definition: UseCaseDefinition<typeof createAccessRequestInput> = {
    name: 'create-access-request',
    input: createAccessRequestInput,
    ability: ['create', 'AccessRequest'],
    checksConditions: true,
  };
  readonly definition = CreateAccessRequest.definition;

  private readonly sources: RequestingSources;

  constructor(
    sources: RequestingSources,
    private readonly uow: UnitOfWork<CreateAccessRequestTransaction>,
    private readonly now: () => Date = () => new Date(),
    private readonly newId: () => string = randomUUID,
  ) {
    this.sources = RequestingWorld.recent(sources);
  }

  async execute(input: z.output<typeof createAccessRequestInput>, context: UseCaseContext): Promise<AccessRequest> {
    if (context.actor.type === 'system' && !input.as) {
      throw new VigieError('invalid-input', 'the command line acts for nobody: name the person who asks (--as <login>)');
    }
    const world = await RequestingWorld.load(this.sources);
    const { requester, beneficiary, beneficiaryManager } = await requestParties(world, context.actor, input);
    if (!beneficiary.enabled) {
      // G-SOD, like every rule about holdings, leaves disabled accounts aside: nothing here could be checked, nor used.
      throw new VigieError('conflict', `${beneficiary.login}'s account is disabled in ${beneficiary.directory}: access is granted to enabled accounts only`);
    }
    const reach = await world.reachOf(beneficiary);
    const items = reach.items().filter((i) => i.resource.id === input.resource);
    if (!items.length) {
      throw new VigieError(
        'not-found',
        `nothing requestable is called ${input.resource}: see the catalogue (vigie request catalogue) for what may be asked for`,
      );
    }
    const item = items.find((i) => i.level === input.level);
    if (!item) {
      throw new VigieError('invalid-input', `${input.resource} cannot be asked for at level ${input.level}: ask for ${items.map((i) => i.level).join(' or ')}`);
    }
    const who = beneficiary.login ?? beneficiary.dn;
    const held = reach.heldThrough(item);
    if (held) throw new VigieError('conflict', `${who} already reaches ${item.level} on ${item.resource.name} through ${held}: there is nothing to ask for`);

    const decision = reach.decide(item);
    if (!decision.allowed && world.settings.exceptions === 'refuse') {
      throw new VigieError(
        'conflict',
        `the policy does not allow it for ${who}: ${decision.reason}; ask the security officer to change the access rules if it should be`,
      );
    }
    const request = newAccessRequest({
      id: this.newId(),
      now: this.now(),
      requester,
      beneficiary: personRefOf(beneficiary),
      beneficiaryManager,
      item,
      resourceOwners: await world.ownerKeysOf(item.resource.owner),
      groupDnOf: (ref) => reach.groupOf(ref)?.dn ?? null,
      justification: input.justification,
      days: input.days,
      permanent: input.permanent,
      settings: world.settings,
      policyVersion: world.policy.version,
      policyWarning: decision.allowed ? null : decision.reason,
    });

    // The group newAccessRequest chose (the first of the level's groups this directory has), as if it were granted.
    const group = item.groups.map((ref) => reach.groupOf(ref)).find((g) => g?.dn === request.target.groupDn)!;
    const [conflict] = reach.sodConflictsIfMember(group);
    if (conflict) {
      throw new VigieError(
        'conflict',
        `${item.level} on ${item.resource.name} would break SoD rule ${conflict.sodRule} (${conflict.description}) for ${who}: ${conflict.message.replace(/^Holds/, 'would hold')}; path: ${conflict.explain.join('; ')}`,
        { details: conflict.explain },
      );
    }

    return this.uow.run(async ({ requests, trail, jobs }) => {
      const open = await requests.openFor(request.beneficiary.key, item.resource.id, item.level);
      if (open) {
        throw new VigieError(
          'conflict',
          `${who} already has request ${open.id} (${open.status}) for ${item.level} on ${item.resource.name}: wait for its decision, or cancel it first`,
        );
      }
      await requests.insert(request);
      await trail.record({
        action: 'access-request.created',
        target: { type: 'access-request', id: request.id },
        after: {
          resource: request.resource.id,
          level: request.level,
          durationDays: request.durationDays,
          chain: request.stages.map((s) => s.kind),
          policyWarning: request.policyWarning,
          decideBy: request.decideBy.toISOString(),
        },
        // The justification is free text that may name people: the trail keeps it in its erasable part.
        reason: request.justification,
      });
      await jobs.enqueue(
        REQUEST_QUEUES.notify,
        { requestId: request.id, kind: 'awaiting-decision' },
        { singletonKey: `notify:${request.id}:awaiting-decision:${request.version}` },
      );
      return request;
    });
  }
}
