import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the findings list's search (`q`, issue 18): a case-insensitive prefix of the login or of the subject's
 * name. text_pattern_ops lets a LIKE 'prefix%' use them whatever the database's collation. Written by hand: expression
 * indexes, which the entities can only name.
 */
export class FindingSearchIndexes1796730000000 implements MigrationInterface {
  name = 'FindingSearchIndexes1796730000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_finding_run_login_prefix" ON "finding" ("audit_run_id", lower("login") text_pattern_ops)`);
    await queryRunner.query(`CREATE INDEX "IDX_finding_run_name_prefix" ON "finding" ("audit_run_id", lower("subject"->>'name') text_pattern_ops)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_finding_run_name_prefix"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_finding_run_login_prefix"`);
  }
}
