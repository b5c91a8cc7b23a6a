import { MIGRATIONS } from './migrations/index.js';
import type { SqlQuery } from './sql-client.js';

/**
 * Whether every migration of this version is recorded as applied (TypeORM's `migrations` table).
 * `vigie sync` runs without TypeORM only then; otherwise it starts the application, which applies them.
 */
export async function migrationsApplied(db: SqlQuery): Promise<boolean> {
  let rows: Array<{ name: string }>;
  try {
    rows = await db.query(`SELECT name FROM migrations`);
  } catch {
    // No migrations table yet (a new database): the application creates the schema.
    return false;
  }
  const applied = new Set(rows.map((r) => r.name));
  return MIGRATIONS.every((m) => applied.has(new (m as new () => { name: string })().name));
}
