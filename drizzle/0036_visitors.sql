-- Issue 21 · visitors (访客登记), insert-only with their leaving as an event; ID numbers kept masked plus a hash.
CREATE TABLE `visitors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`slip_no` text NOT NULL,
	`token` text NOT NULL,
	`name` text NOT NULL,
	`id_type` text NOT NULL,
	`id_masked` text NOT NULL,
	`id_hash` text NOT NULL,
	`unit_id` integer NOT NULL,
	`host_name` text NOT NULL,
	`purpose` text NOT NULL,
	`party_size` integer NOT NULL,
	`confirm_phone` text NOT NULL,
	`confirm_answered_by` text NOT NULL,
	`in_at` integer NOT NULL,
	`valid_until` integer NOT NULL,
	`form_key` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `visitors_form_key` ON `visitors` (`community_id`,`form_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `visitors_slip_no` ON `visitors` (`community_id`,`slip_no`);--> statement-breakpoint
CREATE UNIQUE INDEX `visitors_token` ON `visitors` (`token`);--> statement-breakpoint
CREATE INDEX `visitors_community_in` ON `visitors` (`community_id`,`in_at`);--> statement-breakpoint
CREATE INDEX `visitors_community_id_hash` ON `visitors` (`community_id`,`id_hash`);--> statement-breakpoint
CREATE TABLE `visitor_exits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`visitor_id` integer NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`visitor_id`) REFERENCES `visitors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `visitor_exits_visitor` ON `visitor_exits` (`visitor_id`);
