import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AccessLookupIndexes1795922595839 implements MigrationInterface {
  name = 'AccessLookupIndexes1795922595839';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_account_employee_id" ON "account"  ("employee_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_directory_group_sid" ON "directory_group"  ("directory", "object_sid") `);
    // Written by hand: expression indexes, which the entities can only name (synchronize: false).
    await queryRunner.query(`CREATE INDEX "IDX_account_login_lower" ON "account" (lower("login"))`);
    await queryRunner.query(`CREATE INDEX "IDX_directory_group_name_lower" ON "directory_group" ("directory", lower("name"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_directory_group_name_lower"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_account_login_lower"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_directory_group_sid"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_account_employee_id"`);
  }
}
