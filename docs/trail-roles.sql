-- Running Vigie's application role without UPDATE or DELETE on the trail.
--
-- Two roles: vigie_owner owns the schema, runs the migrations (start Vigie once with its credentials after each
-- upgrade) and owns the functions vigie_trail_prune and vigie_trail_erase; vigie_app is what the api and worker replicas connect as.
-- Run this as vigie_owner in Vigie's database after the migrations, and again after an upgrade that adds tables.
-- (Replace vigie_app with the name of your application role.)

GRANT USAGE ON SCHEMA public TO vigie_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO vigie_app;

-- The trail: append and read only. Old entries leave only through vigie_trail_prune, which runs with its
-- owner's rights (SECURITY DEFINER) and removes a prefix only up to an entry stated by a prune checkpoint.
REVOKE UPDATE, DELETE, TRUNCATE ON trail_entry, trail_checkpoint FROM vigie_app;
-- The personal part is blanked only by the erasure function (vigie_trail_erase, which notes the erasure; Vigie signs
-- a record of it in the trail, which verify holds every blank personal part to) and removed only by the pruning one.
REVOKE UPDATE, DELETE, TRUNCATE ON trail_personal FROM vigie_app;
-- The migrations table is the owner's business.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON migrations FROM vigie_app;

REVOKE EXECUTE ON FUNCTION vigie_trail_prune(varchar, bigint, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION vigie_trail_prune(varchar, bigint, uuid) TO vigie_app;
REVOKE EXECUTE ON FUNCTION vigie_trail_erase(uuid, jsonb, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION vigie_trail_erase(uuid, jsonb, jsonb) TO vigie_app;
