-- Issue 21 · the staff directory: people, not logins, and where each one is (去向).
CREATE TABLE `directory_people` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`name` text NOT NULL,
	`work_no` text NOT NULL,
	`position` text DEFAULT '' NOT NULL,
	`department` text DEFAULT '' NOT NULL,
	`extension` text DEFAULT '' NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `directory_people_work_no` ON `directory_people` (`community_id`,`work_no`);--> statement-breakpoint
CREATE INDEX `directory_people_community` ON `directory_people` (`community_id`,`sort`);--> statement-breakpoint
CREATE TABLE `directory_presence` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`status` text NOT NULL,
	`until_ms` integer,
	`note` text DEFAULT '' NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `directory_people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `directory_presence_person` ON `directory_presence` (`person_id`,`created_at`);--> statement-breakpoint
-- A centre that upgrades keeps a wall: its active clerks and managers become directory entries
-- (name, work number, a position by role), which a manager then corrects. Admin accounts are not people on the wall.
INSERT OR IGNORE INTO `directory_people` (`community_id`, `name`, `work_no`, `position`, `sort`, `created_at`, `updated_at`)
	SELECT community_id, display_name, work_no, CASE role WHEN 'manager' THEN '客服主管' ELSE '客服专员' END,
		CASE role WHEN 'manager' THEN 10 ELSE 20 END, created_at, created_at
	FROM staff_users WHERE active = 1 AND role IN ('clerk', 'manager');
