-- Issue 22 · state several app instances share lives in the database, not in one process's memory. A community's settings version: bumped by triggers whenever its row or its dated setting changes are written (whoever writes them), so every instance notices a save with one primary-key read per request. Files staged between an import's preview and its confirm, and the progress of a preview being checked.
ALTER TABLE `communities` ADD `settings_version` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
CREATE TRIGGER `communities_settings_version` AFTER UPDATE OF `code`, `name`, `centre_name`, `time_zone`, `settings` ON `communities`
BEGIN
	UPDATE `communities` SET `settings_version` = `settings_version` + 1 WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `setting_changes_settings_version` AFTER INSERT ON `setting_changes`
BEGIN
	UPDATE `communities` SET `settings_version` = `settings_version` + 1 WHERE `id` = NEW.`community_id`;
END;
--> statement-breakpoint
CREATE TABLE `import_staged` (
	`token` text PRIMARY KEY NOT NULL,
	`community_id` integer NOT NULL,
	`actor_id` integer NOT NULL,
	`bytes` blob NOT NULL,
	`file_name` text NOT NULL,
	`encoding` text,
	`kind` text NOT NULL,
	`digest` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `import_staged_expiry` ON `import_staged` (`expires_at`);--> statement-breakpoint
CREATE INDEX `import_staged_community` ON `import_staged` (`community_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `import_progress` (
	`job` text PRIMARY KEY NOT NULL,
	`actor_id` integer NOT NULL,
	`phase` text NOT NULL,
	`done` integer NOT NULL,
	`total` integer NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `import_progress_at` ON `import_progress` (`at`);
