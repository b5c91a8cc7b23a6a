import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MembershipMemberIndex1795932621122 implements MigrationInterface {
  name = 'MembershipMemberIndex1795932621122';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_membership_member" ON "membership"  ("directory", "member_dn_norm") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_membership_member"`);
  }
}
