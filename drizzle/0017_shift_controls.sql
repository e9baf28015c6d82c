ALTER TABLE `shift_closes` ADD `cheque_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `shift_closes` ADD `cheque_fen` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `shift_closes` ADD `cheque_counted_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `shift_closes` ADD `cheque_counted_fen` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `shift_closes` ADD `card_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `shift_closes` ADD `card_fen` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `shift_closes` ADD `card_counted_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `shift_closes` ADD `card_counted_fen` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE TABLE `shift_acknowledgements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`shift_id` integer NOT NULL,
	`community_id` integer NOT NULL,
	`manager_id` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`acknowledged_at` integer NOT NULL,
	`idempotency_key` text NOT NULL,
	FOREIGN KEY (`shift_id`) REFERENCES `cashier_shifts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`manager_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shift_acknowledgements_idempotency_key_unique` ON `shift_acknowledgements` (`idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `shift_acknowledgements_shift` ON `shift_acknowledgements` (`shift_id`);
