/**
 * Writes docs/permissions.md from the permission matrix (apps/api/src/auth/permission-matrix.ts). Run it after
 * changing a route's ability or the matrix, and commit the file: the permission test fails while it is stale.
 * Usage: npm run docs:permissions
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { PERMISSIONS_DOC, renderPermissions } from './permissions/render-permissions.js';

await writeFile(PERMISSIONS_DOC, renderPermissions());
console.log(`wrote ${fileURLToPath(PERMISSIONS_DOC)}`);
