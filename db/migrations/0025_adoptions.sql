CREATE TABLE `adoption_departments` (
	`adoption_id` integer NOT NULL,
	`department_id` integer NOT NULL,
	PRIMARY KEY(`adoption_id`, `department_id`),
	FOREIGN KEY (`adoption_id`) REFERENCES `adoptions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `adoption_departments_department_idx` ON `adoption_departments` (`department_id`);--> statement-breakpoint
CREATE TABLE `adoption_updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`adoption_id` integer NOT NULL,
	`stage` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`actor_id` integer,
	`department_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`adoption_id`) REFERENCES `adoptions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `adoption_updates_adoption_idx` ON `adoption_updates` (`adoption_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `adoption_updates_recent_idx` ON `adoption_updates` (`created_at`);--> statement-breakpoint
CREATE TABLE `adoptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`submission_id` integer NOT NULL,
	`challenge_id` integer NOT NULL,
	`department_id` integer NOT NULL,
	`results_year` integer NOT NULL,
	`awarded` integer DEFAULT false NOT NULL,
	`stage` text NOT NULL,
	`not_adopted_reason` text,
	`link` text,
	`outcomes` text DEFAULT '[]' NOT NULL,
	`credit` text DEFAULT '' NOT NULL,
	`terms` text DEFAULT '' NOT NULL,
	`team_response` text,
	`team_response_note` text DEFAULT '' NOT NULL,
	`team_responded_at` integer,
	`created_by` integer,
	`last_update_at` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`challenge_id`) REFERENCES `challenges`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `adoptions_submission_id_unique` ON `adoptions` (`submission_id`);--> statement-breakpoint
CREATE INDEX `adoptions_recent_idx` ON `adoptions` (`last_update_at`);--> statement-breakpoint
CREATE INDEX `adoptions_stage_idx` ON `adoptions` (`stage`,`last_update_at`);--> statement-breakpoint
CREATE INDEX `adoptions_department_idx` ON `adoptions` (`department_id`,`last_update_at`);--> statement-breakpoint
CREATE INDEX `adoptions_year_idx` ON `adoptions` (`results_year`,`last_update_at`);--> statement-breakpoint
CREATE INDEX `adoptions_challenge_idx` ON `adoptions` (`challenge_id`);