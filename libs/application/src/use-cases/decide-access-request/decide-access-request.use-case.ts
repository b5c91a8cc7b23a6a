import type * as z from 'zod';
import { abilitiesFor, allowsRecord } from '#vigie/access-control';
import { type JobOutbox, type UnitOfWork, VigieError } from '#vigie/common';
import { type AccessRequest, type AccessRequestStore, type DecisionResult, REQUEST_QUEUES, decideStage } from '#vigie/requests';
import type { TrailWriter } from '#vigie/trail';
import type { UseCase, UseCaseContext, UseCaseDefinition } from '../../use-case.js';
import { type RequestCaller, type RequestPeople, factsOf, holds, noSuchRequest, onBehalfOf, requestCallerOf } from '../shared/request-callers.js';
import { enqueueNotice } from '../shared/request-notices.js';
import { decideAccessRequestInput } from './decide-access-request.input.js';

type Input = z.output<typeof decideAccessRequestInput>;
type Tx = { requests: AccessRequestStore; trail: TrailWriter; jobs: JobOutbox };

const NOTICE: Record<DecisionResult, 'awaiting-decision' | 'approved' | 'rejected'> = {
  'next-stage': 'awaiting-decision',
  approved: 'approved',
  rejected: 'rejected',
};

/**
 * Approves or rejects the current stage of a request. Everything is checked on the request as locked in the
 * transaction that writes the decision (SELECT … FOR UPDATE): two approvers acting at once are served one after the
 * other, and the second finds the stage already decided. The decision, its trail entry and the jobs it calls for (the
 * notices, and on the last approval the provisioning: the outbox) commit together or not at all.
 */
export class DecideAccessRequest implements UseCase<typeof decideAccessRequestInput, AccessRequest> {
  static readonly definition: UseCaseDefinition<typeof decideAccessRequestInput> = {
    name: 'decide-access-request',
    input: decideAccessRequestInput,
    ability: ['decide', 'AccessRequest'],
    checksConditions: true,
  };
  readonly definition = DecideAccessRequest.definition;

  constructor(
    private readonly uow: UnitOfWork<Tx>,
    private readonly people: Pick<RequestPeople, 'byLogin'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(input: Input, context: UseCaseContext): Promise<AccessRequest> {
    const caller = await requestCallerOf(context.actor, input.as, this.people);
    return this.uow.run(async ({ requests, trail, jobs }) => {
      const at = this.now();
      const request = await requests.getForUpdate(input.id);
      if (!request) throw noSuchRequest(input.id);
      const deputyFor = await onBehalfOf(request, caller, requests, at);
      if (!deputyFor && !this.mayRead(request, caller)) throw noSuchRequest(input.id);
      if (request.status !== 'pending') throw new VigieError('conflict', `the access request ${request.id} is ${request.status}: nothing is left to decide`);
      this.assertAbility(request, caller, deputyFor ?? null);
      const decision = decideStage(request, {
        outcome: input.decision === 'approve' ? 'approved' : 'rejected',
        by: caller.person,
        onBehalfOf: deputyFor ?? null,
        comment: input.comment,
        at,
        securityOfficer: holds(caller, 'security-officer'),
      });
      const { request: decided, result, stage } = decision;
      const saved = await requests.update(decided);
      const kind = request.stages[stage]!.kind;
      await trail.record({
        action: `access-request.${input.decision === 'approve' ? 'approved' : 'rejected'}`,
        target: { type: 'access-request', id: saved.id },
        before: { status: request.status, stage: stage + 1 },
        after: {
          status: saved.status,
          stage: stage + 1,
          stageKind: kind,
          result,
          // The command line's operator decides as the person named; a security-officer stage is theirs to decide then.
          ...(caller.staff ? {} : { from: 'command-line', ...(kind === 'security-officer' ? { securityOfficerStage: 'decided by the operator' } : {}) }),
          onBehalfOf: Boolean(deputyFor),
        },
        reason: input.comment,
        personal: { decidedBy: caller.person.login ?? caller.person.key, ...(deputyFor ? { onBehalfOf: deputyFor } : {}) },
      });
      await enqueueNotice(jobs, saved, NOTICE[result]);
      if (result === 'approved') await jobs.enqueue(REQUEST_QUEUES.provision, { requestId: saved.id }, { singletonKey: `provision:${saved.id}` });
      return saved;
    });
  }

  /** Whether the caller may read the request at all: else it is answered as one that does not exist. */
  private mayRead(request: AccessRequest, caller: RequestCaller): boolean {
    if (!caller.staff) return true;
    const abilities = abilitiesFor(caller.staff);
    return allowsRecord(abilities, 'read', 'AccessRequest', factsOf(request)) || allowsRecord(abilities, 'decide', 'AccessRequest', factsOf(request));
  }

  /**
   * The caller's abilities on this very request (nobody decides their own). A deputy stands in the place of the
   * approver who delegated to them: the request's facts are read with the deputy's key for the delegator's.
   */
  private assertAbility(request: AccessRequest, caller: RequestCaller, deputyFor: string | null): void {
    if (!caller.staff) return;
    const facts = factsOf(request);
    const me = caller.person.key;
    const asDelegator = deputyFor
      ? {
          ...facts,
          beneficiaryManager: facts.beneficiaryManager === deputyFor ? me : facts.beneficiaryManager,
          resourceOwners: facts.resourceOwners.map((k) => (k === deputyFor ? me : k)),
        }
      : facts;
    if (allowsRecord(abilitiesFor(caller.staff), 'decide', 'AccessRequest', asDelegator)) return;
    const own = facts.requester === me || facts.beneficiary === me;
    throw new VigieError(
      'forbidden',
      own ? 'nobody decides a request they made or that is for them: another approver decides it' : 'your roles do not let you decide this request',
    );
  }
}
