import type { StaffRole } from './staff-role.js';

export interface ApiTokenRecord {
  id: string;
  name: string;
  role: StaffRole;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}
