import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The counters of failed sign-ins (issue 15): one row per scope (source, account, all), key and window, so that a
 * lockout holds across replicas; the window's end is indexed for the worker's sweep. Generated, then renamed into
 * this branch's range of timestamps.
 */
export class SignInAttempts1796300000000 implements MigrationInterface {
  name = 'SignInAttempts1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sign_in_attempt" ("scope" character varying(8) NOT NULL, "key" character varying(128) NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "window_end" TIMESTAMP WITH TIME ZONE NOT NULL, "failures" integer NOT NULL DEFAULT '0', "reported" integer NOT NULL DEFAULT '0', "first_failure_at" TIMESTAMP WITH TIME ZONE, "last_failure_at" TIMESTAMP WITH TIME ZONE, "locked_until" TIMESTAMP WITH TIME ZONE, "wait_until" TIMESTAMP WITH TIME ZONE, "alerted" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_8bd9237f3a96b24ec01b9105118" PRIMARY KEY ("scope", "key", "window_start"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_sign_in_attempt_window_end" ON "sign_in_attempt" ("window_end") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_sign_in_attempt_window_end"`);
    await queryRunner.query(`DROP TABLE "sign_in_attempt"`);
  }
}
