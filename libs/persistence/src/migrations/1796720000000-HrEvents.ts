import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * HR events, the people they describe and their follow-ups (issue 17). Generated, then the index on lower(user_name)
 * added by hand (SCIM filters userName without case; the entity can only name it).
 */
export class HrEvents1796720000000 implements MigrationInterface {
  name = 'HrEvents1796720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "hr_event" ("id" uuid NOT NULL, "source" character varying(32) NOT NULL, "event_id" character varying(200) NOT NULL, "type" character varying(16) NOT NULL, "status" character varying(16) NOT NULL, "employee_id" character varying(200) NOT NULL, "effective_at" TIMESTAMP WITH TIME ZONE NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "processed_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL, "version" integer NOT NULL, "body" jsonb NOT NULL, CONSTRAINT "PK_hr_event_id" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_hr_event_pending_effective" ON "hr_event"  ("effective_at") WHERE "status" = 'pending'`);
    await queryRunner.query(`CREATE INDEX "IDX_hr_event_employee" ON "hr_event"  ("employee_id", "effective_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_hr_event_status_received" ON "hr_event"  ("status", "received_at", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_hr_event_received" ON "hr_event"  ("received_at", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_hr_event_source_event_id" ON "hr_event"  ("source", "event_id") `);
    await queryRunner.query(
      `CREATE TABLE "hr_follow_up" ("id" uuid NOT NULL, "kind" character varying(32) NOT NULL, "employee_id" character varying(200) NOT NULL, "event_id" uuid NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(16) NOT NULL, "done_at" TIMESTAMP WITH TIME ZONE, "body" jsonb NOT NULL, CONSTRAINT "PK_hr_follow_up_id" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_hr_follow_up_event" ON "hr_follow_up"  ("event_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_hr_follow_up_employee" ON "hr_follow_up"  ("employee_id", "due_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_hr_follow_up_scheduled_due" ON "hr_follow_up"  ("due_at") WHERE "status" = 'scheduled'`);
    await queryRunner.query(
      `CREATE TABLE "hr_person" ("employee_id" character varying(200) NOT NULL, "scim_id" uuid NOT NULL, "user_name" character varying(512), "active" boolean NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "body" jsonb NOT NULL, CONSTRAINT "PK_hr_person_employee_id" PRIMARY KEY ("employee_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_hr_person_created" ON "hr_person"  ("created_at", "employee_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_hr_person_scim_id" ON "hr_person"  ("scim_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_hr_person_user_name" ON "hr_person" (lower("user_name"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_hr_person_user_name"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_hr_person_scim_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_hr_person_created"`);
    await queryRunner.query(`DROP TABLE "hr_person"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_hr_follow_up_scheduled_due"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_hr_follow_up_employee"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_hr_follow_up_event"`);
    await queryRunner.query(`DROP TABLE "hr_follow_up"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_hr_event_source_event_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_hr_event_received"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_hr_event_status_received"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_hr_event_employee"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_hr_event_pending_effective"`);
    await queryRunner.query(`DROP TABLE "hr_event"`);
  }
}
