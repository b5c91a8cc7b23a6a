import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PolicyStore1795919981455 implements MigrationInterface {
  name = 'PolicyStore1795919981455';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "policy_load_failure" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "at" TIMESTAMP WITH TIME ZONE NOT NULL, "source" text NOT NULL, "message" text NOT NULL, "errors" jsonb NOT NULL DEFAULT '[]', "fallback_version" character(64), CONSTRAINT "PK_7e0baccd9faabdfe0fab5befc4b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_policy_load_failure_at" ON "policy_load_failure"  ("at") `);
    await queryRunner.query(
      `CREATE TABLE "policy_version" ("version" character(64) NOT NULL, "source" text NOT NULL, "files" jsonb NOT NULL, "first_stored_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_valid_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_825a6671fc6a44ccb03623f41ae" PRIMARY KEY ("version"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_policy_version_last_valid" ON "policy_version"  ("last_valid_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_policy_version_last_valid"`);
    await queryRunner.query(`DROP TABLE "policy_version"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_policy_load_failure_at"`);
    await queryRunner.query(`DROP TABLE "policy_load_failure"`);
  }
}
