import { type UnitOfWork, isVigieError } from '#vigie/common';
import { type AccessRequest, failed, retrying } from '#vigie/requests';
import { enqueueNotice, membershipOf, type RequestTransaction, requestEntry } from './request-transaction.js';

/**
 * A directory write of a provisioning job went wrong. The directory down ('unavailable'): the job is tried again later
 * (the error is thrown back as it is), and the grant shows the error meanwhile. Anything else (no right on the group, a group that does not exist) will not get
 * better by waiting: the grant is kept failed with its error, in the trail, and the administrators and the security
 * officer are told; the error is thrown back too, so that the job stays failed (`vigie jobs failed`) and the failed-job
 * alert fires.
 */
export async function onWriteError(uow: UnitOfWork<RequestTransaction>, requestId: string, operation: 'add' | 'remove', err: unknown): Promise<never> {
  const message = err instanceof Error ? err.message : String(err);
  const expected = operation === 'add' ? 'provisioning' : 'removing';
  if (isVigieError(err) && err.kind === 'unavailable') {
    // Best effort: the database may be what is down; the job is tried again all the same.
    await uow
      .run(async (tx) => {
        const current = await tx.requests.getForUpdate(requestId);
        if (current?.grant?.status === expected && current.grant.lastError !== message) await tx.requests.update(retrying(current, message));
      })
      .catch(() => undefined);
    throw err;
  }
  await uow.run(async (tx) => {
    const current = await tx.requests.getForUpdate(requestId);
    // Another try settled it, or it was revoked meanwhile: nothing to mark.
    if (current?.grant?.status !== expected) return;
    const saved: AccessRequest = await tx.requests.update(failed(current, message));
    await tx.trail.record(
      requestEntry(saved, {
        action: 'access-grant.provisioning-failed',
        after: { ...membershipOf(saved), operation, kind: isVigieError(err) ? err.kind : null, error: message },
      }),
    );
    await enqueueNotice(tx.jobs, saved, 'provisioning-failed');
  });
  throw err;
}
