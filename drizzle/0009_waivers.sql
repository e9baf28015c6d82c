CREATE TABLE `waiver_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`request_id` integer NOT NULL,
	`action` text NOT NULL,
	`actor_id` integer,
	`note` text DEFAULT '' NOT NULL,
	`detail` text DEFAULT '{}' NOT NULL,
	`local_date` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `waiver_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `waiver_events_request` ON `waiver_events` (`request_id`);--> statement-breakpoint
CREATE INDEX `waiver_events_date` ON `waiver_events` (`community_id`,`local_date`);--> statement-breakpoint
CREATE TABLE `waiver_request_bills` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`bill_id` integer NOT NULL,
	`month` text NOT NULL,
	`item_name_zh` text NOT NULL,
	`due_date` text NOT NULL,
	`principal_fen` integer NOT NULL,
	`principal_paid_date` text,
	`late_fee_fen` integer NOT NULL,
	`late_fee_paid_fen` integer DEFAULT 0 NOT NULL,
	`requested_fen` integer NOT NULL,
	`working_zh` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `waiver_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bill_id`) REFERENCES `bills`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `waiver_request_bills_unique` ON `waiver_request_bills` (`request_id`,`bill_id`);--> statement-breakpoint
CREATE INDEX `waiver_request_bills_bill` ON `waiver_request_bills` (`bill_id`);--> statement-breakpoint
CREATE TABLE `waiver_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`request_no` text NOT NULL,
	`unit_id` integer NOT NULL,
	`owner_id` integer,
	`owner_name` text DEFAULT '' NOT NULL,
	`applicant_name` text NOT NULL,
	`applicant_phone` text DEFAULT '' NOT NULL,
	`reason` text NOT NULL,
	`requested_fen` integer NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`clerk_id` integer NOT NULL,
	`local_date` text NOT NULL,
	`created_at` integer NOT NULL,
	`idempotency_key` text NOT NULL,
	`decided_by` integer,
	`decided_at` integer,
	`decided_local_date` text,
	`decision_note` text,
	`approved_fen` integer DEFAULT 0 NOT NULL,
	`decision_key` text,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `owners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`clerk_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `waiver_requests_idempotency_key_unique` ON `waiver_requests` (`idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `waiver_requests_no` ON `waiver_requests` (`community_id`,`request_no`);--> statement-breakpoint
CREATE INDEX `waiver_requests_state` ON `waiver_requests` (`community_id`,`state`);--> statement-breakpoint
CREATE INDEX `waiver_requests_unit` ON `waiver_requests` (`unit_id`);--> statement-breakpoint
CREATE INDEX `waiver_requests_date` ON `waiver_requests` (`community_id`,`local_date`);