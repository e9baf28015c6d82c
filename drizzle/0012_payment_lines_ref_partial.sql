DROP INDEX `payment_lines_ref`;--> statement-breakpoint
CREATE INDEX `payment_lines_ref` ON `payment_lines` (`ref_type`,`ref_id`) WHERE "payment_lines"."ref_type" IS NOT NULL;