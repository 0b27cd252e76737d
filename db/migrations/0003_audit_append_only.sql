-- The audit log is append-only: no row is ever changed or removed. The only update allowed is
-- the foreign key's own ON DELETE SET NULL on actor_id when an account is deleted.
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN
  SELECT RAISE(ABORT, 'audit log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
WHEN NEW.`id` IS NOT OLD.`id` OR NEW.`action` IS NOT OLD.`action` OR NEW.`target_type` IS NOT OLD.`target_type`
  OR NEW.`target_id` IS NOT OLD.`target_id` OR NEW.`details` IS NOT OLD.`details` OR NEW.`ip` IS NOT OLD.`ip`
  OR NEW.`created_at` IS NOT OLD.`created_at` OR (NEW.`actor_id` IS NOT OLD.`actor_id` AND NEW.`actor_id` IS NOT NULL)
BEGIN
  SELECT RAISE(ABORT, 'audit log is append-only');
END;
