CREATE INDEX `challenge_posts_source_idx` ON `challenge_posts` (`source_comment_id`);--> statement-breakpoint
CREATE INDEX `challenges_updated_idx` ON `challenges` (`updated_at`);--> statement-breakpoint
CREATE INDEX `challenges_department_updated_idx` ON `challenges` (`department_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `data_requests_created_idx` ON `data_requests` (`created_at`);--> statement-breakpoint
CREATE INDEX `data_requests_waiting_idx` ON `data_requests` (("responded_at" is not null),`created_at`);--> statement-breakpoint
CREATE INDEX `datasets_updated_idx` ON `datasets` (`updated_at`);--> statement-breakpoint
CREATE INDEX `datasets_department_updated_idx` ON `datasets` (`department_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `judge_assignments_challenge_idx` ON `judge_assignments` (`challenge_id`,`submission_id`);