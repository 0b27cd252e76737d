CREATE TABLE `challenge_requests` (
	`challenge_id` integer NOT NULL,
	`request_id` integer NOT NULL,
	`linked_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`announced_at` integer,
	PRIMARY KEY(`challenge_id`, `request_id`),
	FOREIGN KEY (`challenge_id`) REFERENCES `challenges`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`request_id`) REFERENCES `data_requests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`linked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `challenge_requests_request_idx` ON `challenge_requests` (`request_id`);--> statement-breakpoint
ALTER TABLE `data_request_events` ADD `kind` text DEFAULT 'status' NOT NULL;--> statement-breakpoint
ALTER TABLE `data_request_events` ADD `challenge_id` integer REFERENCES challenges(id) ON DELETE set null;