ALTER TABLE `dataset_resources` ADD `uuid` text;--> statement-breakpoint
CREATE UNIQUE INDEX `dataset_resources_uuid_unique` ON `dataset_resources` (`uuid`);--> statement-breakpoint
ALTER TABLE `datasets` ADD `uuid` text;--> statement-breakpoint
CREATE UNIQUE INDEX `datasets_uuid_unique` ON `datasets` (`uuid`);--> statement-breakpoint
ALTER TABLE `departments` ADD `uuid` text;--> statement-breakpoint
CREATE UNIQUE INDEX `departments_uuid_unique` ON `departments` (`uuid`);
--> statement-breakpoint
-- Existing rows get a random (version 4) UUID, and so does any row inserted without one.
UPDATE `departments` SET `uuid` = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) WHERE `uuid` IS NULL;
--> statement-breakpoint
CREATE TRIGGER `departments_uuid_fill` AFTER INSERT ON `departments` WHEN NEW.`uuid` IS NULL BEGIN UPDATE `departments` SET `uuid` = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) WHERE `id` = NEW.`id`; END;
--> statement-breakpoint
-- Existing rows get a random (version 4) UUID, and so does any row inserted without one.
UPDATE `datasets` SET `uuid` = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) WHERE `uuid` IS NULL;
--> statement-breakpoint
CREATE TRIGGER `datasets_uuid_fill` AFTER INSERT ON `datasets` WHEN NEW.`uuid` IS NULL BEGIN UPDATE `datasets` SET `uuid` = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) WHERE `id` = NEW.`id`; END;
--> statement-breakpoint
-- Existing rows get a random (version 4) UUID, and so does any row inserted without one.
UPDATE `dataset_resources` SET `uuid` = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) WHERE `uuid` IS NULL;
--> statement-breakpoint
CREATE TRIGGER `dataset_resources_uuid_fill` AFTER INSERT ON `dataset_resources` WHEN NEW.`uuid` IS NULL BEGIN UPDATE `dataset_resources` SET `uuid` = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) WHERE `id` = NEW.`id`; END;
