CREATE TABLE `movein_cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`owner_id` integer,
	`owner_name` text NOT NULL,
	`owner_type` text NOT NULL,
	`mortgage` integer NOT NULL,
	`proxy` integer NOT NULL,
	`proxy_name` text DEFAULT '' NOT NULL,
	`proxy_id_number` text DEFAULT '' NOT NULL,
	`persons` integer DEFAULT 1 NOT NULL,
	`fee_start_month` text NOT NULL,
	`fee_months` integer NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`opened_by` integer NOT NULL,
	`opened_at` integer NOT NULL,
	`completed_by` integer,
	`completed_at` integer,
	`keys_handed_over` integer,
	`keys_handed_by` integer,
	`keys_handed_at` integer,
	`keys_recipient` text,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `owners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`opened_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`completed_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`keys_handed_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `movein_cases_one_open` ON `movein_cases` (`unit_id`) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX `movein_cases_community_status` ON `movein_cases` (`community_id`,`status`);--> statement-breakpoint
CREATE INDEX `movein_cases_unit` ON `movein_cases` (`unit_id`);--> statement-breakpoint
CREATE TABLE `movein_item_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`item_code` text NOT NULL,
	`kind` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`actor_id` integer NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `movein_cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `movein_item_events_case` ON `movein_item_events` (`case_id`,`id`);