import * as z from 'zod';
import { type UnitOfWork, VigieError } from '#vigie/common';
import type { DirectoryWriter } from '#vigie/directory';
import { type AccessRequest, type GrantStatus, attempting, provisioned } from '#vigie/requests';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { onWriteError } from '../shared/grant-write-failure.js';
import { enqueueNotice, membershipOf, type RequestTransaction, requestEntry } from '../shared/request-transaction.js';

export const provisionAccessInput = z.object({ requestId: z.uuid({ error: 'not a request id (a UUID)' }) }).strict();

interface Written {
  outcome: 'added' | 'already';
  /** What the directory answered the write; null when there was no write (the member was there). */
  answer: 'added' | 'already' | null;
}

export interface ProvisionAccessOutput {
  requestId: string;
  /** The grant's status after the job (unchanged when there was nothing to do). */
  status: GrantStatus | null;
  /** added: Vigie wrote the membership; already: it was there before Vigie; null: nothing done (not provisioning). */
  outcome: 'added' | 'already' | null;
}

/**
 * The access.provision job: adds the approved grant's membership to the directory, reads it back, and marks the grant
 * active. Jobs arrive at least once, on any replica: a grant that is no longer provisioning is left as it is, and the
 * membership is read before it is written. A member found there is access granted outside Vigie ('already', which its
 * end leaves alone) unless an earlier try of this job was about to write it (the worker died between the write and its
 * commit): that try marked the grant first, so the member is Vigie's own.
 */
export class ProvisionAccess implements UseCase<typeof provisionAccessInput, ProvisionAccessOutput> {
  static readonly definition: UseCaseDefinition<typeof provisionAccessInput> = { name: 'provision-access', input: provisionAccessInput };
  readonly definition = ProvisionAccess.definition;

  constructor(
    private readonly uow: UnitOfWork<RequestTransaction>,
    private readonly directory: Pick<DirectoryWriter, 'addMember' | 'isMember' | 'removeMember'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute({ requestId }: z.output<typeof provisionAccessInput>): Promise<ProvisionAccessOutput> {
    const request = await this.uow.run((tx) => tx.requests.get(requestId));
    if (!request) throw new VigieError('not-found', `no access request has the id ${requestId}`);
    if (request.grant?.status !== 'provisioning') return { requestId, status: request.grant?.status ?? null, outcome: null };
    let written: Written | { movedTo: GrantStatus | null };
    try {
      written = await this.write(request);
    } catch (err) {
      return onWriteError(this.uow, requestId, 'add', err);
    }
    if ('movedTo' in written) return { requestId, status: written.movedTo, outcome: null };
    const done = await this.uow.run(async (tx) => {
      const current = await tx.requests.getForUpdate(requestId);
      // Another try committed first (that try has it), or revoked meanwhile (the removal job has it, see below).
      if (current?.grant?.status !== 'provisioning') return { requestId, status: current?.grant?.status ?? null, outcome: null };
      const saved = await tx.requests.update(provisioned(current, written.outcome, this.now()));
      await tx.trail.record(
        requestEntry(saved, {
          action: 'access-grant.provisioned',
          after: { ...membershipOf(saved), outcome: written.outcome, directoryAnswer: written.answer, endsAt: saved.grant!.endsAt?.toISOString() ?? null },
        }),
      );
      await enqueueNotice(tx.jobs, saved, 'provisioned');
      return { requestId, status: saved.grant!.status, outcome: written.outcome };
    });
    if (written.answer !== null && (done.status === 'removing' || done.status === 'ended')) await this.undo(request);
    return done;
  }

  /**
   * This try wrote the membership, and the grant was revoked meanwhile: the removal job may have read the directory
   * before the write landed. The write is taken back here too (a second removal finds it absent), and recorded.
   */
  private async undo(request: AccessRequest): Promise<void> {
    const { directory, groupDn, memberDn } = membershipOf(request);
    const outcome = await this.directory.removeMember(directory, groupDn, memberDn);
    await this.uow.run((tx) =>
      tx.trail.record(
        requestEntry(request, {
          action: 'access-grant.removed',
          after: { ...membershipOf(request), outcome, undone: 'a write that landed after the revocation' },
        }),
      ),
    );
  }

  /** Reads, marks the attempt, writes, reads back: what the directory holds once this returns, unless the grant moved on. */
  private async write(request: AccessRequest): Promise<Written | { movedTo: GrantStatus | null }> {
    const { directory, groupDn, memberDn } = membershipOf(request);
    if (await this.directory.isMember(directory, groupDn, memberDn)) return { outcome: request.grant!.attempted ? 'added' : 'already', answer: null };
    if (!request.grant!.attempted) {
      const status = await this.markAttempt(request.id);
      if (status !== 'provisioning') return { movedTo: status };
    }
    // 'already' here: it appeared since the read (a try of this job on another replica); it is Vigie's all the same.
    const answer = await this.directory.addMember(directory, groupDn, memberDn);
    if (!(await this.directory.isMember(directory, groupDn, memberDn))) {
      throw new VigieError(
        'unavailable',
        `${directory}: the beneficiary of request ${request.id} is not a member of ${groupDn} when read back after the write; trying again`,
      );
    }
    return { outcome: 'added', answer };
  }

  /** The grant's status: still provisioning (marked), or what it moved to meanwhile (revoked: nothing is written). */
  private markAttempt(requestId: string): Promise<GrantStatus | null> {
    return this.uow.run(async (tx) => {
      const current = await tx.requests.getForUpdate(requestId);
      if (current?.grant?.status !== 'provisioning') return current?.grant?.status ?? null;
      if (!current.grant.attempted) await tx.requests.update(attempting(current));
      return 'provisioning';
    });
  }
}
