export * from './api-token.model.js';
export * from './api-token.service.js';
export * from './ports/api-token.store.js';
export type { Staff } from './staff.model.js';
export { abilitiesFor, allowsEveryRecord, allowsRecord, type StaffAction, type StaffSubject } from './staff-abilities.js';
export { personKey } from './person-key.js';
export { parseRole, STAFF_ROLES, TOKEN_ROLES, type StaffRole } from './staff-role.js';
