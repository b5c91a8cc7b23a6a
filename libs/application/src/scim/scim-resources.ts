import type { HrEventStore, HrPerson } from '#vigie/hr';
import { scimUserResource } from './scimmy.js';
import { scimUserOf } from './scim-user.mapping.js';

/** A person as the SCIM User resource a client reads: id the SCIM id, externalId the employee id, meta.version W/"<version>". */
export async function scimResourceOf(person: HrPerson, hr: Pick<HrEventStore, 'getPerson'>, baseUrl: string): Promise<Record<string, unknown>> {
  const manager = person.data.managerEmployeeId ? await hr.getPerson(person.data.managerEmployeeId) : null;
  return scimUserResource(scimUserOf(person, manager?.scimId ?? null), {
    id: person.scimId,
    created: person.createdAt,
    lastModified: person.updatedAt,
    version: `W/"${person.version}"`,
    location: `${baseUrl}/Users/${person.scimId}`,
  });
}
