import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generated from the entities, then completed by hand (below the marker): the GIN index on subjects, the chain
 * heads, the trigger that makes the trail append-only, and the one pruning path. Runs on PGlite too.
 */
export class TrailSchema1795919002737 implements MigrationInterface {
  name = 'TrailSchema1795919002737';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "trail_checkpoint" ("id" uuid NOT NULL, "chain" character varying(16) NOT NULL, "seq" bigint NOT NULL, "hash" character(64) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "reason" character varying(16) NOT NULL, "key_id" character varying(16) NOT NULL, "public_key" text NOT NULL, "signature" text NOT NULL, CONSTRAINT "PK_ab7ef2fe3afef43eb97ded78f84" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_trail_checkpoint_chain_seq" ON "trail_checkpoint"  ("chain", "seq") `);
    await queryRunner.query(
      `CREATE TABLE "trail_entry" ("chain" character varying(16) NOT NULL, "seq" bigint NOT NULL, "at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "actor_type" character varying(16) NOT NULL, "actor_id" text NOT NULL, "action" character varying(100) NOT NULL, "target_type" character varying(64), "target_id" text, "details" jsonb, "correlation_id" character varying(100), "subjects" jsonb NOT NULL DEFAULT '[]', "personal_digest" character(64), "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "PK_49a2ac1a6605faf8466a1077c7a" PRIMARY KEY ("chain", "seq"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_trail_entry_target" ON "trail_entry"  ("target_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_trail_entry_actor" ON "trail_entry"  ("actor_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_trail_entry_at" ON "trail_entry"  ("at") `);
    await queryRunner.query(
      `CREATE TABLE "trail_head" ("chain" character varying(16) NOT NULL, "seq" bigint NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "PK_f4ac5848638301042b6861debd4" PRIMARY KEY ("chain"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "trail_person" ("pseudonym" character varying(64) NOT NULL, "login" text, "employee_id" text, "directory" character varying(64), "display_name" text, "first_seen" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "erased_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_207c0aef86d3ecb19a5518804bc" PRIMARY KEY ("pseudonym"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_trail_person_employee" ON "trail_person"  ("employee_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_trail_person_login" ON "trail_person"  ("login") `);
    await queryRunner.query(
      `CREATE TABLE "trail_personal" ("chain" character varying(16) NOT NULL, "seq" bigint NOT NULL, "target_id" text, "data" jsonb NOT NULL, "salt" character(32), "erased_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_e15e8801448d88b92dc0322532c" PRIMARY KEY ("chain", "seq"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_trail_personal_target" ON "trail_personal"  ("target_id") `);
    await queryRunner.query(
      `CREATE TABLE "trail_setting" ("name" character varying(64) NOT NULL, "value" text NOT NULL, CONSTRAINT "PK_e46d0f4ad41bbcefb4216fef637" PRIMARY KEY ("name"))`,
    );
    // --- written by hand: not expressible in entities ---
    await queryRunner.query(`CREATE INDEX "IDX_trail_entry_subjects" ON "trail_entry" USING gin ("subjects" jsonb_path_ops)`);
    await queryRunner.query(
      `INSERT INTO "trail_head" ("chain", "seq", "hash") VALUES ('access', 0, repeat('0', 64)), ('change', 0, repeat('0', 64)), ('operation', 0, repeat('0', 64))`,
    );
    // UPDATE, DELETE and TRUNCATE of entries and checkpoints are refused. The only DELETE let through is the one
    // vigie_trail_prune makes, which sets vigie.trail_prune for its own transaction. A role with DELETE rights
    // could set it too: run the application's role without them (README) so that only the function can prune.
    await queryRunner.query(`CREATE FUNCTION vigie_trail_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'trail_entry' AND current_setting('vigie.trail_prune', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'the trail is append-only: % on % is refused (old entries go only through vigie audit-log prune)', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$`);
    for (const table of ['trail_entry', 'trail_checkpoint']) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_append_only" BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION vigie_trail_refuse_change()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION vigie_trail_refuse_change()`,
      );
    }
    // The one pruning path. SECURITY DEFINER: it runs with its owner's rights, so the application's role needs
    // EXECUTE on it and no DELETE on the tables. It removes a chain's prefix only up to an entry that a prune
    // checkpoint already states, so that what remains verifies from that checkpoint.
    await queryRunner.query(`CREATE FUNCTION vigie_trail_prune(p_chain varchar, p_upto bigint, p_checkpoint uuid) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  n bigint;
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM trail_checkpoint c JOIN trail_entry e ON e.chain = c.chain AND e.seq = c.seq AND e.hash = c.hash
    WHERE c.id = p_checkpoint AND c.chain = p_chain AND c.seq = p_upto AND c.reason = 'prune'
  ) THEN
    RAISE EXCEPTION 'no prune checkpoint % of entry % of the % trail: prune with vigie audit-log prune', p_checkpoint, p_upto, p_chain;
  END IF;
  PERFORM set_config('vigie.trail_prune', 'on', true);
  DELETE FROM trail_personal WHERE chain = p_chain AND seq <= p_upto;
  DELETE FROM trail_entry WHERE chain = p_chain AND seq <= p_upto;
  GET DIAGNOSTICS n = ROW_COUNT;
  PERFORM set_config('vigie.trail_prune', 'off', true);
  RETURN n;
END
$$`);
    // Appending: one call numbers and links a batch under the row lock of the chain's head, so appenders on every
    // replica queue there for the time of one statement, with no round trip while the lock is held. Each entry
    // comes as its canonical text split around its position (pre, post); the hash is the one the verifier checks:
    // SHA-256(prev_hash, "\n", pre, seq, post).
    await queryRunner.query(`CREATE FUNCTION vigie_trail_append(p_chain varchar, p_batch jsonb) RETURNS TABLE (o_seq bigint, o_prev text, o_hash text)
LANGUAGE plpgsql AS $$
DECLARE
  h_seq bigint;
  h_hash text;
  e jsonb;
  seqs bigint[] := '{}';
  prevs text[] := '{}';
  hashes text[] := '{}';
BEGIN
  SELECT t.seq, t.hash INTO h_seq, h_hash FROM trail_head t WHERE t.chain = p_chain FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO trail_head (chain, seq, hash) VALUES (p_chain, 0, repeat('0', 64)) ON CONFLICT (chain) DO NOTHING;
    SELECT t.seq, t.hash INTO h_seq, h_hash FROM trail_head t WHERE t.chain = p_chain FOR UPDATE;
  END IF;
  FOR e IN SELECT x.value FROM jsonb_array_elements(p_batch->'entries') AS x LOOP
    h_seq := h_seq + 1;
    prevs := prevs || h_hash;
    h_hash := encode(sha256(convert_to(h_hash || E'\n' || (e->>'pre') || h_seq::text || (e->>'post'), 'UTF8')), 'hex');
    seqs := seqs || h_seq;
    hashes := hashes || h_hash;
  END LOOP;
  INSERT INTO trail_entry (chain, seq, at, actor_type, actor_id, action, target_type, target_id, details, correlation_id, subjects, personal_digest, prev_hash, hash)
    SELECT p_chain, seqs[x.ord], (x.e->>'at')::timestamptz, x.e->>'actorType', x.e->>'actorId', x.e->>'action', x.e->>'targetType', x.e->>'targetId',
           NULLIF(x.e->'details', 'null'::jsonb), x.e->>'correlationId', x.e->'subjects', x.e->>'personalDigest', prevs[x.ord], hashes[x.ord]
    FROM jsonb_array_elements(p_batch->'entries') WITH ORDINALITY AS x(e, ord);
  INSERT INTO trail_personal (chain, seq, target_id, data, salt)
    SELECT p_chain, seqs[(x.p->>'index')::int + 1], x.p->'data'->>'targetId', x.p->'data', x.p->>'salt'
    FROM jsonb_array_elements(COALESCE(p_batch->'personal', '[]'::jsonb)) AS x(p);
  -- An erased person stays erased; a known one is rewritten only when something changed.
  INSERT INTO trail_person AS tp (pseudonym, login, employee_id, directory, display_name)
    SELECT x.p->>'pseudonym', x.p->>'login', x.p->>'employeeId', x.p->>'directory', x.p->>'displayName'
    FROM jsonb_array_elements(COALESCE(p_batch->'persons', '[]'::jsonb)) AS x(p)
    ON CONFLICT (pseudonym) DO UPDATE SET login = COALESCE(EXCLUDED.login, tp.login), employee_id = COALESCE(EXCLUDED.employee_id, tp.employee_id),
      directory = COALESCE(EXCLUDED.directory, tp.directory), display_name = COALESCE(EXCLUDED.display_name, tp.display_name)
    WHERE tp.erased_at IS NULL AND (tp.login IS DISTINCT FROM COALESCE(EXCLUDED.login, tp.login) OR tp.employee_id IS DISTINCT FROM COALESCE(EXCLUDED.employee_id, tp.employee_id)
      OR tp.directory IS DISTINCT FROM COALESCE(EXCLUDED.directory, tp.directory) OR tp.display_name IS DISTINCT FROM COALESCE(EXCLUDED.display_name, tp.display_name));
  UPDATE trail_head t SET seq = h_seq, hash = h_hash WHERE t.chain = p_chain;
  RETURN QUERY SELECT u.s, u.p, u.h FROM unnest(seqs, prevs, hashes) AS u(s, p, h) ORDER BY u.s;
END
$$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION vigie_trail_append(varchar, jsonb)`);
    await queryRunner.query(`DROP FUNCTION vigie_trail_prune(varchar, bigint, uuid)`);
    for (const table of ['trail_entry', 'trail_checkpoint']) {
      await queryRunner.query(`DROP TRIGGER "${table}_no_truncate" ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER "${table}_append_only" ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION vigie_trail_refuse_change()`);
    await queryRunner.query(`DROP INDEX "public"."IDX_trail_entry_subjects"`);
    await queryRunner.query(`DROP TABLE "trail_setting"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_trail_personal_target"`);
    await queryRunner.query(`DROP TABLE "trail_personal"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_trail_person_login"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_trail_person_employee"`);
    await queryRunner.query(`DROP TABLE "trail_person"`);
    await queryRunner.query(`DROP TABLE "trail_head"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_trail_entry_at"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_trail_entry_actor"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_trail_entry_target"`);
    await queryRunner.query(`DROP TABLE "trail_entry"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_trail_checkpoint_chain_seq"`);
    await queryRunner.query(`DROP TABLE "trail_checkpoint"`);
  }
}
