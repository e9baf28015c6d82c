-- Issue 21 · 快递代收: owners' authorisations (withdrawn by an event), parcels taken in, and their hand-over as an event; all insert-only.
CREATE TABLE `parcel_authorisations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`channel` text NOT NULL,
	`given_on` text NOT NULL,
	`given_by` text NOT NULL,
	`persons` text DEFAULT '' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`form_key` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `parcel_authorisations_form_key` ON `parcel_authorisations` (`community_id`,`form_key`);--> statement-breakpoint
CREATE INDEX `parcel_authorisations_unit` ON `parcel_authorisations` (`community_id`,`unit_id`);--> statement-breakpoint
CREATE TABLE `parcel_authorisation_withdrawals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`authorisation_id` integer NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`authorisation_id`) REFERENCES `parcel_authorisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `parcel_authorisation_withdrawals_auth` ON `parcel_authorisation_withdrawals` (`authorisation_id`);--> statement-breakpoint
CREATE TABLE `parcels` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`courier` text NOT NULL,
	`tracking_no` text NOT NULL,
	`tracking_key` text NOT NULL,
	`recipient` text NOT NULL,
	`slot` text NOT NULL,
	`photo` text,
	`authorisation_id` integer,
	`called_phone` text DEFAULT '' NOT NULL,
	`called_at` integer,
	`answered_by` text DEFAULT '' NOT NULL,
	`form_key` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`authorisation_id`) REFERENCES `parcel_authorisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `parcels_form_key` ON `parcels` (`community_id`,`form_key`);--> statement-breakpoint
CREATE INDEX `parcels_community_created` ON `parcels` (`community_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `parcels_community_unit` ON `parcels` (`community_id`,`unit_id`);--> statement-breakpoint
CREATE INDEX `parcels_community_tracking` ON `parcels` (`community_id`,`tracking_key`);--> statement-breakpoint
CREATE TABLE `parcel_handovers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`parcel_id` integer NOT NULL,
	`collector` text NOT NULL,
	`id_type` text NOT NULL,
	`id_last4` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`parcel_id`) REFERENCES `parcels`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `parcel_handovers_parcel` ON `parcel_handovers` (`parcel_id`);
