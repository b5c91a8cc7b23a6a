import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the intrusion rules and OpenLDAP's password policy overlay need on the snapshot: each account's policy, its
 * validity window, lockout and failed passwords; each password policy's maximum age. Null in existing rows: the
 * next sync fills them (fingerprints leave unset new fields out, so it rewrites only the rows that have them).
 */
export class PasswordPolicyState1795946400000 implements MigrationInterface {
  name = 'PasswordPolicyState1795946400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "account" ADD "password_policy_dn" text`);
    await queryRunner.query(`ALTER TABLE "account" ADD "pwd_start_time" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "account" ADD "pwd_end_time" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "account" ADD "locked_out_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "account" ADD "bad_password_count" integer`);
    await queryRunner.query(`ALTER TABLE "account" ADD "last_bad_password" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "directory_object" ADD "pwd_max_age" integer`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "directory_object" DROP COLUMN "pwd_max_age"`);
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "last_bad_password"`);
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "bad_password_count"`);
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "locked_out_at"`);
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "pwd_end_time"`);
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "pwd_start_time"`);
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "password_policy_dn"`);
  }
}
