import { randomUUID } from 'node:crypto';
import type { AccountChanges } from '#vigie/directory';
import { birthrightMove, changeOf, daysAfter, type HrEvent, type HrPersonData, isMove } from '#vigie/hr';
import { addGroups, type ApplyContext, cannotApply, identityOf, managerOf, ouOf, personOf } from './apply-context.js';
import { hasDone } from './hr-recorder.js';

/**
 * An update or a move: the changed attributes written, a new department's OU moved to, the new birthright groups
 * added now and the old role's (those the new role does not give) removed by a follow-up after the grace period
 * (G-MOVER's thresholdDays). Access granted by approved requests stays, flagged for the next review.
 */
export async function applyMove(ctx: ApplyContext, start: HrEvent, after: HrPersonData): Promise<HrEvent> {
  let event = start;
  const person = await personOf(ctx, after.employeeId);
  const account = person?.account;
  if (!person || !account) {
    throw cannotApply(`${after.employeeId} has no account Vigie made or found: apply (or replay) their hire first, then replay this event`);
  }
  const before = person.data;
  const change = changeOf(before, after);
  const manager = await managerOf(ctx, after);
  let dn = account.dn;
  if (!hasDone(event, 'account-updated')) {
    const changes: AccountChanges = {};
    if (change.title) changes.title = after.title;
    if (change.department) changes.department = after.department;
    if (change.manager) changes.managerDn = manager?.dn ?? null;
    if (change.other.includes('mail')) changes.mail = after.mail;
    if (change.other.includes('firstName')) changes.givenName = after.firstName;
    if (change.other.includes('lastName') && after.lastName) changes.surname = after.lastName;
    if (Object.keys(changes).length) {
      await ctx.sources.directory.updateAccount(ctx.directory, dn, changes);
      event = await ctx.recorder.record(event.id, {
        action: 'hr-event.account-updated',
        actions: [{ kind: 'account-updated', directory: ctx.directory, dn, outcome: Object.keys(changes).join(', ') }],
      });
    }
  }
  if (change.department && !hasDone(event, 'account-moved')) {
    const moved = await ctx.sources.directory.moveAccount(ctx.directory, dn, ouOf(ctx.world, after.department));
    dn = moved.dn;
    event = await ctx.recorder.record(
      event.id,
      { action: 'hr-event.account-moved', actions: [{ kind: 'account-moved', directory: ctx.directory, dn, outcome: 'department changed' }] },
      async (tx, _e, current) => void (current && (await tx.hr.savePerson({ ...current, account: { ...account, dn } }))),
    );
  } else if (change.department) {
    dn = (await personOf(ctx, after.employeeId))?.account?.dn ?? dn;
  }
  if (isMove(change)) {
    const oldManager = before.managerEmployeeId ? ((await personOf(ctx, before.managerEmployeeId))?.account?.login ?? null) : null;
    const [oldGroups, newGroups] = await Promise.all([
      ctx.world.birthrightGroups(identityOf(ctx, before, account.login, oldManager)),
      ctx.world.birthrightGroups(identityOf(ctx, after, account.login, manager?.login ?? null)),
    ]);
    const plan = birthrightMove(oldGroups.dns, newGroups.dns);
    event = await addGroups(ctx, event, dn, plan.add);
    if (plan.removeLater.length && !hasDone(event, 'follow-up-scheduled')) {
      const dueAt = daysAfter(ctx.now(), ctx.world.settings.moverGraceDays);
      event = await ctx.recorder.record(
        event.id,
        {
          action: 'hr-event.follow-up-scheduled',
          actions: [{ kind: 'follow-up-scheduled', directory: ctx.directory, dn, outcome: `remove-groups on ${dueAt.toISOString()}` }],
          details: { followUp: 'remove-groups', dueAt: dueAt.toISOString(), groups: plan.removeLater },
        },
        (tx, saved) =>
          tx.hr.insertFollowUp({
            id: randomUUID(),
            kind: 'remove-groups',
            employeeId: after.employeeId,
            eventId: saved.id,
            dueAt,
            directory: ctx.directory,
            dn,
            groups: plan.removeLater,
            status: 'scheduled',
            lastError: null,
            doneAt: null,
          }),
      );
    }
    const requests = (await ctx.sources.approvedRequestsOf?.(ctx.directory, dn)) ?? [];
    if (requests.length && !hasDone(event, 'flagged-for-review')) {
      event = await ctx.recorder.record(event.id, {
        action: 'hr-event.flagged-for-review',
        actions: [{ kind: 'flagged-for-review', directory: ctx.directory, dn, outcome: `access requests ${requests.join(', ')}` }],
        details: { requests, why: 'granted by request before the move: kept, to review at the next access review' },
      });
    }
  }
  return event;
}
