import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One open access request per beneficiary, resource and level (pending, or approved with a grant that stands): the
 * unique partial index replaces the plain one the duplicate check read, so that two requests made at once cannot both
 * be inserted.
 */
export class OneOpenAccessRequest1796710000000 implements MigrationInterface {
  name = 'OneOpenAccessRequest1796710000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_access_request_open_for"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_access_request_one_open" ON "access_request"  ("beneficiary_key", "resource_id", "level") WHERE "status" = 'pending' OR ("status" = 'approved' AND "grant_status" IN ('provisioning', 'active', 'removing'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_access_request_one_open"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_access_request_open_for" ON "access_request"  ("beneficiary_key", "resource_id", "level") WHERE "status" IN ('pending', 'approved')`,
    );
  }
}
