CREATE TABLE `ticket_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ticket_id` integer NOT NULL,
	`community_id` integer NOT NULL,
	`type` text NOT NULL,
	`at` integer NOT NULL,
	`recorded_at` integer NOT NULL,
	`actor_kind` text NOT NULL,
	`actor_id` integer,
	`actor_name` text NOT NULL,
	`data` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ticket_events_ticket` ON `ticket_events` (`ticket_id`,`id`);--> statement-breakpoint
CREATE INDEX `ticket_events_community_type` ON `ticket_events` (`community_id`,`type`,`at`);--> statement-breakpoint
CREATE TABLE `ticket_photos` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ticket_id` integer NOT NULL,
	`community_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ticket_photos_file_name_unique` ON `ticket_photos` (`file_name`);--> statement-breakpoint
CREATE INDEX `ticket_photos_ticket` ON `ticket_photos` (`ticket_id`);--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`ticket_no` text NOT NULL,
	`year` integer NOT NULL,
	`seq` integer NOT NULL,
	`kind` text NOT NULL,
	`source` text NOT NULL,
	`unit_id` integer,
	`reporter_name` text NOT NULL,
	`reporter_phone` text NOT NULL,
	`location` text DEFAULT '' NOT NULL,
	`text` text NOT NULL,
	`urgency` text DEFAULT 'normal' NOT NULL,
	`state` text NOT NULL,
	`department` text,
	`assignee` text,
	`received_at` integer NOT NULL,
	`recorded_at` integer NOT NULL,
	`recorded_late` integer DEFAULT false NOT NULL,
	`created_by` integer,
	`created_by_unit` integer,
	`closed_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_unit`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_community_no` ON `tickets` (`community_id`,`ticket_no`);--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_community_year_seq` ON `tickets` (`community_id`,`year`,`seq`);--> statement-breakpoint
CREATE INDEX `tickets_community_state` ON `tickets` (`community_id`,`state`);--> statement-breakpoint
CREATE INDEX `tickets_unit` ON `tickets` (`unit_id`);