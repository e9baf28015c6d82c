ALTER TABLE `deposit_settlement_lines` ADD `photo_file_name` text;--> statement-breakpoint
ALTER TABLE `deposit_settlement_lines` ADD `photo_mime` text;--> statement-breakpoint
ALTER TABLE `deposit_settlement_lines` ADD `photo_size` integer;--> statement-breakpoint
ALTER TABLE `deposit_settlement_lines` ADD `photo_sha256` text;--> statement-breakpoint
CREATE UNIQUE INDEX `deposit_settlement_lines_photo_file_name_unique` ON `deposit_settlement_lines` (`photo_file_name`);