import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The personal part of the trail changes only through erasure and pruning: a trigger refuses every other UPDATE,
 * DELETE or TRUNCATE of trail_personal, and vigie_trail_erase (SECURITY DEFINER, like vigie_trail_prune) is the one
 * function that blanks it, noting which erasure did. The application's role then needs no UPDATE on the table
 * (docs/trail-roles.sql). A superuser can still go around both: verify catches that, as it accepts a blank personal
 * part only where a signed erasure record names the entry.
 */
export class TrailErasurePath1796000000000 implements MigrationInterface {
  name = 'TrailErasurePath1796000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "trail_personal" ADD "erased_by" uuid`);
    // Verify reads the key rotations and erasure records first: a partial index, which other appends never touch.
    await queryRunner.query(
      `CREATE INDEX "IDX_trail_entry_signed_records" ON "trail_entry" ("seq") WHERE chain = 'change' AND action IN ('trail.key-rotated', 'trail.personal-erased')`,
    );
    await queryRunner.query(`CREATE FUNCTION vigie_trail_personal_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('vigie.trail_erase', true) = 'on' THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' AND current_setting('vigie.trail_prune', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'the personal part of the trail changes only through erasure (vigie gdpr erase) and pruning: % on trail_personal is refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$`);
    await queryRunner.query(
      `CREATE TRIGGER "trail_personal_erasure_only" BEFORE UPDATE OR DELETE ON "trail_personal" FOR EACH ROW EXECUTE FUNCTION vigie_trail_personal_guard()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "trail_personal_no_truncate" BEFORE TRUNCATE ON "trail_personal" FOR EACH STATEMENT EXECUTE FUNCTION vigie_trail_personal_guard()`,
    );
    // Blanks whole the personal part of the entries naming the pseudonyms (as actor or subject), and replaces each
    // value (a PostgreSQL regular expression and its replacement) wherever else it appears; the salt goes either way.
    // Returns every entry it changed, for the erasure record the caller signs and writes in the same transaction.
    await queryRunner.query(`CREATE FUNCTION vigie_trail_erase(p_erasure uuid, p_pseudonyms jsonb, p_replacements jsonb)
RETURNS TABLE (o_chain varchar, o_seq bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  r jsonb;
BEGIN
  PERFORM set_config('vigie.trail_erase', 'on', true);
  RETURN QUERY WITH u AS (
    UPDATE trail_personal p SET data = '{"erased":true}'::jsonb, salt = NULL, target_id = NULL, erased_at = now(), erased_by = p_erasure
      FROM trail_entry e
     WHERE e.chain = p.chain AND e.seq = p.seq AND p.erased_at IS NULL
       AND EXISTS (SELECT 1 FROM jsonb_array_elements_text(p_pseudonyms) AS x(s) WHERE e.actor_id = x.s OR e.subjects @> jsonb_build_array(x.s))
    RETURNING p.chain, p.seq)
    SELECT u.chain, u.seq FROM u;
  FOR r IN SELECT x.value FROM jsonb_array_elements(p_replacements) AS x LOOP
    RETURN QUERY WITH u AS (
      UPDATE trail_personal p SET data = regexp_replace(p.data::text, r->>'pattern', r->>'by', 'gi')::jsonb,
             target_id = regexp_replace(p.target_id, r->>'pattern', r->>'by', 'gi'), salt = NULL, erased_at = now(), erased_by = p_erasure
       WHERE p.data::text ~* (r->>'pattern') OR p.target_id ~* (r->>'pattern')
      RETURNING p.chain, p.seq)
      SELECT u.chain, u.seq FROM u;
  END LOOP;
  PERFORM set_config('vigie.trail_erase', 'off', true);
END
$$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION vigie_trail_erase(uuid, jsonb, jsonb)`);
    await queryRunner.query(`DROP TRIGGER "trail_personal_no_truncate" ON "trail_personal"`);
    await queryRunner.query(`DROP TRIGGER "trail_personal_erasure_only" ON "trail_personal"`);
    await queryRunner.query(`DROP FUNCTION vigie_trail_personal_guard()`);
    await queryRunner.query(`DROP INDEX "public"."IDX_trail_entry_signed_records"`);
    await queryRunner.query(`ALTER TABLE "trail_personal" DROP COLUMN "erased_by"`);
  }
}
