import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SyncModelAndChanges1795919632797 implements MigrationInterface {
  name = 'SyncModelAndChanges1795919632797';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "directory_object" ("directory" character varying(64) NOT NULL, "dn_norm" text COLLATE "C" NOT NULL, "dn" text NOT NULL, "object_guid" uuid, "kind" character varying(32) NOT NULL, "name" text NOT NULL, "description" text, "object_sid" text, "unc_name" text, "server_name" text, "location" text, "managed_by" text, "when_created" TIMESTAMP WITH TIME ZONE, "when_changed" TIMESTAMP WITH TIME ZONE, "fingerprint" character varying(32) NOT NULL DEFAULT '', "sync_run_id" uuid NOT NULL, CONSTRAINT "PK_8405c7403d3959a7f2d2ff2fecc" PRIMARY KEY ("directory", "dn_norm"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_directory_object_directory_kind" ON "directory_object"  ("directory", "kind") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_directory_object_directory_guid" ON "directory_object"  ("directory", "object_guid") WHERE object_guid IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "sync_change" ("sync_run_id" uuid NOT NULL, "seq" integer NOT NULL, "directory" character varying(64) NOT NULL, "action" character varying(16) NOT NULL, "object_type" character varying(32) NOT NULL, "object_guid" uuid, "dn" text NOT NULL, "old_dn" text, "name" text, "changes" jsonb NOT NULL DEFAULT '[]', CONSTRAINT "PK_906f340445eba6bb01713716457" PRIMARY KEY ("sync_run_id", "seq"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_sync_change_directory_guid" ON "sync_change"  ("directory", "object_guid") `);
    await queryRunner.query(
      `CREATE TABLE "sync_membership_change" ("sync_run_id" uuid NOT NULL, "seq" integer NOT NULL, "directory" character varying(64) NOT NULL, "action" character varying(16) NOT NULL, "group_dn" text NOT NULL, "group_dn_norm" text COLLATE "C" NOT NULL, "group_name" text, "group_guid" uuid, "member_dn" text NOT NULL, "member_name" text, "member_guid" uuid, "member_type" character varying(32), CONSTRAINT "PK_fabed80bf4b013c87241a8a8ae7" PRIMARY KEY ("sync_run_id", "seq"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_sync_membership_change_group" ON "sync_membership_change"  ("directory", "group_guid") `);
    await queryRunner.query(
      `CREATE TABLE "sync_state" ("directory" character varying(64) NOT NULL, "last_run_id" uuid, "last_synced_at" TIMESTAMP WITH TIME ZONE, "last_full_run_id" uuid, "last_full_sync_at" TIMESTAMP WITH TIME ZONE, "watermark" jsonb, "source_fingerprint" character varying(64), "reconciled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_03539fc243789b73ef828f9ddfb" PRIMARY KEY ("directory"))`,
    );
    await queryRunner.query(`ALTER TABLE "account" ADD "object_guid" uuid`);
    await queryRunner.query(`ALTER TABLE "account" ADD "when_changed" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "account" ADD "admin_count" integer`);
    await queryRunner.query(`ALTER TABLE "account" ADD "service_principal_names" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "account" ADD "sid_history" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "account" ADD "supported_encryption_types" integer`);
    await queryRunner.query(`ALTER TABLE "account" ADD "laps_password_expires" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "account" ADD "operating_system" text`);
    await queryRunner.query(`ALTER TABLE "account" ADD "operating_system_version" text`);
    await queryRunner.query(`ALTER TABLE "account" ADD "dns_host_name" text`);
    await queryRunner.query(`ALTER TABLE "account" ADD "fingerprint" character varying(32) NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE "directory_group" ADD "object_guid" uuid`);
    await queryRunner.query(`ALTER TABLE "directory_group" ADD "scope" character varying(16)`);
    await queryRunner.query(`ALTER TABLE "directory_group" ADD "security" boolean`);
    await queryRunner.query(`ALTER TABLE "directory_group" ADD "mail" text`);
    await queryRunner.query(`ALTER TABLE "directory_group" ADD "managed_by" text`);
    await queryRunner.query(`ALTER TABLE "directory_group" ADD "admin_count" integer`);
    await queryRunner.query(`ALTER TABLE "directory_group" ADD "when_created" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "directory_group" ADD "when_changed" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "directory_group" ADD "fingerprint" character varying(32) NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE "directory_group" ADD "members_fingerprint" character varying(32) NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE "account" ALTER COLUMN "dn_norm" TYPE text COLLATE "C"`);
    await queryRunner.query(`ALTER TABLE "directory_group" ALTER COLUMN "dn_norm" TYPE text COLLATE "C"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_membership_member"`);
    await queryRunner.query(`ALTER TABLE "membership" ALTER COLUMN "group_dn_norm" TYPE text COLLATE "C"`);
    await queryRunner.query(`ALTER TABLE "membership" ALTER COLUMN "member_dn_norm" TYPE text COLLATE "C"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_account_directory_guid" ON "account"  ("directory", "object_guid") WHERE object_guid IS NOT NULL`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_directory_group_directory_guid" ON "directory_group"  ("directory", "object_guid") WHERE object_guid IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "sync_change" ADD CONSTRAINT "FK_c298fee81d30132a7fcbef25e19" FOREIGN KEY ("sync_run_id") REFERENCES "sync_run"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sync_membership_change" ADD CONSTRAINT "FK_f6a6cb921a95f100bb2769b345c" FOREIGN KEY ("sync_run_id") REFERENCES "sync_run"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sync_membership_change" DROP CONSTRAINT "FK_f6a6cb921a95f100bb2769b345c"`);
    await queryRunner.query(`ALTER TABLE "sync_change" DROP CONSTRAINT "FK_c298fee81d30132a7fcbef25e19"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_directory_group_directory_guid"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_account_directory_guid"`);
    await queryRunner.query(`ALTER TABLE "membership" ALTER COLUMN "member_dn_norm" TYPE text COLLATE pg_catalog."default"`);
    await queryRunner.query(`ALTER TABLE "membership" ALTER COLUMN "group_dn_norm" TYPE text COLLATE pg_catalog."default"`);
    await queryRunner.query(`CREATE INDEX "IDX_membership_member" ON "membership" USING btree ("directory", "member_dn_norm") `);
    await queryRunner.query(`ALTER TABLE "directory_group" ALTER COLUMN "dn_norm" TYPE text COLLATE pg_catalog."default"`);
    await queryRunner.query(`ALTER TABLE "account" ALTER COLUMN "dn_norm" TYPE text COLLATE pg_catalog."default"`);
    await queryRunner.query(`ALTER TABLE "directory_group" DROP COLUMN "members_fingerprint"`);
    await queryRunner.query(`ALTER TABLE "directory_group" DROP COLUMN "fingerprint"`);
    await queryRunner.query(`ALTER TABLE "directory_group" DROP COLUMN "when_changed"`);
    await queryRunner.query(`ALTER TABLE "directory_group" DROP COLUMN "when_created"`);
    await queryRunner.query(`ALTER TABLE "directory_group" DROP COLUMN "admin_count"`);
    await queryRunner.query(`ALTER TABLE "directory_group" DROP COLUMN "managed_by"`);
    await queryRunner.query(`ALTER TABLE "directory_group" DROP COLUMN "mail"`);
    await queryRunner.query(`ALTER TABLE "directory_group" DROP COLUMN "security"`);
    await queryRunner.query(`ALTER TABLE "directory_group" DROP COLUMN "scope"`);
    await queryRunner.query(`ALTER TABLE "directory_group" DROP COLUMN "object_guid"`);
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "fingerprint"`);
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "dns_host_name"`);
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "operating_system_version"`);
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "operating_system"`);
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "laps_password_expires"`);
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "supported_encryption_types"`);
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "sid_history"`);
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "service_principal_names"`);
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "admin_count"`);
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "when_changed"`);
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "object_guid"`);
    await queryRunner.query(`DROP TABLE "sync_state"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_sync_membership_change_group"`);
    await queryRunner.query(`DROP TABLE "sync_membership_change"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_sync_change_directory_guid"`);
    await queryRunner.query(`DROP TABLE "sync_change"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_directory_object_directory_guid"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_directory_object_directory_kind"`);
    await queryRunner.query(`DROP TABLE "directory_object"`);
  }
}
