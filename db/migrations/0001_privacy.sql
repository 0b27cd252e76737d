CREATE TABLE `privacy_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`resource_id` integer NOT NULL,
	`column` text NOT NULL,
	`action` text NOT NULL,
	`params` text DEFAULT '{}' NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`decided_by` integer,
	`decided_at` integer NOT NULL,
	FOREIGN KEY (`resource_id`) REFERENCES `dataset_resources`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `privacy_decisions_uq` ON `privacy_decisions` (`resource_id`,`column`);--> statement-breakpoint
CREATE TABLE `privacy_findings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`resource_id` integer NOT NULL,
	`column` text NOT NULL,
	`detector` text NOT NULL,
	`matched` integer NOT NULL,
	`non_empty` integer NOT NULL,
	`share` real NOT NULL,
	`basis` text NOT NULL,
	`examples` text DEFAULT '[]' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`resource_id`) REFERENCES `dataset_resources`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `privacy_findings_resource_idx` ON `privacy_findings` (`resource_id`);--> statement-breakpoint
ALTER TABLE `dataset_resources` ADD `raw_table_name` text;--> statement-breakpoint
ALTER TABLE `dataset_resources` ADD `raw_row_count` integer;--> statement-breakpoint
ALTER TABLE `dataset_resources` ADD `raw_columns` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `dataset_resources` ADD `suppression` text;