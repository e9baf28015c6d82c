-- Issue 18 · fee items as data: which units an item applies to, whether the late fee applies, one-off
-- charges raised at the counter (ordinary bills with source 'charge') and the paid-services price list.
ALTER TABLE `fee_items` ADD `late_fee_applies` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `fee_items` ADD `applies_to` text DEFAULT 'all' NOT NULL;--> statement-breakpoint
CREATE TABLE `fee_item_targets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`fee_item_id` integer NOT NULL,
	`building` text,
	`unit_id` integer,
	FOREIGN KEY (`fee_item_id`) REFERENCES `fee_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
CREATE INDEX `fee_item_targets_item` ON `fee_item_targets` (`fee_item_id`);--> statement-breakpoint
ALTER TABLE `bills` ADD `late_fee_applies` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `bills` ADD `label_zh` text;--> statement-breakpoint
ALTER TABLE `bills` ADD `label_en` text;--> statement-breakpoint
-- A unit may be charged the same one-off item twice in a month: only recurring bills are one per month.
DROP INDEX `bills_unit_item_month`;--> statement-breakpoint
CREATE UNIQUE INDEX `bills_unit_item_month` ON `bills` (`unit_id`,`fee_item_id`,`month`) WHERE `source` <> 'charge';--> statement-breakpoint
CREATE INDEX `bills_unit_month` ON `bills` (`unit_id`,`month`);--> statement-breakpoint
CREATE TABLE `paid_services` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text DEFAULT '' NOT NULL,
	`unit_zh` text DEFAULT '次' NOT NULL,
	`unit_en` text DEFAULT 'time' NOT NULL,
	`price_fen` integer,
	`note_zh` text DEFAULT '' NOT NULL,
	`note_en` text DEFAULT '' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
CREATE INDEX `paid_services_community` ON `paid_services` (`community_id`,`sort`);--> statement-breakpoint
CREATE TABLE `charges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`bill_id` integer NOT NULL,
	`fee_item_id` integer NOT NULL,
	`paid_service_id` integer,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`quantity` integer DEFAULT 1 NOT NULL,
	`unit_price_fen` integer NOT NULL,
	`amount_fen` integer NOT NULL,
	`late_fee_applies` integer DEFAULT false NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`idempotency_key` text NOT NULL,
	`request_hash` text NOT NULL,
	`created_by` integer NOT NULL,
	`local_date` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bill_id`) REFERENCES `bills`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`fee_item_id`) REFERENCES `fee_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`paid_service_id`) REFERENCES `paid_services`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
CREATE UNIQUE INDEX `charges_bill` ON `charges` (`bill_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `charges_idempotency_key` ON `charges` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `charges_unit` ON `charges` (`unit_id`);
