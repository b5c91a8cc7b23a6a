/**
 * Generates a migration from the difference between the entities and the schema that the existing
 * migrations produce, as TypeORM's migration:generate does, on a throw-away PostgreSQL database.
 * Usage: npm run migration:generate -- AddSomething   (DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres)
 */
import { writeFileSync } from 'node:fs';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '#vigie/config';
import { dataSourceOptions } from '../libs/persistence/src/data-source.factory.js';

const name = process.argv[2];
if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
  console.error('usage: npm run migration:generate -- PascalCaseName');
  process.exit(2);
}
const adminUrl = loadConfig().database.url ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `vigie_migration_${Date.now()}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
const ds = new DataSource(dataSourceOptions({ url: url.toString(), dataDir: '' }));
try {
  await ds.initialize();
  await ds.runMigrations();
  const sql = await ds.driver.createSchemaBuilder().log();
  if (!sql.upQueries.length) {
    console.log('No changes: the migrations already match the entities.');
  } else {
    const ts = Date.now();
    const q = (s: string) => '`' + s.replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
    const up = sql.upQueries.map((x) => `    await queryRunner.query(${q(x.query)});`).join('\n');
    const down = sql.downQueries
      .reverse()
      .map((x) => `    await queryRunner.query(${q(x.query)});`)
      .join('\n');
    const file = `libs/persistence/src/migrations/${ts}-${name}.ts`;
    writeFileSync(
      file,
      `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${name}${ts} implements MigrationInterface {\n  name = '${name}${ts}';\n\n  async up(queryRunner: QueryRunner): Promise<void> {\n${up}\n  }\n\n  async down(queryRunner: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`,
    );
    console.log(`Wrote ${file}: review it, then add it to libs/persistence/src/migrations/index.ts`);
  }
} finally {
  await ds.destroy().catch(() => undefined);
  await admin.query(`DROP DATABASE ${dbName} WITH (FORCE)`);
  await admin.end();
}
