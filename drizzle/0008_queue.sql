CREATE TABLE `queue_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`ticket_id` integer NOT NULL,
	`type` text NOT NULL,
	`at` integer NOT NULL,
	`counter` text,
	`staff_id` integer,
	`idempotency_key` text,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ticket_id`) REFERENCES `queue_tickets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `queue_events_idempotency_key_unique` ON `queue_events` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `queue_events_ticket` ON `queue_events` (`ticket_id`);--> statement-breakpoint
CREATE INDEX `queue_events_community_at` ON `queue_events` (`community_id`,`at`);--> statement-breakpoint
CREATE TABLE `queue_tickets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`day` text NOT NULL,
	`service` text NOT NULL,
	`seq` integer NOT NULL,
	`queue_no` text NOT NULL,
	`priority` text DEFAULT 'normal' NOT NULL,
	`source` text NOT NULL,
	`unit_id` integer,
	`taken_at` integer NOT NULL,
	`idempotency_key` text,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `queue_tickets_idempotency_key_unique` ON `queue_tickets` (`idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `queue_tickets_day_seq` ON `queue_tickets` (`community_id`,`day`,`service`,`seq`);--> statement-breakpoint
CREATE INDEX `queue_tickets_community_day` ON `queue_tickets` (`community_id`,`day`);