-- Comments join the site search index (kind 'comment', no title). Hidden, deleted and comments on
-- things the visitor cannot see are filtered at query time, like every other kind.
INSERT INTO `search_index` (`kind`, `ref_id`, `title`, `body`) SELECT 'comment', `id`, '', `body` FROM `comments` WHERE `deleted_at` IS NULL;
--> statement-breakpoint
CREATE TRIGGER `search_comments_ai` AFTER INSERT ON `comments` BEGIN
  INSERT INTO `search_index` (`kind`, `ref_id`, `title`, `body`) VALUES ('comment', NEW.`id`, '', NEW.`body`);
END;
--> statement-breakpoint
CREATE TRIGGER `search_comments_au` AFTER UPDATE OF `body` ON `comments` BEGIN
  UPDATE `search_index` SET `body` = NEW.`body` WHERE `kind` = 'comment' AND `ref_id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `search_comments_ad` AFTER DELETE ON `comments` BEGIN
  DELETE FROM `search_index` WHERE `kind` = 'comment' AND `ref_id` = OLD.`id`;
END;
