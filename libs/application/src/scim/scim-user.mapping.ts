import { type HrEvent, type HrEventType, type HrPerson, type HrPersonData, departmentKey } from '#vigie/hr';
import type { ScimUser } from './scim-user.js';

/** The employee id a SCIM user names: its externalId, else the enterprise extension's employeeNumber. */
export function employeeIdOf(user: ScimUser): string | null {
  return user.externalId ?? user.employeeNumber;
}

/**
 * The HR person a SCIM user describes. SCIM carries no start or end date: those of what Vigie knew are kept. An
 * attribute the user lacks is null (a PUT replaces the whole user).
 */
export function hrPersonDataOf(user: ScimUser, employeeId: string, managerEmployeeId: string | null, before: HrPersonData | null = null): HrPersonData {
  return {
    employeeId,
    firstName: user.givenName,
    lastName: user.familyName,
    mail: user.mail,
    department: user.department,
    title: user.title,
    managerEmployeeId,
    site: user.site,
    employeeType: user.userType,
    startDate: before?.startDate ?? null,
    endDate: before?.endDate ?? null,
  };
}

/**
 * The SCIM user Vigie answers for a person: the employee id as externalId and employeeNumber, the manager by their
 * SCIM id when Vigie knows them (else by employee id). A person who came by another channel has no userName: their
 * mail, else their employee id, stands for it (SCIM requires one).
 */
export function scimUserOf(person: HrPerson, managerScimId: string | null): ScimUser {
  const d = person.data;
  return {
    userName: person.userName ?? d.mail ?? person.employeeId,
    externalId: person.employeeId,
    active: person.active,
    givenName: d.firstName,
    familyName: d.lastName,
    mail: d.mail,
    title: d.title,
    userType: d.employeeType,
    site: d.site,
    employeeNumber: person.employeeId,
    department: d.department,
    manager: managerScimId ?? d.managerEmployeeId,
  };
}

const COMPARED: ReadonlyArray<keyof HrPersonData> = ['firstName', 'lastName', 'mail', 'department', 'title', 'managerEmployeeId', 'site', 'employeeType'];

/**
 * The HR event a change of a SCIM user means, or null when it means nothing for the directory: active true → false a
 * leave, false → true a hire (a rehire), a new department a move, any other change of what HR events carry an update.
 * A person who left stays as they are until they are active again.
 */
export function hrEventTypeOf(before: { data: HrPersonData; active: boolean }, after: { data: HrPersonData; active: boolean }): HrEventType | null {
  if (before.active && !after.active) return 'leave';
  if (!before.active && after.active) return 'hire';
  if (!after.active) return null;
  if (departmentKey(before.data.department ?? '') !== departmentKey(after.data.department ?? '')) return 'move';
  return COMPARED.some((k) => (before.data[k] ?? null) !== (after.data[k] ?? null)) ? 'update' : null;
}

/**
 * What SCIM reads of a person: what the worker has applied (HrPerson, whose data the worker compares each event with:
 * a mover's old department) with the events not applied yet over it, in order, merged as the worker will merge them
 * (a field an event leaves null keeps its value): a client reads back what it wrote at once.
 */
export function pendingView(person: HrPerson, open: readonly HrEvent[]): { data: HrPersonData; active: boolean } {
  let data = person.data;
  let active = person.active;
  for (const event of open) {
    if (event.type === 'cancel' || event.person.employeeId !== person.employeeId) continue;
    data = { ...data };
    for (const key of Object.keys(event.person) as Array<keyof HrPersonData>) {
      const value = event.person[key];
      if (value !== null && value !== undefined) data[key] = value;
    }
    if (event.type === 'leave') active = false;
    if (event.type === 'hire') active = true;
  }
  return { data, active };
}
