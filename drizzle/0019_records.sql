-- Issue 13 · the community's records with history. Nothing here overwrites the past: a person's tie
-- to a unit, a space's holder and a vehicle's registration each have a start and an end date.
ALTER TABLE `units` ADD `use` text DEFAULT 'residential' NOT NULL;--> statement-breakpoint
ALTER TABLE `units` ADD `move_in_date` text;--> statement-breakpoint
ALTER TABLE `owners` ADD `note` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_owners` ADD `start_date` text;--> statement-breakpoint
ALTER TABLE `unit_owners` ADD `end_date` text;--> statement-breakpoint
ALTER TABLE `unit_owners` ADD `end_reason` text;--> statement-breakpoint
DROP INDEX `unit_owners_unique`;--> statement-breakpoint
CREATE UNIQUE INDEX `unit_owners_current` ON `unit_owners` (`unit_id`,`owner_id`,`role`) WHERE `end_date` IS NULL;--> statement-breakpoint
CREATE INDEX `unit_owners_unit` ON `unit_owners` (`unit_id`);--> statement-breakpoint
CREATE TABLE `parking_spaces` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`code` text NOT NULL,
	`area_centi` integer DEFAULT 0 NOT NULL,
	`kind` text DEFAULT 'surface' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
CREATE UNIQUE INDEX `parking_spaces_community_code` ON `parking_spaces` (`community_id`,`code`);--> statement-breakpoint
CREATE TABLE `parking_space_holdings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`space_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`holding` text DEFAULT 'owned' NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`space_id`) REFERENCES `parking_spaces`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
CREATE INDEX `parking_space_holdings_space` ON `parking_space_holdings` (`space_id`,`start_date`);--> statement-breakpoint
CREATE INDEX `parking_space_holdings_unit` ON `parking_space_holdings` (`unit_id`);--> statement-breakpoint
CREATE TABLE `vehicles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`plate` text NOT NULL,
	`owner_id` integer,
	`unit_id` integer,
	`space_id` integer,
	`start_date` text NOT NULL,
	`end_date` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `owners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`space_id`) REFERENCES `parking_spaces`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
CREATE INDEX `vehicles_community_plate` ON `vehicles` (`community_id`,`plate`);--> statement-breakpoint
CREATE INDEX `vehicles_unit` ON `vehicles` (`unit_id`);
