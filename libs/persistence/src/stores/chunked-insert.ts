import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** PostgreSQL takes at most 65535 parameters a statement: insert big sets in slices. */
export async function insertInChunks<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: T[],
  chunkSize = 1000,
): Promise<void> {
  for (let i = 0; i < rows.length; i += chunkSize) {
    await manager.createQueryBuilder().insert().into(target).values(rows.slice(i, i + chunkSize)).execute();
  }
}
