-- The audit log is append-only, as SQLite migration 0003 makes it, under the same trigger names: no
-- row is ever changed or removed. The only update allowed is the foreign key's own ON DELETE SET
-- NULL on actor_id when an account is deleted. TRUNCATE skips row triggers, so it has its own.
CREATE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
    AND NEW."id" IS NOT DISTINCT FROM OLD."id" AND NEW."action" IS NOT DISTINCT FROM OLD."action"
    AND NEW."target_type" IS NOT DISTINCT FROM OLD."target_type" AND NEW."target_id" IS NOT DISTINCT FROM OLD."target_id"
    AND NEW."details" IS NOT DISTINCT FROM OLD."details" AND NEW."ip" IS NOT DISTINCT FROM OLD."ip"
    AND NEW."created_at" IS NOT DISTINCT FROM OLD."created_at"
    AND (NEW."actor_id" IS NOT DISTINCT FROM OLD."actor_id" OR NEW."actor_id" IS NULL) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit log is append-only' USING ERRCODE = 'restrict_violation';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_delete" BEFORE DELETE ON "audit_log"
FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"();
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_update" BEFORE UPDATE ON "audit_log"
FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"();
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log"
FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"();
