DROP INDEX `data_requests_department_idx`;--> statement-breakpoint
CREATE INDEX `data_requests_department_idx` ON `data_requests` (`department_id`,`responded_at`);--> statement-breakpoint
DROP INDEX `submissions_gallery_idx`;--> statement-breakpoint
CREATE INDEX `submissions_status_submitted_idx` ON `submissions` (`status`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `submissions_gallery_idx` ON `submissions` (`challenge_id`,`status`,`submitted_at`,`kind`);