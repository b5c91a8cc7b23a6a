/**
 * A SCIM User as Vigie keeps it (RFC 7643 §4.1 and the enterprise extension §4.3), flattened to the attributes that map
 * to an HR person: what the SCIM routes read and write, whatever the wire format looks like (scimmy handles that).
 */
export interface ScimUser {
  userName: string;
  /** The provisioning client's id of the person: Vigie's employee id. */
  externalId: string | null;
  active: boolean;
  givenName: string | null;
  familyName: string | null;
  /** The work (or primary) e-mail address. */
  mail: string | null;
  title: string | null;
  /** Employee, Contractor, Intern...: Vigie's employeeType. */
  userType: string | null;
  /** The work address's locality (Entra ID maps the city there): Vigie's site. */
  site: string | null;
  /** enterprise employeeNumber: the employee id when externalId is absent. */
  employeeNumber: string | null;
  department: string | null;
  /** enterprise manager.value: the manager's SCIM id (RFC 7643 §4.3), or their employee id. */
  manager: string | null;
}

export const SCIM_USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCIM_ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
