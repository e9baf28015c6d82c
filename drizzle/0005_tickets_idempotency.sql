ALTER TABLE `ticket_events` ADD `idempotency_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `ticket_events_ticket_idem` ON `ticket_events` (`ticket_id`,`idempotency_key`);--> statement-breakpoint
ALTER TABLE `tickets` ADD `idempotency_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_community_idem` ON `tickets` (`community_id`,`idempotency_key`);