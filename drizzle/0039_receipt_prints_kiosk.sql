-- Issue 20 · a resident's own copy (补打) printed at the kiosk is recorded in the print log like the
-- counter's: `source` says where ('counter' | 'kiosk'), `printed_by` is the staff member at the
-- counter and empty for the kiosk (no staff there). SQLite cannot drop a NOT NULL in place, so the
-- table is rebuilt with its rows and ids, and its append-only triggers are made again at once.
CREATE TABLE `receipt_prints_new` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`payment_id` integer NOT NULL,
	`printed_by` integer,
	`format` text NOT NULL,
	`created_at` integer NOT NULL,
	`reason_code` text DEFAULT '' NOT NULL,
	`reason_note` text DEFAULT '' NOT NULL,
	`print_key` text,
	`source` text DEFAULT 'counter' NOT NULL,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`printed_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	CHECK (`source` IN ('counter', 'kiosk'))
);
--> statement-breakpoint
INSERT INTO `receipt_prints_new` (`id`, `payment_id`, `printed_by`, `format`, `created_at`, `reason_code`, `reason_note`, `print_key`, `source`)
	SELECT `id`, `payment_id`, `printed_by`, `format`, `created_at`, `reason_code`, `reason_note`, `print_key`, 'counter' FROM `receipt_prints`;
--> statement-breakpoint
-- Dropping the table drops its triggers first (no trigger fires on the implicit delete).
DROP TABLE `receipt_prints`;--> statement-breakpoint
ALTER TABLE `receipt_prints_new` RENAME TO `receipt_prints`;--> statement-breakpoint
CREATE INDEX `receipt_prints_payment` ON `receipt_prints` (`payment_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `receipt_prints_print_key_unique` ON `receipt_prints` (`print_key`);--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS receipt_prints_no_update BEFORE UPDATE ON receipt_prints
	BEGIN SELECT RAISE(ABORT, 'append-only table: receipt_prints'); END;--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS receipt_prints_no_delete BEFORE DELETE ON receipt_prints
	BEGIN SELECT RAISE(ABORT, 'append-only table: receipt_prints'); END;
