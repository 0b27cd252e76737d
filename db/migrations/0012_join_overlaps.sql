CREATE TABLE `join_overlaps` (
	`table_a` text NOT NULL,
	`column_a` text NOT NULL,
	`table_b` text NOT NULL,
	`column_b` text NOT NULL,
	`overlap` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`table_a`, `column_a`, `table_b`, `column_b`)
);
--> statement-breakpoint
CREATE INDEX `join_overlaps_table_b_idx` ON `join_overlaps` (`table_b`);