import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The desk's searches and histories: an account by the start of its login, name, employee id or mail (text_pattern_ops,
 * so that `LIKE 'dup%'` uses them whatever the database's collation); a change by the object it names; the runs and
 * their changes newest first. Written by hand: expression and operator-class indexes, which the entities only name.
 */
export class DeskLookupIndexes1796740000000 implements MigrationInterface {
  name = 'DeskLookupIndexes1796740000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_account_login_prefix" ON "account" (lower("login") text_pattern_ops)`);
    await queryRunner.query(`CREATE INDEX "IDX_account_display_name_prefix" ON "account" (lower("display_name") text_pattern_ops)`);
    await queryRunner.query(`CREATE INDEX "IDX_account_employee_id_prefix" ON "account" (lower("employee_id") text_pattern_ops)`);
    await queryRunner.query(`CREATE INDEX "IDX_account_mail_prefix" ON "account" (lower("mail") text_pattern_ops)`);
    await queryRunner.query(`CREATE INDEX "IDX_sync_change_name_lower" ON "sync_change" (lower("name"))`);
    await queryRunner.query(`CREATE INDEX "IDX_sync_change_dn_lower" ON "sync_change" (lower("dn"))`);
    await queryRunner.query(`CREATE INDEX "IDX_sync_membership_change_member_norm" ON "sync_membership_change" ("member_dn_norm")`);
    await queryRunner.query(`CREATE INDEX "IDX_sync_membership_change_group_norm" ON "sync_membership_change" ("group_dn_norm")`);
    await queryRunner.query(`CREATE INDEX "IDX_sync_membership_change_member_name" ON "sync_membership_change" (lower("member_name"))`);
    await queryRunner.query(`CREATE INDEX "IDX_sync_membership_change_group_name" ON "sync_membership_change" (lower("group_name"))`);
    await queryRunner.query(`CREATE INDEX "IDX_sync_run_finished" ON "sync_run" ("finished_at", "id")`);
    await queryRunner.query(`CREATE INDEX "IDX_sync_run_started" ON "sync_run" ("started_at", "id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of [
      'IDX_sync_run_started',
      'IDX_sync_run_finished',
      'IDX_sync_membership_change_group_name',
      'IDX_sync_membership_change_member_name',
      'IDX_sync_membership_change_group_norm',
      'IDX_sync_membership_change_member_norm',
      'IDX_sync_change_dn_lower',
      'IDX_sync_change_name_lower',
      'IDX_account_mail_prefix',
      'IDX_account_employee_id_prefix',
      'IDX_account_display_name_prefix',
      'IDX_account_login_prefix',
    ])
      await queryRunner.query(`DROP INDEX "public"."${name}"`);
  }
}
