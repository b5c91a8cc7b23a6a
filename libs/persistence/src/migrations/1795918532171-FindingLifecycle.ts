import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FindingLifecycle1795918532171 implements MigrationInterface {
  name = 'FindingLifecycle1795918532171';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "finding_state" ("id" character varying(64) NOT NULL, "rule" character varying(64) NOT NULL, "severity" character varying(16) NOT NULL, "directory" character varying(64), "login" text, "status" character varying(16) NOT NULL, "first_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "resolved_at" TIMESTAMP WITH TIME ZONE, "reopened_count" integer NOT NULL DEFAULT '0', "decided_by" text, "decided_at" TIMESTAMP WITH TIME ZONE, "reason" text, "accepted_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_e9e7ab8c400f079768a7b389eb7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_finding_state_status" ON "finding_state"  ("status") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_finding_state_status"`);
    await queryRunner.query(`DROP TABLE "finding_state"`);
  }
}
