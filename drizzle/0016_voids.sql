ALTER TABLE `payment_voids` ADD `reason_category` text;--> statement-breakpoint
ALTER TABLE `payments` ADD `request_hash` text;--> statement-breakpoint
ALTER TABLE `waiver_entries` ADD `reverses_id` integer REFERENCES waiver_entries(id);--> statement-breakpoint
ALTER TABLE `waiver_entries` ADD `void_id` integer REFERENCES payment_voids(id);
