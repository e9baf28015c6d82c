CREATE TABLE `deposit_settlement_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`settlement_id` integer NOT NULL,
	`kind` text NOT NULL,
	`item_code` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`amount_fen` integer NOT NULL,
	FOREIGN KEY (`settlement_id`) REFERENCES `deposit_settlements`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deposit_settlement_lines_settlement` ON `deposit_settlement_lines` (`settlement_id`);--> statement-breakpoint
CREATE TABLE `deposit_settlements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`voucher_no` text NOT NULL,
	`voucher_year` integer NOT NULL,
	`voucher_seq` integer NOT NULL,
	`subject` text NOT NULL,
	`renovation_id` integer NOT NULL,
	`pass_id` integer,
	`pass_outcome` text,
	`unit_id` integer NOT NULL,
	`original_receipt_no` text NOT NULL,
	`payee_name` text NOT NULL,
	`method` text,
	`method_ref` text DEFAULT '' NOT NULL,
	`refund_fen` integer NOT NULL,
	`deducted_fen` integer NOT NULL,
	`staff_id` integer NOT NULL,
	`idempotency_key` text NOT NULL,
	`local_date` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`renovation_id`) REFERENCES `renovations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pass_id`) REFERENCES `renovation_passes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deposit_settlements_voucher_no_unique` ON `deposit_settlements` (`voucher_no`);--> statement-breakpoint
CREATE UNIQUE INDEX `deposit_settlements_idempotency_key_unique` ON `deposit_settlements` (`idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `deposit_settlements_seq` ON `deposit_settlements` (`community_id`,`voucher_year`,`voucher_seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `deposit_settlements_once_renovation` ON `deposit_settlements` (`renovation_id`) WHERE subject = 'renovation_deposit';--> statement-breakpoint
CREATE UNIQUE INDEX `deposit_settlements_once_pass` ON `deposit_settlements` (`pass_id`) WHERE pass_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `deposit_settlements_community_date` ON `deposit_settlements` (`community_id`,`local_date`);--> statement-breakpoint
CREATE TABLE `renovation_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`renovation_id` integer NOT NULL,
	`action` text NOT NULL,
	`from_state` text,
	`to_state` text NOT NULL,
	`actor_id` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`detail` text DEFAULT '{}' NOT NULL,
	`idempotency_key` text,
	`local_date` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`renovation_id`) REFERENCES `renovations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `renovation_events_idempotency_key_unique` ON `renovation_events` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `renovation_events_renovation` ON `renovation_events` (`renovation_id`,`id`);--> statement-breakpoint
CREATE INDEX `renovation_events_community_date` ON `renovation_events` (`community_id`,`local_date`);--> statement-breakpoint
CREATE TABLE `renovation_passes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`renovation_id` integer NOT NULL,
	`pass_no` text NOT NULL,
	`worker_name` text NOT NULL,
	`id_number` text NOT NULL,
	`phone` text NOT NULL,
	`id_copy_on_file` integer NOT NULL,
	`photo_on_file` integer NOT NULL,
	`expires_on` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`renovation_id`) REFERENCES `renovations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `renovation_passes_no` ON `renovation_passes` (`community_id`,`pass_no`);--> statement-breakpoint
CREATE INDEX `renovation_passes_renovation` ON `renovation_passes` (`renovation_id`);--> statement-breakpoint
CREATE INDEX `renovation_passes_id_number` ON `renovation_passes` (`community_id`,`id_number`);--> statement-breakpoint
CREATE TABLE `renovations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`app_no` text NOT NULL,
	`unit_id` integer NOT NULL,
	`applicant_kind` text NOT NULL,
	`applicant_name` text NOT NULL,
	`applicant_phone` text NOT NULL,
	`applicant_relation` text DEFAULT '' NOT NULL,
	`self_renovation` integer NOT NULL,
	`contractor_name` text DEFAULT '' NOT NULL,
	`contractor_licence` text DEFAULT '' NOT NULL,
	`contractor_phone` text DEFAULT '' NOT NULL,
	`planned_start` text NOT NULL,
	`planned_end` text NOT NULL,
	`scope` text NOT NULL,
	`wall_demolition` integer NOT NULL,
	`doc_design` integer DEFAULT false NOT NULL,
	`doc_construction` integer DEFAULT false NOT NULL,
	`doc_qualification` integer DEFAULT false NOT NULL,
	`doc_licence` integer DEFAULT false NOT NULL,
	`state` text DEFAULT 'submitted' NOT NULL,
	`wall_area_centi` integer DEFAULT 0 NOT NULL,
	`agreement_signed_at` integer,
	`fee_payment_id` integer,
	`permit_no` text,
	`permit_from` text,
	`permit_until` text,
	`created_by` integer NOT NULL,
	`idempotency_key` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `renovations_idempotency_key_unique` ON `renovations` (`idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `renovations_app_no` ON `renovations` (`community_id`,`app_no`);--> statement-breakpoint
CREATE UNIQUE INDEX `renovations_permit_no` ON `renovations` (`community_id`,`permit_no`);--> statement-breakpoint
CREATE UNIQUE INDEX `renovations_one_open` ON `renovations` (`unit_id`) WHERE state NOT IN ('rejected', 'closed');--> statement-breakpoint
CREATE INDEX `renovations_community_state` ON `renovations` (`community_id`,`state`);