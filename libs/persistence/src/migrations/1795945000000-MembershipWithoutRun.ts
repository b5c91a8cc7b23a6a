import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Membership rows no longer say which run wrote them: nothing read it, and it was a sixth of the
 * bytes a first snapshot sends for its 500k rows (runs record what changed in sync_membership_change).
 */
export class MembershipWithoutRun1795945000000 implements MigrationInterface {
  name = 'MembershipWithoutRun1795945000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "membership" DROP COLUMN "sync_run_id"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The run that wrote each row is lost: the latest successful run of its directory stands for it.
    await queryRunner.query(`ALTER TABLE "membership" ADD "sync_run_id" uuid`);
    await queryRunner.query(`UPDATE "membership" m SET "sync_run_id" = s."last_run_id" FROM "sync_state" s WHERE s."directory" = m."directory"`);
  }
}
