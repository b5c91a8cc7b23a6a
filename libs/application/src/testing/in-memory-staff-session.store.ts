import { randomUUID } from 'node:crypto';
import type { NewStaffSession, SessionEndReason, StaffRole, StaffSession, StaffSessionStore } from '#vigie/access-control';

/** Web sessions in a map, as the SQL store keeps them (by a digest of their cookie). */
export class InMemoryStaffSessionStore implements StaffSessionStore {
  readonly rows = new Map<string, StaffSession & { tokenHash: string }>();

  async insert(s: NewStaffSession): Promise<StaffSession> {
    const row = { ...s, roles: [...s.roles], id: randomUUID(), endedAt: null, endReason: null };
    this.rows.set(row.id, row);
    return strip(row);
  }

  async findByTokenHash(tokenHash: string): Promise<StaffSession | null> {
    const row = [...this.rows.values()].find((r) => r.tokenHash === tokenHash);
    return row ? strip(row) : null;
  }

  async touch(id: string, lastSeenAt: Date): Promise<void> {
    const row = this.rows.get(id);
    if (row && !row.endedAt && lastSeenAt > row.lastSeenAt) row.lastSeenAt = lastSeenAt;
  }

  async refreshRoles(id: string, roles: StaffRole[], displayName: string, checkedAt: Date): Promise<void> {
    const row = this.rows.get(id);
    if (!row || row.endedAt) return;
    Object.assign(row, { roles: [...roles], displayName, rolesCheckedAt: checkedAt, lastSeenAt: checkedAt > row.lastSeenAt ? checkedAt : row.lastSeenAt });
  }

  async end(id: string, reason: SessionEndReason, at: Date): Promise<boolean> {
    const row = this.rows.get(id);
    if (!row || row.endedAt) return false;
    Object.assign(row, { endedAt: at, endReason: reason });
    return true;
  }

  async purgeEndedBefore(before: Date): Promise<number> {
    let purged = 0;
    for (const [id, row] of this.rows) {
      if ((row.endedAt && row.endedAt < before) || row.expiresAt < before) purged += Number(this.rows.delete(id));
    }
    return purged;
  }
}

function strip(row: StaffSession & { tokenHash: string }): StaffSession {
  const { tokenHash: _, ...session } = row;
  return { ...session, roles: [...session.roles] };
}
