ALTER TABLE `queue_tickets` ADD `device` text;--> statement-breakpoint
ALTER TABLE `queue_tickets` ADD `address` text;--> statement-breakpoint
ALTER TABLE `queue_events` ADD `priority` text;--> statement-breakpoint
CREATE INDEX `queue_tickets_day_device` ON `queue_tickets` (`community_id`,`day`,`device`);--> statement-breakpoint
CREATE INDEX `queue_tickets_day_address` ON `queue_tickets` (`community_id`,`day`,`address`);
