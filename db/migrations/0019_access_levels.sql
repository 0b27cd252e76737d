CREATE TABLE `access_applications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dataset_id` integer NOT NULL,
	`applicant_id` integer NOT NULL,
	`applicant_kind` text NOT NULL,
	`organisation_name` text DEFAULT '' NOT NULL,
	`organisation_code` text DEFAULT '' NOT NULL,
	`applicant_department_id` integer,
	`purpose` text NOT NULL,
	`intended_use` text NOT NULL,
	`resource_ids` text NOT NULL,
	`period_days` integer NOT NULL,
	`challenge_id` integer,
	`submission_id` integer,
	`agreement_version` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`decision_reason` text DEFAULT '' NOT NULL,
	`decided_by` integer,
	`decided_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`dataset_id`) REFERENCES `datasets`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`applicant_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`applicant_department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`challenge_id`) REFERENCES `challenges`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `access_applications_dataset_idx` ON `access_applications` (`dataset_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `access_applications_applicant_idx` ON `access_applications` (`applicant_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `access_grants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dataset_id` integer NOT NULL,
	`application_id` integer,
	`user_id` integer,
	`department_id` integer,
	`resource_ids` text,
	`challenge_id` integer,
	`agreement_version` integer NOT NULL,
	`starts_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	`revoked_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`dataset_id`) REFERENCES `datasets`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`application_id`) REFERENCES `access_applications`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`challenge_id`) REFERENCES `challenges`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`revoked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `access_grants_user_idx` ON `access_grants` (`user_id`,`dataset_id`,`expires_at`);--> statement-breakpoint
CREATE INDEX `access_grants_department_idx` ON `access_grants` (`department_id`,`dataset_id`,`expires_at`);--> statement-breakpoint
CREATE INDEX `access_grants_dataset_idx` ON `access_grants` (`dataset_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `access_grants_challenge_idx` ON `access_grants` (`challenge_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `dataset_agreements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dataset_id` integer NOT NULL,
	`version` integer NOT NULL,
	`body` text NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`dataset_id`) REFERENCES `datasets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dataset_agreements_version_idx` ON `dataset_agreements` (`dataset_id`,`version`);--> statement-breakpoint
CREATE TABLE `grant_reads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`grant_id` integer NOT NULL,
	`dataset_id` integer NOT NULL,
	`user_id` integer,
	`resource_id` integer,
	`kind` text NOT NULL,
	`row_count` integer NOT NULL,
	`query` text DEFAULT '' NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`grant_id`) REFERENCES `access_grants`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`dataset_id`) REFERENCES `datasets`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`resource_id`) REFERENCES `dataset_resources`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `grant_reads_dataset_idx` ON `grant_reads` (`dataset_id`,`at`);--> statement-breakpoint
CREATE INDEX `grant_reads_grant_idx` ON `grant_reads` (`grant_id`,`at`);--> statement-breakpoint
ALTER TABLE `challenge_datasets` ADD `entrant_access` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `datasets` ADD `access_level` text DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE `datasets` ADD `sharing` text DEFAULT 'shared' NOT NULL;--> statement-breakpoint
ALTER TABLE `datasets` ADD `open_conditions` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `datasets` ADD `sharing_conditions` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `datasets` ADD `sharing_method` text DEFAULT 'api_and_file' NOT NULL;--> statement-breakpoint
ALTER TABLE `datasets` ADD `sample_rows` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `datasets` ADD `resource_category` text DEFAULT 'department' NOT NULL;--> statement-breakpoint
ALTER TABLE `datasets` ADD `category_code` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `datasets` ADD `resource_code` text;--> statement-breakpoint
ALTER TABLE `datasets` ADD `related_codes` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `datasets_resource_code_idx` ON `datasets` (`resource_code`);--> statement-breakpoint
CREATE INDEX `datasets_access_published_idx` ON `datasets` (`access_level`,`status`,`published_at`);