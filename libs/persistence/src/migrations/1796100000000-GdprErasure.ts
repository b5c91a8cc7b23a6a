import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Erased people, by keyed digests of their identifiers: a second erasure or an export says when they were erased. */
export class GdprErasure1796100000000 implements MigrationInterface {
  name = 'GdprErasure1796100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "gdpr_erasure" ("digest" character(64) NOT NULL, "pseudonym" character varying(64) NOT NULL, "erased_at" TIMESTAMP WITH TIME ZONE NOT NULL, "forced" boolean NOT NULL, CONSTRAINT "PK_gdpr_erasure_digest" PRIMARY KEY ("digest"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_gdpr_erasure_pseudonym" ON "gdpr_erasure" ("pseudonym") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_gdpr_erasure_pseudonym"`);
    await queryRunner.query(`DROP TABLE "gdpr_erasure"`);
  }
}
