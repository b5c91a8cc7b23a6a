import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes that serve the findings list a page at a time (keyset pagination, issue 14): each holds the list's order
 * (severity rank, rule, login with none as '', id) after what a filter fixes, so that a page reads its own rows
 * from the index instead of counting and sorting every finding of the run. They replace the (run, severity) and
 * (run, rule) indexes, whose work they do. Written by hand: expression indexes, which the entities can only name.
 */
export class FindingPageIndexes1796200000000 implements MigrationInterface {
  name = 'FindingPageIndexes1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_finding_run_order" ON "finding" ("audit_run_id", "severity_rank", "rule", (COALESCE("login", '')), "id")`);
    await queryRunner.query(`CREATE INDEX "IDX_finding_run_rule_order" ON "finding" ("audit_run_id", "rule", "severity_rank", (COALESCE("login", '')), "id")`);
    await queryRunner.query(`CREATE INDEX "IDX_finding_run_login" ON "finding" ("audit_run_id", lower("login"))`);
    await queryRunner.query(`DROP INDEX "public"."IDX_finding_run_severity"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_finding_run_rule"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_finding_run_rule" ON "finding" ("audit_run_id", "rule")`);
    await queryRunner.query(`CREATE INDEX "IDX_finding_run_severity" ON "finding" ("audit_run_id", "severity")`);
    await queryRunner.query(`DROP INDEX "public"."IDX_finding_run_login"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_finding_run_rule_order"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_finding_run_order"`);
  }
}
