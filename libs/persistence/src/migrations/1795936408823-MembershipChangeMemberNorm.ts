import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MembershipChangeMemberNorm1795936408823 implements MigrationInterface {
  name = 'MembershipChangeMemberNorm1795936408823';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sync_membership_change" ADD "member_dn_norm" text COLLATE "C"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sync_membership_change" DROP COLUMN "member_dn_norm"`);
  }
}
