CREATE TABLE `cashier_shifts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`cashier_id` integer NOT NULL,
	`opened_at` integer NOT NULL,
	`local_date` text NOT NULL,
	`opening_float_fen` integer DEFAULT 0 NOT NULL,
	`idempotency_key` text NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cashier_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cashier_shifts_idempotency_key_unique` ON `cashier_shifts` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `cashier_shifts_cashier` ON `cashier_shifts` (`community_id`,`cashier_id`,`opened_at`);--> statement-breakpoint
CREATE INDEX `cashier_shifts_date` ON `cashier_shifts` (`community_id`,`local_date`);--> statement-breakpoint
CREATE TABLE `shift_closes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`shift_id` integer NOT NULL,
	`community_id` integer NOT NULL,
	`closed_at` integer NOT NULL,
	`local_date` text NOT NULL,
	`cash_received_fen` integer NOT NULL,
	`cash_received_count` integer NOT NULL,
	`cash_voided_fen` integer NOT NULL,
	`cash_voided_count` integer NOT NULL,
	`cash_refunded_fen` integer NOT NULL,
	`cash_refunded_count` integer NOT NULL,
	`expected_fen` integer NOT NULL,
	`counted_fen` integer NOT NULL,
	`difference_fen` integer NOT NULL,
	`handover` text DEFAULT '{}' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`successor_id` integer,
	`idempotency_key` text NOT NULL,
	FOREIGN KEY (`shift_id`) REFERENCES `cashier_shifts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`successor_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shift_closes_idempotency_key_unique` ON `shift_closes` (`idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `shift_closes_shift` ON `shift_closes` (`shift_id`);--> statement-breakpoint
CREATE INDEX `shift_closes_date` ON `shift_closes` (`community_id`,`local_date`);