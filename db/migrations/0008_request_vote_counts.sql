ALTER TABLE `data_requests` ADD `vote_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `data_requests_votes_idx` ON `data_requests` (`vote_count`,`created_at`);--> statement-breakpoint
-- Counts for the votes already cast, then triggers keep them: every way a vote is added or taken
-- back (the site, the CLI, a seed, a cascade) goes through these.
UPDATE `data_requests` SET `vote_count` = (SELECT count(*) FROM `data_request_votes` v WHERE v.`request_id` = `data_requests`.`id`);--> statement-breakpoint
CREATE TRIGGER `data_request_votes_count_insert` AFTER INSERT ON `data_request_votes` BEGIN
  UPDATE `data_requests` SET `vote_count` = `vote_count` + 1 WHERE `id` = NEW.`request_id`;
END;--> statement-breakpoint
CREATE TRIGGER `data_request_votes_count_delete` AFTER DELETE ON `data_request_votes` BEGIN
  UPDATE `data_requests` SET `vote_count` = `vote_count` - 1 WHERE `id` = OLD.`request_id`;
END;
