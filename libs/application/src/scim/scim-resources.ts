import type { HrEventStore, HrPerson } from '#vigie/hr';
import { scimUserResource } from './scimmy.js';
import { pendingView, scimUserOf } from './scim-user.mapping.js';

/**
 * A person as the SCIM User resource a client reads, their events not applied yet included (pendingView): id the SCIM
 * id, externalId the employee id, meta.version W/"<version of the person>".
 */
export async function scimResourceOf(person: HrPerson, hr: Pick<HrEventStore, 'getPerson' | 'openFor'>, baseUrl: string): Promise<Record<string, unknown>> {
  const open = await hr.openFor(person.employeeId);
  const view = pendingView(person, open);
  const lastModified = new Date(Math.max(person.updatedAt.getTime(), ...open.map((e) => e.receivedAt.getTime())));
  const manager = view.data.managerEmployeeId ? await hr.getPerson(view.data.managerEmployeeId) : null;
  return scimUserResource(scimUserOf({ ...person, ...view }, manager?.scimId ?? null), {
    id: person.scimId,
    created: person.createdAt,
    lastModified,
    version: `W/"${person.version}"`,
    location: `${baseUrl}/Users/${person.scimId}`,
  });
}
