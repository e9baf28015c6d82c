CREATE TABLE `key_loans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`key_id` integer NOT NULL,
	`lent_at` integer NOT NULL,
	`lent_by` integer NOT NULL,
	`slot` text NOT NULL,
	`borrower_name` text NOT NULL,
	`borrower_id_type` text NOT NULL,
	`borrower_id_number` text NOT NULL,
	`borrower_phone` text NOT NULL,
	`borrower_company` text DEFAULT '' NOT NULL,
	`borrower_relation` text DEFAULT '' NOT NULL,
	`purpose` text NOT NULL,
	`purpose_note` text DEFAULT '' NOT NULL,
	`consent_basis` text NOT NULL,
	`consent_phone` text,
	`consent_at` integer,
	`consent_by` integer,
	`consent_answer` text,
	`escort_staff_id` integer,
	`collateral_id_type` text,
	`collateral_id_number` text,
	`expected_return_at` integer NOT NULL,
	`idempotency_key` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`key_id`) REFERENCES `keys`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lent_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`consent_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`escort_staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `key_loans_idempotency_key_unique` ON `key_loans` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `key_loans_key` ON `key_loans` (`key_id`,`lent_at`);--> statement-breakpoint
CREATE INDEX `key_loans_community_lent` ON `key_loans` (`community_id`,`lent_at`);--> statement-breakpoint
CREATE TABLE `key_returns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`loan_id` integer NOT NULL,
	`key_id` integer NOT NULL,
	`returned_at` integer NOT NULL,
	`received_by` integer NOT NULL,
	`lost` integer DEFAULT false NOT NULL,
	`slot` text,
	`collateral_returned` integer,
	`note` text DEFAULT '' NOT NULL,
	`recorded_by` integer NOT NULL,
	`idempotency_key` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`loan_id`) REFERENCES `key_loans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`key_id`) REFERENCES `keys`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`received_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `key_returns_loan_id_unique` ON `key_returns` (`loan_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `key_returns_idempotency_key_unique` ON `key_returns` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `key_returns_key` ON `key_returns` (`key_id`);--> statement-breakpoint
CREATE INDEX `key_returns_community_returned` ON `key_returns` (`community_id`,`returned_at`);--> statement-breakpoint
CREATE TABLE `keys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`tag_no` text NOT NULL,
	`kind` text NOT NULL,
	`unit_id` integer,
	`description` text DEFAULT '' NOT NULL,
	`slot` text NOT NULL,
	`deposit_consent_date` text,
	`deposit_consent_method` text,
	`disposition` text DEFAULT 'active' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `keys_community_tag` ON `keys` (`community_id`,`tag_no`);--> statement-breakpoint
CREATE INDEX `keys_unit` ON `keys` (`unit_id`);