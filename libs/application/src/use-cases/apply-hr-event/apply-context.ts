import { type UnitOfWork, VigieError } from '#vigie/common';
import { departmentKey, type HrEvent, type HrPerson, type HrPersonData } from '#vigie/hr';
import type { HrTransaction } from '../shared/hr-transaction.js';
import type { ApplyHrConfig, ApplyHrSources, HrIdentity, HrWorld } from './hr-apply.ports.js';
import type { HrRecorder, NewHrAction } from './hr-recorder.js';

/** What one try of one event works with: the sources, the policy in force, and the recorder of its steps. */
export interface ApplyContext {
  sources: ApplyHrSources;
  config: ApplyHrConfig;
  directory: string;
  world: HrWorld;
  recorder: HrRecorder;
  uow: UnitOfWork<HrTransaction>;
  now: () => Date;
}

/** An event that cannot be applied as it is: dead at once, with this reason (a retry would not change it). */
export function cannotApply(message: string): VigieError {
  return new VigieError('invalid-input', message);
}

/** The OU the policy gives the department (Settings hr.departments); dead when it gives none. */
export function ouOf(world: HrWorld, department: string | null): string {
  if (!department) throw cannotApply("the person has no department, so no OU: send the department in the event (the policy's hr.departments maps it)");
  const found = world.settings.departments.get(departmentKey(department));
  if (!found) {
    const known = [...world.settings.departments.values()].map((d) => d.name);
    throw cannotApply(
      `the department "${department}" has no OU in the policy's Settings hr.departments (${known.length ? `known: ${known.join(', ')}` : 'none is declared'}): add it, then replay the event`,
    );
  }
  return found.ou;
}

export function personOf(ctx: ApplyContext, employeeId: string): Promise<HrPerson | null> {
  return ctx.uow.run((tx) => tx.hr.getPerson(employeeId));
}

/**
 * The manager's account: from the manager's HrPerson (an account Vigie made), else the directory's account holding
 * their employee id (a manager who came before Vigie). A manager named and found in neither is waited for (their own
 * hire may come later in the same burst): 'unavailable', tried again.
 */
export async function managerOf(ctx: ApplyContext, data: HrPersonData): Promise<{ dn: string; login: string; mail: string | null } | null> {
  const id = data.managerEmployeeId;
  if (!id) return null;
  const manager = await personOf(ctx, id);
  if (manager?.account?.directory === ctx.directory) return { dn: manager.account.dn, login: manager.account.login, mail: manager.data.mail };
  const found = await ctx.sources.directory.findAccountByEmployeeId(ctx.directory, id);
  if (found) return { dn: found.dn, login: found.login, mail: found.mail ?? manager?.data.mail ?? null };
  throw new VigieError('unavailable', `the manager ${id} has no account yet: the event waits for their hire to be applied`);
}

/** The attributes birthright rules read, from what HR says of the person. */
export function identityOf(ctx: ApplyContext, data: HrPersonData, login: string | null, managerLogin: string | null): HrIdentity {
  return {
    employeeId: data.employeeId,
    login,
    department: data.department,
    title: data.title,
    employeeType: data.employeeType,
    location: data.site,
    manager: managerLogin,
    directory: ctx.directory,
  };
}

/** Adds each group not added by an earlier try and reads it back, then records them together. */
export async function addGroups(ctx: ApplyContext, event: HrEvent, accountDn: string, groups: readonly string[]): Promise<HrEvent> {
  const actions: NewHrAction[] = [];
  for (const groupDn of groups) {
    if (event.actions.some((a) => a.kind === 'group-added' && a.dn?.toLowerCase() === groupDn.toLowerCase())) continue;
    const outcome = await ctx.sources.directory.addMember(ctx.directory, groupDn, accountDn);
    if (!(await ctx.sources.directory.isMember(ctx.directory, groupDn, accountDn))) {
      throw new VigieError('unavailable', `${ctx.directory}: the account is not a member of ${groupDn} when read back after the write; trying again`);
    }
    actions.push({ kind: 'group-added', directory: ctx.directory, dn: groupDn, outcome });
  }
  // A try that dies before this record adds them again the next time: 'already', harmless.
  return actions.length ? ctx.recorder.record(event.id, { action: 'hr-event.groups-added', actions }) : event;
}
