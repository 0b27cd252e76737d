-- One full-text index over everything the public can search: challenges, datasets, data requests and
-- entries. The trigram tokenizer finds Chinese text without word segmentation (any 3+ character
-- substring); queries shorter than that use LIKE on the same table. Triggers keep it in step with
-- every insert, edit and delete; who may see a row is decided at query time from the source table.
CREATE VIRTUAL TABLE `search_index` USING fts5(`kind` UNINDEXED, `ref_id` UNINDEXED, `title`, `body`, tokenize = 'trigram');
--> statement-breakpoint
INSERT INTO `search_index` (`kind`, `ref_id`, `title`, `body`) SELECT 'challenge', `id`, `title`, `summary` || char(10) || `body` FROM `challenges`;
--> statement-breakpoint
INSERT INTO `search_index` (`kind`, `ref_id`, `title`, `body`) SELECT 'dataset', `id`, `title`, `description` FROM `datasets`;
--> statement-breakpoint
INSERT INTO `search_index` (`kind`, `ref_id`, `title`, `body`) SELECT 'request', `id`, `title`, `description` || char(10) || `purpose` FROM `data_requests`;
--> statement-breakpoint
INSERT INTO `search_index` (`kind`, `ref_id`, `title`, `body`) SELECT 'entry', `id`, `title`, `summary` || char(10) || `body` FROM `submissions`;
--> statement-breakpoint
CREATE TRIGGER `search_challenges_ai` AFTER INSERT ON `challenges` BEGIN
  INSERT INTO `search_index` (`kind`, `ref_id`, `title`, `body`) VALUES ('challenge', NEW.`id`, NEW.`title`, NEW.`summary` || char(10) || NEW.`body`);
END;
--> statement-breakpoint
CREATE TRIGGER `search_challenges_au` AFTER UPDATE OF `title`, `summary`, `body` ON `challenges` BEGIN
  UPDATE `search_index` SET `title` = NEW.`title`, `body` = NEW.`summary` || char(10) || NEW.`body` WHERE `kind` = 'challenge' AND `ref_id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `search_challenges_ad` AFTER DELETE ON `challenges` BEGIN
  DELETE FROM `search_index` WHERE `kind` = 'challenge' AND `ref_id` = OLD.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `search_datasets_ai` AFTER INSERT ON `datasets` BEGIN
  INSERT INTO `search_index` (`kind`, `ref_id`, `title`, `body`) VALUES ('dataset', NEW.`id`, NEW.`title`, NEW.`description`);
END;
--> statement-breakpoint
CREATE TRIGGER `search_datasets_au` AFTER UPDATE OF `title`, `description` ON `datasets` BEGIN
  UPDATE `search_index` SET `title` = NEW.`title`, `body` = NEW.`description` WHERE `kind` = 'dataset' AND `ref_id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `search_datasets_ad` AFTER DELETE ON `datasets` BEGIN
  DELETE FROM `search_index` WHERE `kind` = 'dataset' AND `ref_id` = OLD.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `search_requests_ai` AFTER INSERT ON `data_requests` BEGIN
  INSERT INTO `search_index` (`kind`, `ref_id`, `title`, `body`) VALUES ('request', NEW.`id`, NEW.`title`, NEW.`description` || char(10) || NEW.`purpose`);
END;
--> statement-breakpoint
CREATE TRIGGER `search_requests_au` AFTER UPDATE OF `title`, `description`, `purpose` ON `data_requests` BEGIN
  UPDATE `search_index` SET `title` = NEW.`title`, `body` = NEW.`description` || char(10) || NEW.`purpose` WHERE `kind` = 'request' AND `ref_id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `search_requests_ad` AFTER DELETE ON `data_requests` BEGIN
  DELETE FROM `search_index` WHERE `kind` = 'request' AND `ref_id` = OLD.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `search_entries_ai` AFTER INSERT ON `submissions` BEGIN
  INSERT INTO `search_index` (`kind`, `ref_id`, `title`, `body`) VALUES ('entry', NEW.`id`, NEW.`title`, NEW.`summary` || char(10) || NEW.`body`);
END;
--> statement-breakpoint
CREATE TRIGGER `search_entries_au` AFTER UPDATE OF `title`, `summary`, `body` ON `submissions` BEGIN
  UPDATE `search_index` SET `title` = NEW.`title`, `body` = NEW.`summary` || char(10) || NEW.`body` WHERE `kind` = 'entry' AND `ref_id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `search_entries_ad` AFTER DELETE ON `submissions` BEGIN
  DELETE FROM `search_index` WHERE `kind` = 'entry' AND `ref_id` = OLD.`id`;
END;
