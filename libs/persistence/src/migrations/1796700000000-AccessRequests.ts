import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Access requests and approvers' delegations (issue 16). Generated, then the two GIN indexes on the JSON arrays of
 * person keys added by hand (the entities can only name them): who owns the resource, who decides the current stage.
 */
export class AccessRequests1796700000000 implements MigrationInterface {
  name = 'AccessRequests1796700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "access_request" ("id" uuid NOT NULL, "status" character varying(16) NOT NULL, "version" integer NOT NULL, "requester_key" character varying(2048) NOT NULL, "beneficiary_key" character varying(2048) NOT NULL, "beneficiary_manager_key" character varying(2048), "owner_keys" jsonb NOT NULL, "resource_id" character varying(256) NOT NULL, "level" character varying(64) NOT NULL, "current_stage_kind" character varying(32), "current_approvers" jsonb NOT NULL, "stage_opened_at" TIMESTAMP WITH TIME ZONE, "decide_by" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE, "grant_status" character varying(16), "grant_ends_at" TIMESTAMP WITH TIME ZONE, "grant_ended_at" TIMESTAMP WITH TIME ZONE, "target_directory" character varying(256) NOT NULL, "target_group_dn_norm" character varying(2048) NOT NULL, "target_member_dn_norm" character varying(2048) NOT NULL, "body" jsonb NOT NULL, CONSTRAINT "PK_access_request_id" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_access_request_granted_member" ON "access_request"  ("target_directory", "target_group_dn_norm", "target_member_dn_norm") WHERE "grant_status" IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_access_request_grant_ends" ON "access_request"  ("grant_ends_at") WHERE "grant_status" = 'active'`);
    await queryRunner.query(`CREATE INDEX "IDX_access_request_pending_decide_by" ON "access_request"  ("decide_by") WHERE "status" = 'pending'`);
    await queryRunner.query(
      `CREATE INDEX "IDX_access_request_pending_stage" ON "access_request"  ("current_stage_kind", "stage_opened_at") WHERE "status" = 'pending'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_access_request_open_for" ON "access_request"  ("beneficiary_key", "resource_id", "level") WHERE "status" IN ('pending', 'approved')`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_access_request_manager" ON "access_request"  ("beneficiary_manager_key", "created_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_access_request_beneficiary" ON "access_request"  ("beneficiary_key", "created_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_access_request_requester" ON "access_request"  ("requester_key", "created_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_access_request_status_created" ON "access_request"  ("status", "created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_access_request_created" ON "access_request"  ("created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_access_request_owner_keys" ON "access_request" USING gin ("owner_keys" jsonb_path_ops)`);
    await queryRunner.query(
      `CREATE INDEX "IDX_access_request_current_approvers" ON "access_request" USING gin ("current_approvers" jsonb_path_ops) WHERE "status" = 'pending'`,
    );
    await queryRunner.query(
      `CREATE TABLE "approval_delegation" ("id" uuid NOT NULL, "delegator" character varying(2048) NOT NULL, "deputy_key" character varying(2048) NOT NULL, "deputy" jsonb NOT NULL, "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL, "valid_until" TIMESTAMP WITH TIME ZONE NOT NULL, "created_by" character varying(2048) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_approval_delegation_id" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_approval_delegation_delegator" ON "approval_delegation"  ("delegator", "valid_until") WHERE "revoked_at" IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_approval_delegation_deputy" ON "approval_delegation"  ("deputy_key", "valid_until") WHERE "revoked_at" IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_approval_delegation_deputy"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_approval_delegation_delegator"`);
    await queryRunner.query(`DROP TABLE "approval_delegation"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_access_request_current_approvers"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_access_request_owner_keys"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_access_request_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_access_request_status_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_access_request_requester"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_access_request_beneficiary"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_access_request_manager"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_access_request_open_for"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_access_request_pending_stage"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_access_request_pending_decide_by"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_access_request_grant_ends"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_access_request_granted_member"`);
    await queryRunner.query(`DROP TABLE "access_request"`);
  }
}
