import { randomUUID } from 'node:crypto';
import { isVigieError } from '#vigie/common';
import { normalizeDn, parentDn as parentOf } from '#vigie/directory';
import { baseLogin, freeLogin, generatePassword, type HrAccountRef, type HrEvent, type HrPerson, type HrPersonData, mailOf } from '#vigie/hr';
import { addGroups, type ApplyContext, identityOf, managerOf, ouOf } from './apply-context.js';
import type { NewHrAction } from './hr-recorder.js';
import { hasDone } from './hr-recorder.js';

/**
 * A hire: the account in the department's OU (login from the pattern, free in the directory), its title, department
 * and manager, an initial password to change at first logon handed over by the configured channel, and the birthright
 * groups. Each step is recorded as it is taken; a retried job finds the account (on the person, or by its login and
 * employee id in the directory) and goes on from the first step not recorded: nothing is created twice.
 */
export async function applyHire(ctx: ApplyContext, start: HrEvent, data: HrPersonData, known: HrPerson | null): Promise<HrEvent> {
  let event = start;
  const parentDn = ouOf(ctx.world, data.department);
  const manager = await managerOf(ctx, data);
  let account = known?.account?.directory === ctx.directory ? known.account : null;
  const attributes = { title: data.title, department: data.department, managerDn: manager?.dn ?? null };
  const updated: NewHrAction[] = [
    { kind: 'account-updated', directory: ctx.directory, dn: null, outcome: 'title, department' },
    ...(manager ? [{ kind: 'manager-set' as const, directory: ctx.directory, dn: manager.dn, outcome: 'set' }] : []),
  ];
  if (!account) {
    const made = await createOrFind(ctx, data, parentDn);
    account = made.account;
    const ref = made.account;
    // Written before the creation is recorded: a try that dies here finds the account, and writes the same values again.
    await ctx.sources.directory.updateAccount(ctx.directory, ref.dn, attributes);
    event = await ctx.recorder.record(
      event.id,
      {
        action: 'hr-event.account-created',
        actions: [
          { kind: 'account-created', directory: ctx.directory, dn: ref.dn, outcome: made.outcome },
          ...updated.map((a) => ({ ...a, dn: a.dn ?? ref.dn })),
        ],
        login: ref.login,
        directory: ctx.directory,
      },
      async (tx, _event, person) => {
        const now = ctx.now();
        await tx.hr.savePerson(
          person
            ? { ...person, data, account: ref, active: true }
            : {
                employeeId: data.employeeId,
                scimId: randomUUID(),
                userName: null,
                data,
                active: true,
                account: ref,
                leaverGroups: [],
                createdAt: now,
                updatedAt: now,
                version: 1,
              },
        );
      },
    );
  }
  let dn = account.dn;
  // A rehire: the account Vigie made before (a leaver's, in the leavers' OU) goes back to the department's OU.
  if (!hasDone(event, 'account-moved') && normalizeDn(parentOf(dn) ?? '') !== normalizeDn(parentDn)) {
    const ref = account;
    dn = (await ctx.sources.directory.moveAccount(ctx.directory, dn, parentDn)).dn;
    event = await ctx.recorder.record(
      event.id,
      { action: 'hr-event.account-moved', actions: [{ kind: 'account-moved', directory: ctx.directory, dn, outcome: "to the department's OU" }] },
      async (tx, _e, current) => void (current && (await tx.hr.savePerson({ ...current, account: { ...ref, dn }, active: true }))),
    );
    account = { ...account, dn };
  }
  if (!hasDone(event, 'account-updated')) {
    await ctx.sources.directory.updateAccount(ctx.directory, dn, attributes);
    event = await ctx.recorder.record(event.id, { action: 'hr-event.account-updated', actions: updated.map((a) => ({ ...a, dn: a.dn ?? dn })) });
  }
  if (!hasDone(event, 'password-delivered')) {
    // Set and handed over in one step: a try that set it and could not deliver it sets another the next time.
    const password = generatePassword(20, [account.login, data.firstName ?? '', data.lastName ?? '']);
    await ctx.sources.directory.setPassword(ctx.directory, dn, password, { mustChange: true });
    await ctx.sources.directory.enableAccount(ctx.directory, dn);
    const displayName = [data.firstName, data.lastName].filter(Boolean).join(' ');
    const channel = await ctx.sources.delivery.deliver({ login: account.login, displayName, managerMail: manager?.mail ?? null }, password);
    event = await ctx.recorder.record(event.id, {
      action: 'hr-event.password-set',
      actions: [
        { kind: 'password-set', directory: ctx.directory, dn, outcome: 'must change at first logon' },
        { kind: 'account-enabled', directory: ctx.directory, dn, outcome: 'enabled' },
        { kind: 'password-delivered', directory: ctx.directory, dn, outcome: channel },
      ],
    });
  }
  const { dns, unresolved } = await ctx.world.birthrightGroups(identityOf(ctx, data, account.login, manager?.login ?? null));
  if (unresolved.length && !hasDone(event, 'skipped')) {
    event = await ctx.recorder.record(event.id, {
      action: 'hr-event.groups-unresolved',
      actions: unresolved.map((ref) => ({
        kind: 'skipped' as const,
        directory: ctx.directory,
        dn: null,
        outcome: `birthright group "${ref}" not found in ${ctx.directory}`,
      })),
    });
  }
  return addGroups(ctx, event, dn, dns);
}

/**
 * The account: the first login of the pattern free in the directory, or this person's own found there (an earlier try
 * created it and stopped before recording it: same employee id). Two hires racing for one login: the second create
 * finds the entry there ('conflict') and takes the next login.
 */
async function createOrFind(ctx: ApplyContext, data: HrPersonData, parentDn: string): Promise<{ account: HrAccountRef; outcome: string }> {
  const { directory } = ctx.sources;
  const base = baseLogin(data, { pattern: ctx.config.loginPattern, maxLength: ctx.config.loginMaxLength });
  for (let attempt = 1; ; attempt++) {
    let mine: HrAccountRef | null = null;
    const login = await freeLogin(base, ctx.config.loginMaxLength, async (candidate) => {
      const found = await directory.findAccount(ctx.directory, candidate);
      if (found && found.employeeId === data.employeeId) mine = { directory: ctx.directory, dn: found.dn, login: found.login };
      return found !== null && found.employeeId !== data.employeeId;
    });
    if (mine) return { account: mine, outcome: 'found' };
    const fullName = [data.firstName, data.lastName].filter(Boolean).join(' ') || login;
    try {
      const { dn } = await directory.createAccount(ctx.directory, {
        parentDn,
        login,
        // AD names the entry by its CN: a second Jean Martin in the OU is told apart by his login.
        commonName: login !== base || attempt > 1 ? `${fullName} (${login})` : undefined,
        givenName: data.firstName ?? undefined,
        surname: data.lastName ?? login,
        mail: mailOf(data.mail, login, ctx.config.mailDomain) ?? undefined,
        employeeId: data.employeeId,
      });
      return { account: { directory: ctx.directory, dn, login }, outcome: 'created' };
    } catch (error) {
      if (!(isVigieError(error) && error.kind === 'conflict') || attempt >= 3) throw error;
    }
  }
}
