-- Issue 21 · 物品寄存 and 物品放行, insert-only with the claim and the gate's pass-out as events (one each).
CREATE TABLE `item_deposits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`claim_no` text NOT NULL,
	`claim_code` text NOT NULL,
	`unit_id` integer,
	`depositor_name` text NOT NULL,
	`depositor_phone` text NOT NULL,
	`items` text NOT NULL,
	`item_count` integer NOT NULL,
	`claimer` text NOT NULL,
	`claimer_name` text DEFAULT '' NOT NULL,
	`claimer_phone` text DEFAULT '' NOT NULL,
	`claim_by` text NOT NULL,
	`form_key` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `item_deposits_claim_no` ON `item_deposits` (`community_id`,`claim_no`);--> statement-breakpoint
CREATE UNIQUE INDEX `item_deposits_form_key` ON `item_deposits` (`community_id`,`form_key`);--> statement-breakpoint
CREATE INDEX `item_deposits_community_created` ON `item_deposits` (`community_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `item_deposits_community_code` ON `item_deposits` (`community_id`,`claim_code`);--> statement-breakpoint
CREATE TABLE `item_claims` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`deposit_id` integer NOT NULL,
	`claimant_name` text NOT NULL,
	`id_type` text NOT NULL,
	`id_last4` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`deposit_id`) REFERENCES `item_deposits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `item_claims_deposit` ON `item_claims` (`deposit_id`);--> statement-breakpoint
CREATE TABLE `item_releases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`release_no` text NOT NULL,
	`unit_id` integer NOT NULL,
	`items` text NOT NULL,
	`item_count` integer NOT NULL,
	`carrier_name` text NOT NULL,
	`carrier_phone` text NOT NULL,
	`plate` text DEFAULT '' NOT NULL,
	`consent` text NOT NULL,
	`consent_by` text DEFAULT '' NOT NULL,
	`consent_phone` text DEFAULT '' NOT NULL,
	`consent_id_type` text,
	`consent_id_last4` text DEFAULT '' NOT NULL,
	`consent_note` text DEFAULT '' NOT NULL,
	`valid_until` text NOT NULL,
	`form_key` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `item_releases_release_no` ON `item_releases` (`community_id`,`release_no`);--> statement-breakpoint
CREATE UNIQUE INDEX `item_releases_form_key` ON `item_releases` (`community_id`,`form_key`);--> statement-breakpoint
CREATE INDEX `item_releases_community_created` ON `item_releases` (`community_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `item_release_passes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`release_id` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`release_id`) REFERENCES `item_releases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `item_release_passes_release` ON `item_release_passes` (`release_id`);
