DROP INDEX `submissions_challenge_idx`;--> statement-breakpoint
CREATE INDEX `submissions_gallery_idx` ON `submissions` (`challenge_id`,`status`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `comments_thread_idx` ON `comments` (`target_type`,`target_id`,`parent_id`,`created_at`);