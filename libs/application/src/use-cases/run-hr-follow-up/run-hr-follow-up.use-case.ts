import * as z from 'zod';
import { isVigieError, type UnitOfWork, VigieError } from '#vigie/common';
import type { DirectoryWriter } from '#vigie/directory';
import type { HrFollowUp } from '#vigie/hr';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import type { HrTransaction } from '../shared/hr-transaction.js';

export const runHrFollowUpInput = z.object({ followUpId: z.uuid({ error: 'not a follow-up id (a UUID)' }) }).strict();

export interface RunHrFollowUpOutput {
  followUpId: string;
  status: HrFollowUp['status'] | null;
  /** What the directory answered, per group (remove-groups) or for the account (delete-account). */
  outcomes: Record<string, string>;
}

/**
 * The hr.follow-up job: what an applied event scheduled for later, once due: the old role's groups removed after a
 * mover's grace period, a leaver's account deleted after the retention period. Checked under the follow-up's lock (a
 * cancelled or done one is left alone); the directory's answers and the result go to the trail in one unit of work.
 * The directory down: 'unavailable', the queue tries again; another refusal marks it failed with its reason.
 */
export class RunHrFollowUp implements UseCase<typeof runHrFollowUpInput, RunHrFollowUpOutput> {
  static readonly definition: UseCaseDefinition<typeof runHrFollowUpInput> = { name: 'run-hr-follow-up', input: runHrFollowUpInput };
  readonly definition = RunHrFollowUp.definition;

  constructor(
    private readonly uow: UnitOfWork<HrTransaction>,
    private readonly directory: Pick<DirectoryWriter, 'removeMember' | 'deleteAccount'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute({ followUpId }: z.output<typeof runHrFollowUpInput>): Promise<RunHrFollowUpOutput> {
    const followUp = await this.uow.run((tx) => tx.hr.getFollowUpForUpdate(followUpId));
    if (!followUp) throw new VigieError('not-found', `no HR follow-up has the id ${followUpId}`);
    if (followUp.status !== 'scheduled' || followUp.dueAt > this.now()) return { followUpId, status: followUp.status, outcomes: {} };
    const outcomes: Record<string, string> = {};
    try {
      if (followUp.kind === 'remove-groups') {
        for (const group of followUp.groups) outcomes[group] = await this.directory.removeMember(followUp.directory, group, followUp.dn);
      } else {
        outcomes[followUp.dn] = await this.directory.deleteAccount(followUp.directory, followUp.dn);
      }
    } catch (error) {
      if (isVigieError(error) && error.kind === 'unavailable') throw error;
      return this.close(followUp, 'failed', outcomes, error instanceof Error ? error.message : String(error));
    }
    return this.close(followUp, 'done', outcomes, null);
  }

  private close(followUp: HrFollowUp, status: 'done' | 'failed', outcomes: Record<string, string>, error: string | null): Promise<RunHrFollowUpOutput> {
    return this.uow.run(async (tx) => {
      const current = await tx.hr.getFollowUpForUpdate(followUp.id);
      // Cancelled while the directory was written (a cancel of the leave): the trail says what was written anyway.
      const next = current?.status === 'scheduled' ? status : (current?.status ?? status);
      if (current?.status === 'scheduled') await tx.hr.updateFollowUp({ ...current, status, lastError: error, doneAt: status === 'done' ? this.now() : null });
      const person = await tx.hr.getPerson(followUp.employeeId);
      if (followUp.kind === 'delete-account' && status === 'done' && person?.account && person.account.dn.toLowerCase() === followUp.dn.toLowerCase()) {
        await tx.hr.savePerson({ ...person, account: null });
      }
      await tx.trail.record({
        action: `hr-follow-up.${status}`,
        target: { type: 'hr-event', id: followUp.eventId },
        subjects: [{ employeeId: followUp.employeeId, login: person?.account?.login ?? null, directory: followUp.directory }],
        after: { followUp: followUp.id, kind: followUp.kind, dn: followUp.dn, outcomes, error },
      });
      return { followUpId: followUp.id, status: next, outcomes };
    });
  }
}
