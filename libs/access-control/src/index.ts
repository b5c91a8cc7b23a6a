export * from './api-token.model.js';
export * from './api-token.service.js';
export * from './ports/api-token.store.js';
export { DirectoryLogin, type DirectoryLoginAccount } from './ports/directory-login.js';
export type { Staff } from './staff.model.js';
export { abilitiesFor, type StaffAction, type StaffSubject } from './staff-abilities.js';
export { parseRole, STAFF_ROLES, type StaffRole } from './staff-role.js';
