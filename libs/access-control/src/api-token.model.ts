import type { StaffRole } from './staff-role.js';

export interface ApiTokenRecord {
  id: string;
  name: string;
  role: StaffRole;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/** Who is calling: resolved from a valid token. */
export interface StaffPrincipal {
  tokenId: string;
  name: string;
  role: StaffRole;
}
