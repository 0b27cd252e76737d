CREATE TABLE `boundary_features` (
	`resource_id` integer NOT NULL,
	`position` integer NOT NULL,
	`code` text,
	`name` text,
	`geometry` text NOT NULL,
	`min_lng` real NOT NULL,
	`min_lat` real NOT NULL,
	`max_lng` real NOT NULL,
	`max_lat` real NOT NULL,
	PRIMARY KEY(`resource_id`, `position`),
	FOREIGN KEY (`resource_id`) REFERENCES `dataset_resources`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `boundary_features_code_idx` ON `boundary_features` (`code`);--> statement-breakpoint
CREATE TABLE `featured_maps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`query` text NOT NULL,
	`department_id` integer,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `featured_maps_created_idx` ON `featured_maps` (`created_at`);--> statement-breakpoint
ALTER TABLE `dataset_resources` ADD `coordinate_system` text DEFAULT 'wgs84' NOT NULL;