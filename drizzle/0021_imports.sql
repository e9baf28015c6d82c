-- Issue 13 · import: a row per confirmed import, and the opening prepayments and deposits (期初预存/押金)
-- brought over from the old system. Both insert-only (triggers in append-only.ts). Opening arrears are
-- ordinary bills with source 'opening' (bills.source is free text; no change needed there).
CREATE TABLE `import_batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`kind` text NOT NULL,
	`file_name` text NOT NULL,
	`file_sha256` text NOT NULL,
	`encoding` text,
	`added` integer NOT NULL,
	`changed` integer NOT NULL,
	`refused` integer NOT NULL,
	`total_fen` integer DEFAULT 0 NOT NULL,
	`local_date` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
CREATE INDEX `import_batches_day` ON `import_batches` (`community_id`,`local_date`);--> statement-breakpoint
CREATE TABLE `opening_credits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`kind` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`receipt_no` text DEFAULT '' NOT NULL,
	`batch_id` integer NOT NULL,
	`local_date` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
CREATE UNIQUE INDEX `opening_credits_key` ON `opening_credits` (`unit_id`,`kind`,`receipt_no`);
