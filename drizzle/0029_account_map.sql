-- Issue 19 · accounting export. The admin's account map (科目对照): which account code and name a
-- ledger line kind is booked to, from a date on. Insert-only like setting_changes: each change is a
-- row in force from `effective_from`, so a voucher for a past day uses the map of that day.
CREATE TABLE `account_map_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`key` text NOT NULL,
	`account_code` text NOT NULL,
	`account_name` text NOT NULL,
	`effective_from` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `account_map_changes_key` ON `account_map_changes` (`community_id`,`key`,`effective_from`);
