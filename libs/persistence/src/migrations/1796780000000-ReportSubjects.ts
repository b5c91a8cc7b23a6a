import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who each stored report names (lower-cased logins and DNs), written when it is generated: erasing a person deletes
 * the reports whose subjects include one of their forms (GDPR art. 17). Reports stored before this migration have
 * none and are not found by an erasure (docs/reports.md).
 */
export class ReportSubjects1796780000000 implements MigrationInterface {
  name = 'ReportSubjects1796780000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "report" ADD "subjects" text array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`CREATE INDEX "IDX_report_subjects" ON "report" USING gin ("subjects")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_report_subjects"`);
    await queryRunner.query(`ALTER TABLE "report" DROP COLUMN "subjects"`);
  }
}
