-- Issue 19 · receipts journal (收款流水) and statement reconciliation (对账).
-- Both tables are insert-only (triggers in append-only.ts): a later reconciliation of the same day and
-- method supersedes the earlier one by a new row, never by an edit.
CREATE TABLE `reconciliations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`local_date` text NOT NULL,
	`method` text NOT NULL,
	`source` text NOT NULL,
	`file_name` text DEFAULT '' NOT NULL,
	`statement_fen` integer NOT NULL,
	`entries_fen` integer NOT NULL,
	`difference_fen` integer NOT NULL,
	`entries` integer NOT NULL,
	`matched` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`supersedes` integer,
	`form_key` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reconciliations_day` ON `reconciliations` (`community_id`,`local_date`,`method`);--> statement-breakpoint
CREATE UNIQUE INDEX `reconciliations_form_key` ON `reconciliations` (`form_key`);--> statement-breakpoint
CREATE TABLE `reconciliation_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reconciliation_id` integer NOT NULL,
	`payment_id` integer,
	`entry_kind` text,
	`entry_fen` integer,
	`matched_by` text,
	`line_no` integer,
	`line_time` text DEFAULT '' NOT NULL,
	`line_ref` text DEFAULT '' NOT NULL,
	`line_fen` integer,
	FOREIGN KEY (`reconciliation_id`) REFERENCES `reconciliations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reconciliation_items_reconciliation` ON `reconciliation_items` (`reconciliation_id`);--> statement-breakpoint
-- The journal lists voids by the void's day.
CREATE INDEX `payment_voids_day` ON `payment_voids` (`local_date`,`payment_id`);
