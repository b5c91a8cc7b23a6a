import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';

/**
 * Inserts many rows fast: each slice goes as one JSON parameter that PostgreSQL unpacks with jsonb_to_recordset,
 * instead of one bound parameter per value (TypeORM's multi-row insert builds and binds tens of thousands of them, and
 * PostgreSQL takes at most 65535 a statement). A sync writes hundreds of thousands of memberships, an audit tens of
 * thousands of findings. Columns with a transformer or an enum type go through TypeORM's insert as before.
 */
export interface ChunkedInsertOptions {
  chunkSize?: number;
  /** Upsert: on a conflict over these columns (database names), overwrite the given ones with the new row's. */
  onConflict?: { target: string[]; update: string[] };
}

export async function insertInChunks<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: T[],
  options: ChunkedInsertOptions = {},
): Promise<void> {
  const { chunkSize = 5000, onConflict } = options;
  if (!rows.length) return;
  const meta = manager.connection.getMetadata(target);
  // The columns the rows give a value for; the others keep their database default.
  const columns = meta.columns.filter((c) => !c.isVirtual && rows.some((r) => r[c.propertyName] !== undefined));
  // A foreign key given as its plain value (auditRunId) goes into the JSON like any column; a related entity does not.
  const relationObjects = (c: ColumnMetadata) => !!c.relationMetadata && rows.some((r) => typeof r[c.propertyName] === 'object' && r[c.propertyName] !== null);
  if (columns.some((c) => c.transformer || c.type === 'enum' || c.type === 'simple-enum' || relationObjects(c))) {
    for (let i = 0; i < rows.length; i += 1000) {
      const insert = manager.createQueryBuilder().insert().into(target).values(rows.slice(i, i + 1000));
      await (onConflict ? insert.orUpdate(onConflict.update, onConflict.target) : insert).execute();
    }
    return;
  }
  const driver = manager.connection.driver;
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const names = columns.map((c) => quote(c.databaseName)).join(', ');
  const types = columns.map((c) => `${quote(c.databaseName)} ${sqlType(c, driver.normalizeType(c))}`).join(', ');
  const table = meta.schema ? `${quote(meta.schema)}.${quote(meta.tableName)}` : quote(meta.tableName);
  const upsert = onConflict
    ? ` ON CONFLICT (${onConflict.target.map(quote).join(', ')}) DO UPDATE SET ${onConflict.update.map((c) => `${quote(c)} = EXCLUDED.${quote(c)}`).join(', ')}`
    : '';
  const sql = `INSERT INTO ${table} (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS x(${types})${upsert}`;
  for (let i = 0; i < rows.length; i += chunkSize) {
    const slice = rows.slice(i, i + chunkSize).map((r) => {
      const o: Record<string, unknown> = {};
      for (const c of columns) o[c.databaseName] = r[c.propertyName] ?? null;
      return o;
    });
    await manager.query(sql, [JSON.stringify(slice)]);
  }
}

function sqlType(column: ColumnMetadata, normalized: string): string {
  const base = column.length && /char/.test(normalized) ? `${normalized}(${column.length})` : normalized;
  return column.isArray ? `${base}[]` : base;
}
