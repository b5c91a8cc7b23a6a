import * as z from 'zod';
import { type UnitOfWork, VigieError } from '#vigie/common';
import type { DirectoryWriter } from '#vigie/directory';
import { type AccessRequest, type GrantStatus, removalOf, removed } from '#vigie/requests';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { onWriteError } from '../shared/grant-write-failure.js';
import { enqueueNotice, membershipOf, type RequestTransaction, requestEntry } from '../shared/request-transaction.js';

export const removeAccessInput = z.object({ requestId: z.uuid({ error: 'not a request id (a UUID)' }) }).strict();

export type RemovalOutcome = 'removed' | 'absent' | 'left-alone';

export interface RemoveAccessOutput {
  requestId: string;
  /** The grant's status after the job (unchanged when there was nothing to do). */
  status: GrantStatus | null;
  /** removed, or absent (someone removed it first), or left-alone (granted outside Vigie); null: nothing done. */
  outcome: RemovalOutcome | null;
}

/**
 * The access.remove job: at the end of a grant (expiry or revocation), removes the membership Vigie added, reads it
 * back, and marks the grant ended. Access that was there before Vigie granted it is left alone: its end is recorded,
 * the directory is not touched (the audit still sees the membership). At least once, on any replica: a grant that is
 * no longer removing is left as it is, and a member already gone counts as removed.
 */
export class RemoveAccess implements UseCase<typeof removeAccessInput, RemoveAccessOutput> {
  static readonly definition: UseCaseDefinition<typeof removeAccessInput> = { name: 'remove-access', input: removeAccessInput };
  readonly definition = RemoveAccess.definition;

  constructor(
    private readonly uow: UnitOfWork<RequestTransaction>,
    private readonly directory: Pick<DirectoryWriter, 'removeMember' | 'isMember'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute({ requestId }: z.output<typeof removeAccessInput>): Promise<RemoveAccessOutput> {
    const request = await this.uow.run((tx) => tx.requests.get(requestId));
    if (!request) throw new VigieError('not-found', `no access request has the id ${requestId}`);
    if (request.grant?.status !== 'removing') return { requestId, status: request.grant?.status ?? null, outcome: null };
    let outcome: RemovalOutcome;
    try {
      outcome = removalOf(request) === 'leave-alone' ? 'left-alone' : await this.remove(request);
    } catch (err) {
      return onWriteError(this.uow, requestId, 'remove', err);
    }
    return this.uow.run(async (tx) => {
      const current = await tx.requests.getForUpdate(requestId);
      if (current?.grant?.status !== 'removing') return { requestId, status: current?.grant?.status ?? null, outcome: null };
      const saved = await tx.requests.update(removed(current, outcome, this.now()));
      const grant = saved.grant!;
      await tx.trail.record(
        requestEntry(saved, {
          action: outcome === 'left-alone' ? 'access-grant.left-alone' : 'access-grant.removed',
          after: { ...membershipOf(saved), outcome, endReason: grant.endReason },
        }),
      );
      await enqueueNotice(tx.jobs, saved, grant.endReason === 'revoked' ? 'revoked' : 'ended');
      return { requestId, status: grant.status, outcome };
    });
  }

  private async remove(request: AccessRequest): Promise<'removed' | 'absent'> {
    const { directory, groupDn, memberDn } = membershipOf(request);
    const answer = await this.directory.removeMember(directory, groupDn, memberDn);
    if (await this.directory.isMember(directory, groupDn, memberDn)) {
      throw new VigieError(
        'unavailable',
        `${directory}: the beneficiary of request ${request.id} is still a member of ${groupDn} when read back after the removal; trying again`,
      );
    }
    return answer;
  }
}
