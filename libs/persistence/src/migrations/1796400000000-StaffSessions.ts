import type { MigrationInterface, QueryRunner } from 'typeorm';

/** People's web sessions, and OpenID Connect sign-ins waiting for their callback (issue 15). */
export class StaffSessions1796400000000 implements MigrationInterface {
  name = 'StaffSessions1796400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "oidc_sign_in" ("binding_hash" character(64) NOT NULL, "state" character varying(256) NOT NULL, "nonce" character varying(256) NOT NULL, "code_verifier" character varying(256) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_8afeec76592e06263c4f2a89405" PRIMARY KEY ("binding_hash"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "staff_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" character(64) NOT NULL, "subject" character varying(2048) NOT NULL, "method" character varying(16) NOT NULL, "display_name" character varying(512) NOT NULL, "roles" jsonb NOT NULL, "person" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "roles_checked_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, "end_reason" character varying(32), CONSTRAINT "UQ_bd04302ff5686f90da181a7176d" UNIQUE ("token_hash"), CONSTRAINT "PK_f6ff7fdf4bb47ace7981adbcdee" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_staff_session_open_subject" ON "staff_session"  ("subject") WHERE "ended_at" IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_staff_session_open_subject"`);
    await queryRunner.query(`DROP TABLE "staff_session"`);
    await queryRunner.query(`DROP TABLE "oidc_sign_in"`);
  }
}
