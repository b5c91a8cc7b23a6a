import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Access requests, second step (issue 16):
 * - one open request per beneficiary, resource and level (pending, or approved with a grant that stands): a unique
 *   partial index replaces the plain one the duplicate check read, so that two requests made at once cannot both be
 *   inserted;
 * - the current stage's reminder and escalation times as columns, each with a partial index, so that the sweep asks
 *   only for requests with a step due (a stage reminded and waiting for its escalation no longer fills its batch).
 *   Filled from the requests' JSON for the pending ones already there.
 */
export class AccessRequestSweepAndUniqueness1796710000000 implements MigrationInterface {
  name = 'AccessRequestSweepAndUniqueness1796710000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_access_request_open_for"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_access_request_one_open" ON "access_request"  ("beneficiary_key", "resource_id", "level") WHERE "status" = 'pending' OR ("status" = 'approved' AND "grant_status" IN ('provisioning', 'active', 'removing'))`,
    );
    await queryRunner.query(`ALTER TABLE "access_request" ADD "stage_reminded_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "access_request" ADD "stage_escalated_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `UPDATE "access_request" SET
         "stage_reminded_at" = ("body"->'stages'->(("body"->>'currentStage')::int)->>'remindedAt')::timestamptz,
         "stage_escalated_at" = ("body"->'stages'->(("body"->>'currentStage')::int)->>'escalatedAt')::timestamptz
       WHERE "status" = 'pending' AND jsonb_typeof("body"->'currentStage') = 'number'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_access_request_reminder_due" ON "access_request"  ("stage_opened_at") WHERE "status" = 'pending' AND "stage_reminded_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_access_request_escalation_due" ON "access_request"  ("stage_opened_at") WHERE "status" = 'pending' AND "stage_escalated_at" IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_access_request_escalation_due"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_access_request_reminder_due"`);
    await queryRunner.query(`ALTER TABLE "access_request" DROP COLUMN "stage_escalated_at"`);
    await queryRunner.query(`ALTER TABLE "access_request" DROP COLUMN "stage_reminded_at"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_access_request_one_open"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_access_request_open_for" ON "access_request"  ("beneficiary_key", "resource_id", "level") WHERE "status" IN ('pending', 'approved')`,
    );
  }
}
