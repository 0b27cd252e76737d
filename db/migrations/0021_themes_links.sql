CREATE TABLE `dataset_themes` (
	`dataset_id` integer NOT NULL,
	`theme` text NOT NULL,
	PRIMARY KEY(`dataset_id`, `theme`),
	FOREIGN KEY (`dataset_id`) REFERENCES `datasets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `dataset_themes_theme_idx` ON `dataset_themes` (`theme`,`dataset_id`);--> statement-breakpoint
ALTER TABLE `dataset_resources` ADD `link_url` text;--> statement-breakpoint
ALTER TABLE `dataset_resources` ADD `link_format` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `datasets` ADD `source_url` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `datasets` ADD `version` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `datasets` ADD `author_name` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `datasets` ADD `extras` text DEFAULT '[]' NOT NULL;