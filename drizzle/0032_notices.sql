-- Issue 20 · notices (公告) for the kiosk, the phone pages and the hall display. Insert-only (triggers
-- in append-only.ts): an edit is a new version, withdrawing is an event, expiry is a filter by time.
CREATE TABLE `notices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` integer NOT NULL,
	`idempotency_key` text,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notices_idempotency_key_unique` ON `notices` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `notices_community` ON `notices` (`community_id`);--> statement-breakpoint
CREATE TABLE `notice_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`notice_id` integer NOT NULL,
	`version` integer NOT NULL,
	`title` text NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	`image` text,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`urgent` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` integer NOT NULL,
	FOREIGN KEY (`notice_id`) REFERENCES `notices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notice_versions_notice_version` ON `notice_versions` (`notice_id`,`version`);--> statement-breakpoint
CREATE TABLE `notice_withdrawals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`notice_id` integer NOT NULL,
	`at` integer NOT NULL,
	`staff_id` integer NOT NULL,
	FOREIGN KEY (`notice_id`) REFERENCES `notices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notice_withdrawals_notice_id_unique` ON `notice_withdrawals` (`notice_id`);
