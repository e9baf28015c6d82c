-- Issue 22 · kiosks and hall displays as paired devices: the device (its token's hash, its current pairing code, when last seen) and its pairings and their revocations as insert-only events.
CREATE TABLE `kiosk_devices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`kind` text DEFAULT 'kiosk' NOT NULL,
	`pairing_code` text,
	`code_expires_at` integer,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kiosk_devices_token_hash` ON `kiosk_devices` (`token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `kiosk_devices_pairing_code` ON `kiosk_devices` (`pairing_code`);--> statement-breakpoint
CREATE TABLE `kiosk_device_pairings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`device_id` integer NOT NULL,
	`community_id` integer NOT NULL,
	`name` text NOT NULL,
	`paired_by` integer NOT NULL,
	`paired_at` integer NOT NULL,
	FOREIGN KEY (`device_id`) REFERENCES `kiosk_devices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`paired_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `kiosk_device_pairings_device` ON `kiosk_device_pairings` (`device_id`);--> statement-breakpoint
CREATE INDEX `kiosk_device_pairings_community` ON `kiosk_device_pairings` (`community_id`);--> statement-breakpoint
CREATE TABLE `kiosk_device_revocations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pairing_id` integer NOT NULL,
	`revoked_by` integer NOT NULL,
	`revoked_at` integer NOT NULL,
	FOREIGN KEY (`pairing_id`) REFERENCES `kiosk_device_pairings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`revoked_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kiosk_device_revocations_pairing` ON `kiosk_device_revocations` (`pairing_id`);
