-- Issue 22 (first slice) · head office: staff in several communities, the session's current community,
-- company admins and the read-only head-office role (staff_users.role 'head_office').
CREATE TABLE `staff_memberships` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`community_id` integer NOT NULL,
	`role` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_memberships_user_community` ON `staff_memberships` (`user_id`,`community_id`);--> statement-breakpoint
CREATE INDEX `staff_memberships_community` ON `staff_memberships` (`community_id`);--> statement-breakpoint
ALTER TABLE `staff_users` ADD `company_admin` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `community_id` integer REFERENCES communities(id);--> statement-breakpoint
-- A centre that ran alone: its admins are the company's admins (someone must be able to add a centre).
UPDATE `staff_users` SET `company_admin` = 1 WHERE `role` = 'admin' AND `active` = 1 AND `community_id` = (SELECT min(`id`) FROM `communities`);
--> statement-breakpoint
-- Receipt numbers (SF-YYYY-NNNNNN) are consecutive per community and year: unique per community, so a
-- second community's first receipt no longer collides with the first community's.
DROP INDEX `payments_receipt_no_unique`;--> statement-breakpoint
CREATE UNIQUE INDEX `payments_community_receipt_no` ON `payments` (`community_id`,`receipt_no`);
