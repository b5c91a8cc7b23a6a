import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated compliance reports, kept for download (issue 18). */
export class ComplianceReports1796750000000 implements MigrationInterface {
  name = 'ComplianceReports1796750000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "report" ("id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_by" text NOT NULL, "trigger" character varying(16) NOT NULL, "period_from" TIMESTAMP WITH TIME ZONE NOT NULL, "period_to" TIMESTAMP WITH TIME ZONE NOT NULL, "format" character varying(8) NOT NULL, "lang" character varying(8) NOT NULL, "sha256" character(64) NOT NULL, "byte_size" integer NOT NULL, "file_name" text NOT NULL, "content" bytea NOT NULL, CONSTRAINT "PK_report_id" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_report_created" ON "report" ("created_at", "id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_report_created"`);
    await queryRunner.query(`DROP TABLE "report"`);
  }
}
