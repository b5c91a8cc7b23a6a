import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795917230170 implements MigrationInterface {
  name = 'InitialSchema1795917230170';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "account" ("directory" character varying(64) NOT NULL, "dn_norm" text NOT NULL, "dn" text NOT NULL, "kind" character varying(16) NOT NULL, "login" text, "display_name" text, "mail" text, "employee_id" text, "department" text, "title" text, "employee_type" text, "location" text, "manager_dn" text, "enabled" boolean NOT NULL, "user_account_control" integer, "pwd_last_set" TIMESTAMP WITH TIME ZONE, "last_logon" TIMESTAMP WITH TIME ZONE, "when_created" TIMESTAMP WITH TIME ZONE, "account_expires" TIMESTAMP WITH TIME ZONE, "description" text, "object_sid" text, "primary_group_id" integer, "sync_run_id" uuid NOT NULL, CONSTRAINT "PK_d17e24f557b8c557965991012bc" PRIMARY KEY ("directory", "dn_norm"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_account_directory_login" ON "account"  ("directory", "login") `);
    await queryRunner.query(
      `CREATE TABLE "api_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(100) NOT NULL, "role" character varying(32) NOT NULL, "token_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_bafaa5aab5957cd193fb2da8f24" UNIQUE ("token_hash"), CONSTRAINT "PK_d862311c568d175c26f41bc6f98" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_run" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "status" character varying(16) NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, "as_of" TIMESTAMP WITH TIME ZONE NOT NULL, "policy_version" text, "counts" jsonb NOT NULL DEFAULT '{}', "error" text, CONSTRAINT "PK_3ba03bb37f22b74a17578d325bf" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_audit_run_started" ON "audit_run"  ("started_at") `);
    await queryRunner.query(
      `CREATE TABLE "directory_group" ("directory" character varying(64) NOT NULL, "dn_norm" text NOT NULL, "dn" text NOT NULL, "name" text NOT NULL, "object_sid" text, "gid_number" integer, "group_type" integer, "description" text, "sync_run_id" uuid NOT NULL, CONSTRAINT "PK_88fb26e274426b394a1c6138757" PRIMARY KEY ("directory", "dn_norm"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "finding" ("audit_run_id" uuid NOT NULL, "id" character varying(64) NOT NULL, "rule" character varying(64) NOT NULL, "severity" character varying(16) NOT NULL, "severity_rank" smallint NOT NULL, "directory" character varying(64), "login" text, "subject" jsonb NOT NULL, "resource" jsonb, "message" text NOT NULL, "evidence" jsonb NOT NULL DEFAULT '{}', "explain" jsonb NOT NULL DEFAULT '[]', CONSTRAINT "PK_cbfc8769d94a0e8da7219bfc3b3" PRIMARY KEY ("audit_run_id", "id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_finding_run_severity" ON "finding"  ("audit_run_id", "severity") `);
    await queryRunner.query(`CREATE INDEX "IDX_finding_run_rule" ON "finding"  ("audit_run_id", "rule") `);
    await queryRunner.query(
      `CREATE TABLE "membership" ("directory" character varying(64) NOT NULL, "group_dn_norm" text NOT NULL, "member_dn_norm" text NOT NULL, "sync_run_id" uuid NOT NULL, CONSTRAINT "PK_78e979fcdddfd9567bf204ea598" PRIMARY KEY ("directory", "group_dn_norm", "member_dn_norm"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_membership_member" ON "membership"  ("directory", "member_dn_norm") `);
    await queryRunner.query(
      `CREATE TABLE "sync_run" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "directory" character varying(64) NOT NULL, "mode" character varying(16) NOT NULL, "status" character varying(16) NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, "error" text, "stats" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_ab1387853fd86ea904a21058b01" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_sync_run_directory_started" ON "sync_run"  ("directory", "started_at") `);
    await queryRunner.query(
      `ALTER TABLE "finding" ADD CONSTRAINT "FK_2edff78ed3220912a0c94e3e311" FOREIGN KEY ("audit_run_id") REFERENCES "audit_run"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "finding" DROP CONSTRAINT "FK_2edff78ed3220912a0c94e3e311"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_sync_run_directory_started"`);
    await queryRunner.query(`DROP TABLE "sync_run"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_membership_member"`);
    await queryRunner.query(`DROP TABLE "membership"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_finding_run_rule"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_finding_run_severity"`);
    await queryRunner.query(`DROP TABLE "finding"`);
    await queryRunner.query(`DROP TABLE "directory_group"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_run_started"`);
    await queryRunner.query(`DROP TABLE "audit_run"`);
    await queryRunner.query(`DROP TABLE "api_token"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_account_directory_login"`);
    await queryRunner.query(`DROP TABLE "account"`);
  }
}
