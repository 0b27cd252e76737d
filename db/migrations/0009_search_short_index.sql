CREATE TABLE `search_short_queue` (
	`doc` integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
-- The search index is rebuilt with a rowid that says what each document is (source id × 8 + kind:
-- 1 challenge, 2 dataset, 3 request, 4 entry, 5 comment). Until now the triggers found a document
-- by its UNINDEXED kind and ref_id columns, which FTS5 can only do by reading every row: each
-- autosave of an entry scanned the whole index. Now every trigger goes straight to its row.
-- The same triggers queue the document for the one- and two-character index (search_short),
-- which a worker fills: FTS5's trigram index cannot look up fewer than three characters.
DROP TRIGGER IF EXISTS `search_challenges_ai`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_challenges_au`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_challenges_ad`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_datasets_ai`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_datasets_au`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_datasets_ad`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_requests_ai`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_requests_au`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_requests_ad`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_entries_ai`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_entries_au`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_entries_ad`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_comments_ai`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_comments_au`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_comments_ad`;
--> statement-breakpoint
DROP TABLE `search_index`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_index` USING fts5(`kind` UNINDEXED, `ref_id` UNINDEXED, `title`, `body`, tokenize = 'trigram');
--> statement-breakpoint
INSERT INTO `search_index` (`rowid`, `kind`, `ref_id`, `title`, `body`) SELECT `id` * 8 + 1, 'challenge', `id`, `title`, `summary` || char(10) || `body` FROM `challenges` ORDER BY `id`;
--> statement-breakpoint
INSERT INTO `search_index` (`rowid`, `kind`, `ref_id`, `title`, `body`) SELECT `id` * 8 + 2, 'dataset', `id`, `title`, `description` FROM `datasets` ORDER BY `id`;
--> statement-breakpoint
INSERT INTO `search_index` (`rowid`, `kind`, `ref_id`, `title`, `body`) SELECT `id` * 8 + 3, 'request', `id`, `title`, `description` || char(10) || `purpose` FROM `data_requests` ORDER BY `id`;
--> statement-breakpoint
INSERT INTO `search_index` (`rowid`, `kind`, `ref_id`, `title`, `body`) SELECT `id` * 8 + 4, 'entry', `id`, `title`, `summary` || char(10) || `body` FROM `submissions` ORDER BY `id`;
--> statement-breakpoint
INSERT INTO `search_index` (`rowid`, `kind`, `ref_id`, `title`, `body`) SELECT `id` * 8 + 5, 'comment', `id`, '', `body` FROM `comments` WHERE `deleted_at` IS NULL ORDER BY `id`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_short` USING fts5(`text`, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0');
--> statement-breakpoint
INSERT INTO `search_short_queue` (`doc`) SELECT `rowid` FROM `search_index`;
--> statement-breakpoint
CREATE TRIGGER `search_challenges_ai` AFTER INSERT ON `challenges` BEGIN
  INSERT INTO `search_index` (`rowid`, `kind`, `ref_id`, `title`, `body`) VALUES (NEW.`id` * 8 + 1, 'challenge', NEW.`id`, NEW.`title`, NEW.`summary` || char(10) || NEW.`body`);
  INSERT OR IGNORE INTO `search_short_queue` (`doc`) VALUES (NEW.`id` * 8 + 1);
END;
--> statement-breakpoint
CREATE TRIGGER `search_challenges_au` AFTER UPDATE OF `title`, `summary`, `body` ON `challenges` BEGIN
  UPDATE `search_index` SET `title` = NEW.`title`, `body` = NEW.`summary` || char(10) || NEW.`body` WHERE `rowid` = NEW.`id` * 8 + 1;
  INSERT OR IGNORE INTO `search_short_queue` (`doc`) VALUES (NEW.`id` * 8 + 1);
END;
--> statement-breakpoint
CREATE TRIGGER `search_challenges_ad` AFTER DELETE ON `challenges` BEGIN
  DELETE FROM `search_index` WHERE `rowid` = OLD.`id` * 8 + 1;
  INSERT OR IGNORE INTO `search_short_queue` (`doc`) VALUES (OLD.`id` * 8 + 1);
END;
--> statement-breakpoint
CREATE TRIGGER `search_datasets_ai` AFTER INSERT ON `datasets` BEGIN
  INSERT INTO `search_index` (`rowid`, `kind`, `ref_id`, `title`, `body`) VALUES (NEW.`id` * 8 + 2, 'dataset', NEW.`id`, NEW.`title`, NEW.`description`);
  INSERT OR IGNORE INTO `search_short_queue` (`doc`) VALUES (NEW.`id` * 8 + 2);
END;
--> statement-breakpoint
CREATE TRIGGER `search_datasets_au` AFTER UPDATE OF `title`, `description` ON `datasets` BEGIN
  UPDATE `search_index` SET `title` = NEW.`title`, `body` = NEW.`description` WHERE `rowid` = NEW.`id` * 8 + 2;
  INSERT OR IGNORE INTO `search_short_queue` (`doc`) VALUES (NEW.`id` * 8 + 2);
END;
--> statement-breakpoint
CREATE TRIGGER `search_datasets_ad` AFTER DELETE ON `datasets` BEGIN
  DELETE FROM `search_index` WHERE `rowid` = OLD.`id` * 8 + 2;
  INSERT OR IGNORE INTO `search_short_queue` (`doc`) VALUES (OLD.`id` * 8 + 2);
END;
--> statement-breakpoint
CREATE TRIGGER `search_requests_ai` AFTER INSERT ON `data_requests` BEGIN
  INSERT INTO `search_index` (`rowid`, `kind`, `ref_id`, `title`, `body`) VALUES (NEW.`id` * 8 + 3, 'request', NEW.`id`, NEW.`title`, NEW.`description` || char(10) || NEW.`purpose`);
  INSERT OR IGNORE INTO `search_short_queue` (`doc`) VALUES (NEW.`id` * 8 + 3);
END;
--> statement-breakpoint
CREATE TRIGGER `search_requests_au` AFTER UPDATE OF `title`, `description`, `purpose` ON `data_requests` BEGIN
  UPDATE `search_index` SET `title` = NEW.`title`, `body` = NEW.`description` || char(10) || NEW.`purpose` WHERE `rowid` = NEW.`id` * 8 + 3;
  INSERT OR IGNORE INTO `search_short_queue` (`doc`) VALUES (NEW.`id` * 8 + 3);
END;
--> statement-breakpoint
CREATE TRIGGER `search_requests_ad` AFTER DELETE ON `data_requests` BEGIN
  DELETE FROM `search_index` WHERE `rowid` = OLD.`id` * 8 + 3;
  INSERT OR IGNORE INTO `search_short_queue` (`doc`) VALUES (OLD.`id` * 8 + 3);
END;
--> statement-breakpoint
CREATE TRIGGER `search_entries_ai` AFTER INSERT ON `submissions` BEGIN
  INSERT INTO `search_index` (`rowid`, `kind`, `ref_id`, `title`, `body`) VALUES (NEW.`id` * 8 + 4, 'entry', NEW.`id`, NEW.`title`, NEW.`summary` || char(10) || NEW.`body`);
  INSERT OR IGNORE INTO `search_short_queue` (`doc`) VALUES (NEW.`id` * 8 + 4);
END;
--> statement-breakpoint
CREATE TRIGGER `search_entries_au` AFTER UPDATE OF `title`, `summary`, `body` ON `submissions` BEGIN
  UPDATE `search_index` SET `title` = NEW.`title`, `body` = NEW.`summary` || char(10) || NEW.`body` WHERE `rowid` = NEW.`id` * 8 + 4;
  INSERT OR IGNORE INTO `search_short_queue` (`doc`) VALUES (NEW.`id` * 8 + 4);
END;
--> statement-breakpoint
CREATE TRIGGER `search_entries_ad` AFTER DELETE ON `submissions` BEGIN
  DELETE FROM `search_index` WHERE `rowid` = OLD.`id` * 8 + 4;
  INSERT OR IGNORE INTO `search_short_queue` (`doc`) VALUES (OLD.`id` * 8 + 4);
END;
--> statement-breakpoint
CREATE TRIGGER `search_comments_ai` AFTER INSERT ON `comments` BEGIN
  INSERT INTO `search_index` (`rowid`, `kind`, `ref_id`, `title`, `body`) VALUES (NEW.`id` * 8 + 5, 'comment', NEW.`id`, '', NEW.`body`);
  INSERT OR IGNORE INTO `search_short_queue` (`doc`) VALUES (NEW.`id` * 8 + 5);
END;
--> statement-breakpoint
CREATE TRIGGER `search_comments_au` AFTER UPDATE OF `body` ON `comments` BEGIN
  UPDATE `search_index` SET `body` = NEW.`body` WHERE `rowid` = NEW.`id` * 8 + 5;
  INSERT OR IGNORE INTO `search_short_queue` (`doc`) VALUES (NEW.`id` * 8 + 5);
END;
--> statement-breakpoint
CREATE TRIGGER `search_comments_ad` AFTER DELETE ON `comments` BEGIN
  DELETE FROM `search_index` WHERE `rowid` = OLD.`id` * 8 + 5;
  INSERT OR IGNORE INTO `search_short_queue` (`doc`) VALUES (OLD.`id` * 8 + 5);
END;
