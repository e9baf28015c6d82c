ALTER TABLE `receipt_prints` ADD `reason_code` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `receipt_prints` ADD `reason_note` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `receipt_prints` ADD `print_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `receipt_prints_print_key_unique` ON `receipt_prints` (`print_key`);
