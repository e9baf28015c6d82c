CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer,
	`actor_id` integer,
	`actor_kind` text DEFAULT 'staff' NOT NULL,
	`action` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text NOT NULL,
	`detail` text DEFAULT '{}' NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_target` ON `audit_log` (`target_type`,`target_id`);--> statement-breakpoint
CREATE INDEX `audit_community_at` ON `audit_log` (`community_id`,`at`);--> statement-breakpoint
CREATE TABLE `communities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`centre_name` text NOT NULL,
	`time_zone` text DEFAULT 'Asia/Shanghai' NOT NULL,
	`settings` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `communities_code_unique` ON `communities` (`code`);--> statement-breakpoint
CREATE TABLE `login_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bucket` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_attempts_bucket_at` ON `login_attempts` (`bucket`,`at`);--> statement-breakpoint
CREATE TABLE `owners` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`name` text NOT NULL,
	`phone` text NOT NULL,
	`id_type` text DEFAULT 'id_card' NOT NULL,
	`id_number` text DEFAULT '' NOT NULL,
	`owner_type` text DEFAULT 'individual' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `owners_community_name` ON `owners` (`community_id`,`name`);--> statement-breakpoint
CREATE INDEX `owners_community_phone` ON `owners` (`community_id`,`phone`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`secret_hash` text NOT NULL,
	`kind` text NOT NULL,
	`user_id` integer,
	`unit_id` integer,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `staff_users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`work_no` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_users_username_unique` ON `staff_users` (`username`);--> statement-breakpoint
CREATE TABLE `unit_owners` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`owner_id` integer NOT NULL,
	`role` text DEFAULT 'owner' NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `owners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `unit_owners_unique` ON `unit_owners` (`unit_id`,`owner_id`);--> statement-breakpoint
CREATE INDEX `unit_owners_owner` ON `unit_owners` (`owner_id`);--> statement-breakpoint
CREATE TABLE `units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`building` text NOT NULL,
	`entrance` text NOT NULL,
	`room` text NOT NULL,
	`code` text NOT NULL,
	`area_centi` integer NOT NULL,
	`occupancy` text DEFAULT 'not_handed_over' NOT NULL,
	`handover_notice_date` text,
	`parking_spaces` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_community_code` ON `units` (`community_id`,`code`);--> statement-breakpoint
CREATE TABLE `bills` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`fee_item_id` integer NOT NULL,
	`month` text NOT NULL,
	`due_date` text NOT NULL,
	`principal_fen` integer NOT NULL,
	`full_fen` integer NOT NULL,
	`vacancy_percent` integer DEFAULT 100 NOT NULL,
	`rate_fen` integer NOT NULL,
	`source` text DEFAULT 'monthly' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`fee_item_id`) REFERENCES `fee_items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bills_unit_item_month` ON `bills` (`unit_id`,`fee_item_id`,`month`);--> statement-breakpoint
CREATE INDEX `bills_community_month` ON `bills` (`community_id`,`month`);--> statement-breakpoint
CREATE TABLE `fee_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`code` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`basis` text NOT NULL,
	`vacancy_applies` integer DEFAULT false NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `fee_items_community_code` ON `fee_items` (`community_id`,`code`);--> statement-breakpoint
CREATE TABLE `fee_rates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`fee_item_id` integer NOT NULL,
	`from_month` text NOT NULL,
	`rate_fen` integer NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`fee_item_id`) REFERENCES `fee_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `fee_rates_item_month` ON `fee_rates` (`fee_item_id`,`from_month`);--> statement-breakpoint
CREATE TABLE `payment_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`payment_id` integer NOT NULL,
	`kind` text NOT NULL,
	`bill_id` integer,
	`item_code` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`ref_type` text,
	`ref_id` integer,
	`amount_fen` integer NOT NULL,
	`detail` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bill_id`) REFERENCES `bills`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `payment_lines_payment` ON `payment_lines` (`payment_id`);--> statement-breakpoint
CREATE INDEX `payment_lines_bill` ON `payment_lines` (`bill_id`);--> statement-breakpoint
CREATE INDEX `payment_lines_ref` ON `payment_lines` (`ref_type`,`ref_id`);--> statement-breakpoint
CREATE TABLE `payment_voids` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`payment_id` integer NOT NULL,
	`reason` text NOT NULL,
	`voided_by` integer NOT NULL,
	`local_date` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`voided_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payment_voids_payment_id_unique` ON `payment_voids` (`payment_id`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`receipt_no` text NOT NULL,
	`receipt_year` integer NOT NULL,
	`receipt_seq` integer NOT NULL,
	`purpose` text NOT NULL,
	`unit_id` integer,
	`payer_name` text NOT NULL,
	`method` text NOT NULL,
	`method_ref` text DEFAULT '' NOT NULL,
	`bank` text DEFAULT '' NOT NULL,
	`total_fen` integer NOT NULL,
	`tendered_fen` integer,
	`change_fen` integer,
	`cashier_id` integer NOT NULL,
	`idempotency_key` text NOT NULL,
	`verify_code` text NOT NULL,
	`local_date` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cashier_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payments_receipt_no_unique` ON `payments` (`receipt_no`);--> statement-breakpoint
CREATE UNIQUE INDEX `payments_idempotency_key_unique` ON `payments` (`idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `payments_verify_code_unique` ON `payments` (`verify_code`);--> statement-breakpoint
CREATE UNIQUE INDEX `payments_receipt_seq` ON `payments` (`community_id`,`receipt_year`,`receipt_seq`);--> statement-breakpoint
CREATE INDEX `payments_community_date` ON `payments` (`community_id`,`local_date`);--> statement-breakpoint
CREATE INDEX `payments_unit` ON `payments` (`unit_id`);--> statement-breakpoint
CREATE TABLE `receipt_prints` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`payment_id` integer NOT NULL,
	`printed_by` integer NOT NULL,
	`format` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`printed_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `receipt_prints_payment` ON `receipt_prints` (`payment_id`);