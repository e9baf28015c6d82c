CREATE TABLE `setting_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`key` text NOT NULL,
	`value` text NOT NULL,
	`effective_from` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `setting_changes_key` ON `setting_changes` (`community_id`,`key`,`effective_from`);--> statement-breakpoint
CREATE TABLE `vacancy_credits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`source_bill_id` integer NOT NULL,
	`bill_id` integer NOT NULL,
	`amount_fen` integer NOT NULL,
	`vacancy_percent` integer NOT NULL,
	`local_date` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_bill_id`) REFERENCES `bills`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bill_id`) REFERENCES `bills`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `vacancy_credits_bill` ON `vacancy_credits` (`bill_id`);--> statement-breakpoint
CREATE INDEX `vacancy_credits_source` ON `vacancy_credits` (`source_bill_id`);--> statement-breakpoint
CREATE INDEX `vacancy_credits_unit` ON `vacancy_credits` (`unit_id`);
