-- Issue 21 · appointments (预约): team slot plans by version, bookings and their outcome as an event, all insert-only.
CREATE TABLE `appointment_plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`team` text NOT NULL,
	`from_date` text NOT NULL,
	`slots` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `appointment_plans_team` ON `appointment_plans` (`community_id`,`team`,`from_date`);--> statement-breakpoint
CREATE TABLE `appointments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`team` text NOT NULL,
	`unit_id` integer NOT NULL,
	`day` text NOT NULL,
	`slot_start` text NOT NULL,
	`slot_end` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`contact` text NOT NULL,
	`phone` text NOT NULL,
	`what` text NOT NULL,
	`ticket_id` integer,
	`renovation_id` integer,
	`movein_case_id` integer,
	`form_key` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`renovation_id`) REFERENCES `renovations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`movein_case_id`) REFERENCES `movein_cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `appointments_form_key` ON `appointments` (`community_id`,`form_key`);--> statement-breakpoint
CREATE INDEX `appointments_slot` ON `appointments` (`community_id`,`team`,`day`,`slot_start`);--> statement-breakpoint
CREATE INDEX `appointments_community_ends` ON `appointments` (`community_id`,`ends_at`);--> statement-breakpoint
CREATE INDEX `appointments_unit` ON `appointments` (`unit_id`,`ends_at`);--> statement-breakpoint
CREATE TABLE `appointment_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`appointment_id` integer NOT NULL,
	`outcome` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`appointment_id`) REFERENCES `appointments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `appointment_events_appointment` ON `appointment_events` (`appointment_id`);
