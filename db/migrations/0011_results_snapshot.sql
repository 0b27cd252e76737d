CREATE TABLE `result_entries` (
	`challenge_id` integer NOT NULL,
	`entry_id` integer NOT NULL,
	`position` integer NOT NULL,
	`rank` integer,
	`rank_low` integer,
	`rank_high` integer,
	`normalised` real,
	`raw_mean` real,
	`review_count` integer NOT NULL,
	`criterion_means` text NOT NULL,
	`expected_reviews` integer NOT NULL,
	`conflicts` integer NOT NULL,
	`possible_conflicts` integer NOT NULL,
	`votes` integer,
	PRIMARY KEY(`challenge_id`, `entry_id`),
	FOREIGN KEY (`challenge_id`) REFERENCES `result_snapshots`(`challenge_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `result_entries_position_uq` ON `result_entries` (`challenge_id`,`position`);--> statement-breakpoint
CREATE INDEX `result_entries_incomplete_idx` ON `result_entries` (`challenge_id`,`position`) WHERE "result_entries"."review_count" < "result_entries"."expected_reviews";--> statement-breakpoint
CREATE INDEX `result_entries_flagged_idx` ON `result_entries` (`challenge_id`,`position`) WHERE "result_entries"."conflicts" + "result_entries"."possible_conflicts" > 0;--> statement-breakpoint
CREATE INDEX `result_entries_votes_idx` ON `result_entries` (`challenge_id`,"votes" DESC,`entry_id`) WHERE "result_entries"."votes" IS NOT NULL;--> statement-breakpoint
CREATE TABLE `result_snapshots` (
	`challenge_id` integer PRIMARY KEY NOT NULL,
	`inputs_version` integer NOT NULL,
	`phase` text NOT NULL,
	`final` integer DEFAULT false NOT NULL,
	`method` text NOT NULL,
	`criteria` text NOT NULL,
	`bootstrap` text NOT NULL,
	`agreement` text NOT NULL,
	`judges` text NOT NULL,
	`entry_count` integer NOT NULL,
	`ranked_count` integer NOT NULL,
	`incomplete_count` integer NOT NULL,
	`flagged_count` integer NOT NULL,
	`missing_reviews` integer NOT NULL,
	`computed_at` integer NOT NULL,
	`compute_ms` integer NOT NULL,
	FOREIGN KEY (`challenge_id`) REFERENCES `challenges`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `challenges` ADD `results_inputs_version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `notifications_unread_idx` ON `notifications` (`user_id`) WHERE "notifications"."read_at" is null;--> statement-breakpoint
-- Everything the results are computed from bumps challenges.results_inputs_version, so a stored
-- snapshot knows it is stale by one comparison. Only changes that can alter a snapshot count:
-- completed reviews and their scores (drafts do not count), conflicts, the panel, assignments,
-- submitted entries, the rubric, and the e-mail addresses possible conflicts are derived from.
CREATE TRIGGER `results_inputs_reviews_ai` AFTER INSERT ON `reviews` WHEN NEW.`status` = 'completed' BEGIN
  UPDATE `challenges` SET `results_inputs_version` = `results_inputs_version` + 1 WHERE `id` = (SELECT `challenge_id` FROM `submissions` WHERE `id` = NEW.`submission_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `results_inputs_reviews_au` AFTER UPDATE OF `status`, `submission_id`, `judge_id` ON `reviews`
WHEN (NEW.`status` IS NOT OLD.`status` OR NEW.`submission_id` IS NOT OLD.`submission_id` OR NEW.`judge_id` IS NOT OLD.`judge_id`)
  AND (NEW.`status` = 'completed' OR OLD.`status` = 'completed') BEGIN
  UPDATE `challenges` SET `results_inputs_version` = `results_inputs_version` + 1 WHERE `id` IN (SELECT `challenge_id` FROM `submissions` WHERE `id` IN (OLD.`submission_id`, NEW.`submission_id`));
END;
--> statement-breakpoint
CREATE TRIGGER `results_inputs_reviews_ad` AFTER DELETE ON `reviews` WHEN OLD.`status` = 'completed' BEGIN
  UPDATE `challenges` SET `results_inputs_version` = `results_inputs_version` + 1 WHERE `id` = (SELECT `challenge_id` FROM `submissions` WHERE `id` = OLD.`submission_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `results_inputs_scores_ai` AFTER INSERT ON `scores` BEGIN
  UPDATE `challenges` SET `results_inputs_version` = `results_inputs_version` + 1
  WHERE `id` = (SELECT s.`challenge_id` FROM `reviews` r JOIN `submissions` s ON s.`id` = r.`submission_id` WHERE r.`id` = NEW.`review_id` AND r.`status` = 'completed');
END;
--> statement-breakpoint
CREATE TRIGGER `results_inputs_scores_au` AFTER UPDATE OF `score`, `review_id`, `criterion_id` ON `scores`
WHEN NEW.`score` IS NOT OLD.`score` OR NEW.`review_id` IS NOT OLD.`review_id` OR NEW.`criterion_id` IS NOT OLD.`criterion_id` BEGIN
  UPDATE `challenges` SET `results_inputs_version` = `results_inputs_version` + 1
  WHERE `id` IN (SELECT s.`challenge_id` FROM `reviews` r JOIN `submissions` s ON s.`id` = r.`submission_id` WHERE r.`id` IN (OLD.`review_id`, NEW.`review_id`) AND r.`status` = 'completed');
END;
--> statement-breakpoint
CREATE TRIGGER `results_inputs_scores_ad` AFTER DELETE ON `scores` BEGIN
  UPDATE `challenges` SET `results_inputs_version` = `results_inputs_version` + 1
  WHERE `id` = (SELECT s.`challenge_id` FROM `reviews` r JOIN `submissions` s ON s.`id` = r.`submission_id` WHERE r.`id` = OLD.`review_id` AND r.`status` = 'completed');
END;
--> statement-breakpoint
CREATE TRIGGER `results_inputs_conflicts_ai` AFTER INSERT ON `conflicts` BEGIN
  UPDATE `challenges` SET `results_inputs_version` = `results_inputs_version` + 1 WHERE `id` = NEW.`challenge_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `results_inputs_conflicts_au` AFTER UPDATE OF `challenge_id`, `submission_id`, `judge_id` ON `conflicts`
WHEN NEW.`challenge_id` IS NOT OLD.`challenge_id` OR NEW.`submission_id` IS NOT OLD.`submission_id` OR NEW.`judge_id` IS NOT OLD.`judge_id` BEGIN
  UPDATE `challenges` SET `results_inputs_version` = `results_inputs_version` + 1 WHERE `id` IN (OLD.`challenge_id`, NEW.`challenge_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `results_inputs_conflicts_ad` AFTER DELETE ON `conflicts` BEGIN
  UPDATE `challenges` SET `results_inputs_version` = `results_inputs_version` + 1 WHERE `id` = OLD.`challenge_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `results_inputs_judges_ai` AFTER INSERT ON `challenge_judges` BEGIN
  UPDATE `challenges` SET `results_inputs_version` = `results_inputs_version` + 1 WHERE `id` = NEW.`challenge_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `results_inputs_judges_au` AFTER UPDATE OF `challenge_id`, `user_id` ON `challenge_judges`
WHEN NEW.`challenge_id` IS NOT OLD.`challenge_id` OR NEW.`user_id` IS NOT OLD.`user_id` BEGIN
  UPDATE `challenges` SET `results_inputs_version` = `results_inputs_version` + 1 WHERE `id` IN (OLD.`challenge_id`, NEW.`challenge_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `results_inputs_judges_ad` AFTER DELETE ON `challenge_judges` BEGIN
  UPDATE `challenges` SET `results_inputs_version` = `results_inputs_version` + 1 WHERE `id` = OLD.`challenge_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `results_inputs_assignments_ai` AFTER INSERT ON `judge_assignments` BEGIN
  UPDATE `challenges` SET `results_inputs_version` = `results_inputs_version` + 1 WHERE `id` = NEW.`challenge_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `results_inputs_assignments_au` AFTER UPDATE OF `challenge_id`, `submission_id`, `judge_id` ON `judge_assignments`
WHEN NEW.`challenge_id` IS NOT OLD.`challenge_id` OR NEW.`submission_id` IS NOT OLD.`submission_id` OR NEW.`judge_id` IS NOT OLD.`judge_id` BEGIN
  UPDATE `challenges` SET `results_inputs_version` = `results_inputs_version` + 1 WHERE `id` IN (OLD.`challenge_id`, NEW.`challenge_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `results_inputs_assignments_ad` AFTER DELETE ON `judge_assignments` BEGIN
  UPDATE `challenges` SET `results_inputs_version` = `results_inputs_version` + 1 WHERE `id` = OLD.`challenge_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `results_inputs_submissions_ai` AFTER INSERT ON `submissions` WHEN NEW.`status` = 'submitted' BEGIN
  UPDATE `challenges` SET `results_inputs_version` = `results_inputs_version` + 1 WHERE `id` = NEW.`challenge_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `results_inputs_submissions_au` AFTER UPDATE OF `status`, `challenge_id` ON `submissions`
WHEN (NEW.`status` IS NOT OLD.`status` AND (NEW.`status` = 'submitted' OR OLD.`status` = 'submitted'))
  OR (NEW.`challenge_id` IS NOT OLD.`challenge_id` AND (NEW.`status` = 'submitted' OR OLD.`status` = 'submitted')) BEGIN
  UPDATE `challenges` SET `results_inputs_version` = `results_inputs_version` + 1 WHERE `id` IN (OLD.`challenge_id`, NEW.`challenge_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `results_inputs_submissions_ad` AFTER DELETE ON `submissions` WHEN OLD.`status` = 'submitted' BEGIN
  UPDATE `challenges` SET `results_inputs_version` = `results_inputs_version` + 1 WHERE `id` = OLD.`challenge_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `results_inputs_criteria_ai` AFTER INSERT ON `criteria` BEGIN
  UPDATE `challenges` SET `results_inputs_version` = `results_inputs_version` + 1 WHERE `id` = NEW.`challenge_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `results_inputs_criteria_au` AFTER UPDATE OF `challenge_id`, `weight`, `max_score` ON `criteria`
WHEN NEW.`challenge_id` IS NOT OLD.`challenge_id` OR NEW.`weight` IS NOT OLD.`weight` OR NEW.`max_score` IS NOT OLD.`max_score` BEGIN
  UPDATE `challenges` SET `results_inputs_version` = `results_inputs_version` + 1 WHERE `id` IN (OLD.`challenge_id`, NEW.`challenge_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `results_inputs_criteria_ad` AFTER DELETE ON `criteria` BEGIN
  UPDATE `challenges` SET `results_inputs_version` = `results_inputs_version` + 1 WHERE `id` = OLD.`challenge_id`;
END;
--> statement-breakpoint
-- Possible conflicts come from active team members' and judges' e-mail domains.
CREATE TRIGGER `results_inputs_members_ai` AFTER INSERT ON `submission_members` WHEN NEW.`status` = 'active' BEGIN
  UPDATE `challenges` SET `results_inputs_version` = `results_inputs_version` + 1 WHERE `id` = NEW.`challenge_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `results_inputs_members_au` AFTER UPDATE OF `status`, `email`, `submission_id`, `challenge_id` ON `submission_members`
WHEN (NEW.`status` IS NOT OLD.`status` OR NEW.`email` IS NOT OLD.`email` OR NEW.`submission_id` IS NOT OLD.`submission_id` OR NEW.`challenge_id` IS NOT OLD.`challenge_id`)
  AND (NEW.`status` = 'active' OR OLD.`status` = 'active') BEGIN
  UPDATE `challenges` SET `results_inputs_version` = `results_inputs_version` + 1 WHERE `id` IN (OLD.`challenge_id`, NEW.`challenge_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `results_inputs_members_ad` AFTER DELETE ON `submission_members` WHEN OLD.`status` = 'active' BEGIN
  UPDATE `challenges` SET `results_inputs_version` = `results_inputs_version` + 1 WHERE `id` = OLD.`challenge_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `results_inputs_users_email_au` AFTER UPDATE OF `email` ON `users` WHEN NEW.`email` IS NOT OLD.`email` BEGIN
  UPDATE `challenges` SET `results_inputs_version` = `results_inputs_version` + 1 WHERE `id` IN (SELECT `challenge_id` FROM `challenge_judges` WHERE `user_id` = NEW.`id`);
END;
--> statement-breakpoint
-- Expected reviews follow the assignment rule.
CREATE TRIGGER `results_inputs_challenges_au` AFTER UPDATE OF `assignment_mode`, `judges_per_entry` ON `challenges`
WHEN NEW.`assignment_mode` IS NOT OLD.`assignment_mode` OR NEW.`judges_per_entry` IS NOT OLD.`judges_per_entry` BEGIN
  UPDATE `challenges` SET `results_inputs_version` = `results_inputs_version` + 1 WHERE `id` = NEW.`id`;
END;
