-- Issue 21 · errands, phone messages and call-backs (代办 · 留言转告 · 回电), insert-only with their outcome as an event.
CREATE TABLE `errands` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`kind` text NOT NULL,
	`unit_id` integer,
	`requester` text NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`recipient` text NOT NULL,
	`content` text NOT NULL,
	`due_at` integer NOT NULL,
	`form_key` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `errands_form_key` ON `errands` (`community_id`,`form_key`);--> statement-breakpoint
CREATE INDEX `errands_community_created` ON `errands` (`community_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `errands_community_due` ON `errands` (`community_id`,`due_at`);--> statement-breakpoint
CREATE TABLE `errand_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`errand_id` integer NOT NULL,
	`outcome` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`errand_id`) REFERENCES `errands`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `errand_events_errand` ON `errand_events` (`errand_id`);
