import type { HrEvent } from '#vigie/hr';
import { type ApplyContext, cannotApply, ouOf, personOf } from './apply-context.js';
import { hasDone } from './hr-recorder.js';

/**
 * A cancel: the event it names (same source) not applied yet is cancelled; a leave applied already is undone (its
 * scheduled deletion cancelled, the account enabled, moved back to its department's OU, its groups given back), and
 * the trail says what was undone. Any other event applied already cannot be undone by a cancel: dead, with that reason.
 */
export async function applyCancel(ctx: ApplyContext, event: HrEvent): Promise<HrEvent> {
  if (!event.cancels) throw cannotApply('a cancel must name the eventId it cancels ("cancels")');
  const target = await ctx.uow.run((tx) => tx.hr.findBySourceId(event.source, event.cancels!));
  if (!target) throw cannotApply(`no event "${event.cancels}" from ${event.source} to cancel: check its eventId`);
  if (target.person.employeeId !== event.person.employeeId) throw cannotApply(`the event "${event.cancels}" is about another person: check its eventId`);

  if (target.status === 'pending' || target.status === 'retrying') {
    // The target alone under its lock first, then this event's record: locks are taken as every apply takes them
    // (an event, then its person), so a cancel and its target's own try never wait on each other in a circle.
    const cancelled = await ctx.uow.run(async (tx) => {
      const locked = await tx.hr.getForUpdate(target.id);
      if (!locked || (locked.status !== 'pending' && locked.status !== 'retrying')) return false;
      const saved = await tx.hr.update({ ...locked, status: 'cancelled', processedAt: ctx.now() });
      await tx.trail.record({
        action: 'hr-event.cancelled',
        target: { type: 'hr-event', id: saved.id },
        subjects: [{ employeeId: saved.person.employeeId, login: null, directory: null }],
        after: { type: saved.type, eventId: saved.eventId, cancelledBy: event.eventId },
      });
      return true;
    });
    // Applied meanwhile (its try committed first): what it did is undone below as for any applied leave.
    if (cancelled) {
      return ctx.recorder.record(event.id, {
        action: 'hr-event.cancelled-another',
        actions: [{ kind: 'skipped', directory: null, dn: null, outcome: `cancelled ${target.type} ${target.eventId} before it was applied` }],
      });
    }
    return applyCancel(ctx, event);
  }
  if (target.status !== 'done' || target.type !== 'leave') {
    if (target.status === 'cancelled' || target.status === 'dead') {
      return ctx.recorder.record(event.id, {
        action: 'hr-event.skipped',
        actions: [{ kind: 'skipped', directory: null, dn: null, outcome: `${target.eventId} is ${target.status}: nothing to undo` }],
      });
    }
    throw cannotApply(
      `the ${target.type} "${target.eventId}" was applied already: only an applied leave can be undone by a cancel; send an event that says what is wanted now`,
    );
  }
  return undoLeave(ctx, event, target);
}

async function undoLeave(ctx: ApplyContext, start: HrEvent, leave: HrEvent): Promise<HrEvent> {
  let event = start;
  const { directory } = ctx.sources;
  const followUps = (await ctx.uow.run((tx) => tx.hr.followUpsOf(leave.person.employeeId))).filter((f) => f.eventId === leave.id && f.status === 'scheduled');
  for (const followUp of followUps) {
    event = await ctx.recorder.record(
      event.id,
      {
        action: 'hr-event.follow-up-cancelled',
        actions: [{ kind: 'follow-up-cancelled', directory: followUp.directory, dn: followUp.dn, outcome: `${followUp.kind} of ${leave.eventId}` }],
      },
      async (tx) => {
        const locked = await tx.hr.getFollowUpForUpdate(followUp.id);
        if (locked?.status === 'scheduled') await tx.hr.updateFollowUp({ ...locked, status: 'cancelled' });
      },
    );
  }
  const person = await personOf(ctx, leave.person.employeeId);
  const account = person?.account;
  if (!person || !account) return event;
  let dn = account.dn;
  if (!hasDone(event, 'account-enabled')) {
    await directory.enableAccount(ctx.directory, dn);
    event = await ctx.recorder.record(
      event.id,
      { action: 'hr-event.account-enabled', actions: [{ kind: 'account-enabled', directory: ctx.directory, dn, outcome: `undoing leave ${leave.eventId}` }] },
      async (tx, _e, current) => void (current && (await tx.hr.savePerson({ ...current, active: true, leftAt: null }))),
    );
  }
  if (hasDone(leave, 'account-moved') && !hasDone(event, 'account-moved')) {
    const moved = await directory.moveAccount(ctx.directory, dn, ouOf(ctx.world, person.data.department));
    dn = moved.dn;
    event = await ctx.recorder.record(
      event.id,
      { action: 'hr-event.account-moved', actions: [{ kind: 'account-moved', directory: ctx.directory, dn, outcome: 'back to its department OU' }] },
      async (tx, _e, current) => void (current?.account && (await tx.hr.savePerson({ ...current, account: { ...current.account, dn } }))),
    );
  }
  for (const groupDn of person.leaverGroups) {
    if (event.actions.some((a) => a.kind === 'group-added' && a.dn?.toLowerCase() === groupDn.toLowerCase())) continue;
    const outcome = await directory.addMember(ctx.directory, groupDn, dn);
    event = await ctx.recorder.record(
      event.id,
      {
        action: 'hr-event.group-added',
        actions: [{ kind: 'group-added', directory: ctx.directory, dn: groupDn, outcome }],
        details: { undoing: leave.eventId },
      },
      async (tx, _e, current) =>
        void (current && (await tx.hr.savePerson({ ...current, leaverGroups: current.leaverGroups.filter((g) => g.toLowerCase() !== groupDn.toLowerCase()) }))),
    );
  }
  return event;
}
