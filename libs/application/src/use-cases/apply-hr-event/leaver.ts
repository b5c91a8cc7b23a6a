import { randomUUID } from 'node:crypto';
import { daysAfter, type HrEvent } from '#vigie/hr';
import { type ApplyContext, personOf } from './apply-context.js';
import { hasDone } from './hr-recorder.js';

/**
 * A leave: the account disabled, removed from each of its direct groups (the list kept on the person, for a rehire's
 * review, and in the trail), moved to the leavers' OU when the policy names one, and its deletion scheduled after the
 * retention period (R-LEAVER-RETENTION); the person is no longer active.
 */
export async function applyLeave(ctx: ApplyContext, start: HrEvent, employeeId: string): Promise<HrEvent> {
  let event = start;
  const person = await personOf(ctx, employeeId);
  const account = person?.account;
  if (!account) {
    return ctx.recorder.record(
      event.id,
      { action: 'hr-event.skipped', actions: [{ kind: 'skipped', directory: ctx.directory, dn: null, outcome: 'no account: nothing to disable' }] },
      async (tx, _e, current) => void (current && (await tx.hr.savePerson({ ...current, active: false }))),
    );
  }
  let dn = account.dn;
  const { directory } = ctx.sources;
  if (!hasDone(event, 'account-disabled')) {
    await directory.disableAccount(ctx.directory, dn);
    event = await ctx.recorder.record(event.id, {
      action: 'hr-event.account-disabled',
      actions: [{ kind: 'account-disabled', directory: ctx.directory, dn, outcome: 'disabled' }],
    });
  }
  const groups = await directory.listGroupsOf(ctx.directory, dn);
  for (const groupDn of groups) {
    const outcome = await directory.removeMember(ctx.directory, groupDn, dn);
    event = await ctx.recorder.record(
      event.id,
      { action: 'hr-event.group-removed', actions: [{ kind: 'group-removed', directory: ctx.directory, dn: groupDn, outcome }] },
      async (tx, _e, current) => {
        if (current && !current.leaverGroups.some((g) => g.toLowerCase() === groupDn.toLowerCase())) {
          await tx.hr.savePerson({ ...current, leaverGroups: [...current.leaverGroups, groupDn] });
        }
      },
    );
  }
  const leaversOu = ctx.world.settings.leaversOu;
  if (leaversOu && !hasDone(event, 'account-moved')) {
    const moved = await directory.moveAccount(ctx.directory, dn, leaversOu);
    dn = moved.dn;
    event = await ctx.recorder.record(
      event.id,
      { action: 'hr-event.account-moved', actions: [{ kind: 'account-moved', directory: ctx.directory, dn, outcome: 'to the leavers OU' }] },
      async (tx, _e, current) => void (current?.account && (await tx.hr.savePerson({ ...current, account: { ...current.account, dn } }))),
    );
  } else if (leaversOu) {
    dn = (await personOf(ctx, employeeId))?.account?.dn ?? dn;
  }
  if (!hasDone(event, 'follow-up-scheduled')) {
    const dueAt = daysAfter(ctx.now(), ctx.world.settings.leaverRetentionDays);
    event = await ctx.recorder.record(
      event.id,
      {
        action: 'hr-event.follow-up-scheduled',
        actions: [{ kind: 'follow-up-scheduled', directory: ctx.directory, dn, outcome: `delete-account on ${dueAt.toISOString()}` }],
        details: { followUp: 'delete-account', dueAt: dueAt.toISOString(), leaverGroups: (await personOf(ctx, employeeId))?.leaverGroups ?? [] },
      },
      async (tx, saved, current) => {
        await tx.hr.insertFollowUp({
          id: randomUUID(),
          kind: 'delete-account',
          employeeId,
          eventId: saved.id,
          dueAt,
          directory: ctx.directory,
          dn,
          groups: [],
          status: 'scheduled',
          lastError: null,
          doneAt: null,
        });
        if (current) await tx.hr.savePerson({ ...current, active: false });
      },
    );
  }
  return event;
}
