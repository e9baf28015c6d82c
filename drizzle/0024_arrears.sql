-- Issue 19 · arrears register, collection rate and reminders.
--
-- `open_bills` is an index kept by triggers, not a cache: every bill that may still owe principal or
-- late fee has a row, written in the same transaction as the ledger row that opens or settles it, so
-- it can never disagree with the ledger. A bill leaves it only when provably settled (principal paid
-- or credited in full by payments not voided, and either settled by its due date or its late fee paid
-- and waived up to the fee of its last late-fee line); a void or a waiver reversal puts it back.
-- Rows that stay although nothing is owed (e.g. a late fee waived without a late-fee line) are
-- harmless: the register works every figure out from the ledger and drops bills that owe nothing.
-- `touched` = some payment, credit or waiver names the bill (untouched bills owe their whole principal).
-- The bill's columns the register needs are copied in and covered by one index ordered by due date,
-- so the register reads one contiguous range of the index instead of a page per bill.
CREATE TABLE `open_bills` (
	`bill_id` integer PRIMARY KEY NOT NULL,
	`community_id` integer NOT NULL,
	`due_date` text NOT NULL,
	`unit_id` integer NOT NULL,
	`fee_item_id` integer NOT NULL,
	`month` text NOT NULL,
	`principal_fen` integer NOT NULL,
	`touched` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`bill_id`) REFERENCES `bills`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `open_bills_range` ON `open_bills` (`community_id`,`due_date`,`unit_id`,`fee_item_id`,`month`,`principal_fen`,`touched`);--> statement-breakpoint
-- Principal postings: each principal payment line and each 空置减免 credit, with its bill's month and
-- its own date, so the collection rate sums a period from one index instead of joining every line to
-- its payment and bill. Insert-only, written by triggers in the same transaction as its source row.
CREATE TABLE `principal_postings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`bill_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`fee_item_id` integer NOT NULL,
	`bill_month` text NOT NULL,
	`posted_date` text NOT NULL,
	`kind` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`payment_id` integer,
	FOREIGN KEY (`bill_id`) REFERENCES `bills`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `principal_postings_month` ON `principal_postings` (`community_id`,`bill_month`,`posted_date`,`unit_id`,`fee_item_id`,`kind`,`amount_fen`);--> statement-breakpoint
CREATE INDEX `principal_postings_date` ON `principal_postings` (`community_id`,`posted_date`,`bill_month`,`unit_id`,`fee_item_id`,`kind`,`amount_fen`);--> statement-breakpoint
CREATE INDEX `principal_postings_bill` ON `principal_postings` (`bill_id`);--> statement-breakpoint
CREATE INDEX `principal_postings_payment` ON `principal_postings` (`payment_id`) WHERE `payment_id` IS NOT NULL;--> statement-breakpoint
-- 应收 of a period from the index alone.
CREATE INDEX `bills_community_month_amount` ON `bills` (`community_id`,`month`,`unit_id`,`fee_item_id`,`principal_fen`);--> statement-breakpoint
CREATE TABLE `arrears_reminders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`kind` text NOT NULL,
	`outcome` text NOT NULL,
	`promised_date` text,
	`note` text DEFAULT '' NOT NULL,
	`owing_fen` integer NOT NULL,
	`oldest_month` text,
	`months` integer NOT NULL,
	`form_key` text NOT NULL,
	`created_by` integer NOT NULL,
	`local_date` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `arrears_reminders_form_unit` ON `arrears_reminders` (`form_key`,`unit_id`);--> statement-breakpoint
CREATE INDEX `arrears_reminders_unit` ON `arrears_reminders` (`unit_id`,`id`);--> statement-breakpoint
CREATE INDEX `arrears_reminders_community_date` ON `arrears_reminders` (`community_id`,`local_date`);--> statement-breakpoint
-- Backfill from the ledger as it stands.
INSERT INTO `principal_postings` (`community_id`, `bill_id`, `unit_id`, `fee_item_id`, `bill_month`, `posted_date`, `kind`, `amount_fen`, `payment_id`)
	SELECT b.community_id, b.id, b.unit_id, b.fee_item_id, b.month, p.local_date, 'payment', pl.amount_fen, pl.payment_id
	FROM payment_lines pl JOIN payments p ON p.id = pl.payment_id JOIN bills b ON b.id = pl.bill_id
	WHERE pl.kind = 'principal' ORDER BY pl.id;
--> statement-breakpoint
INSERT INTO `principal_postings` (`community_id`, `bill_id`, `unit_id`, `fee_item_id`, `bill_month`, `posted_date`, `kind`, `amount_fen`, `payment_id`)
	SELECT b.community_id, b.id, b.unit_id, b.fee_item_id, b.month, c.local_date, 'credit', c.amount_fen, NULL
	FROM vacancy_credits c JOIN bills b ON b.id = c.bill_id ORDER BY c.id;
--> statement-breakpoint
CREATE VIEW `bill_settlement` AS
	SELECT b.id AS bill_id, b.due_date, b.principal_fen,
		COALESCE((SELECT SUM(pp.amount_fen) FROM principal_postings pp WHERE pp.bill_id = b.id
			AND (pp.payment_id IS NULL OR pp.payment_id NOT IN (SELECT payment_id FROM payment_voids))), 0) AS settled_fen,
		(SELECT MAX(pp.posted_date) FROM principal_postings pp WHERE pp.bill_id = b.id
			AND (pp.payment_id IS NULL OR pp.payment_id NOT IN (SELECT payment_id FROM payment_voids))) AS last_date,
		COALESCE((SELECT SUM(pl.amount_fen) FROM payment_lines pl WHERE pl.bill_id = b.id AND pl.kind = 'late_fee'
			AND pl.payment_id NOT IN (SELECT payment_id FROM payment_voids)), 0)
			+ COALESCE((SELECT SUM(w.amount_fen) FROM waiver_entries w WHERE w.bill_id = b.id), 0) AS late_settled_fen,
		(SELECT json_extract(pl.detail, '$.lateFeeFen') FROM payment_lines pl JOIN payments p ON p.id = pl.payment_id
			WHERE pl.bill_id = b.id AND pl.kind = 'late_fee' AND pl.payment_id NOT IN (SELECT payment_id FROM payment_voids)
			ORDER BY p.local_date DESC, pl.id DESC LIMIT 1) AS last_fee_fen,
		(SELECT MAX(p.local_date) FROM payment_lines pl JOIN payments p ON p.id = pl.payment_id
			WHERE pl.bill_id = b.id AND pl.kind = 'late_fee' AND pl.payment_id NOT IN (SELECT payment_id FROM payment_voids)) AS last_fee_date
	FROM bills b;
--> statement-breakpoint
-- Settled: principal paid or credited in full, and either on time (no late fee) or the late fee of
-- its last late-fee line (paid on or after the principal was settled, so the fee was fixed) paid and waived.
CREATE VIEW `settled_bills` AS
	SELECT bill_id FROM bill_settlement
	WHERE settled_fen >= principal_fen
		AND (last_date IS NULL OR last_date <= due_date
			OR (last_fee_fen IS NOT NULL AND last_fee_date >= last_date AND late_settled_fen >= last_fee_fen));
--> statement-breakpoint
INSERT INTO `open_bills` (`bill_id`, `community_id`, `unit_id`, `due_date`, `fee_item_id`, `month`, `principal_fen`, `touched`)
	SELECT b.id, b.community_id, b.unit_id, b.due_date, b.fee_item_id, b.month, b.principal_fen,
		EXISTS (SELECT 1 FROM payment_lines pl WHERE pl.bill_id = b.id) OR EXISTS (SELECT 1 FROM vacancy_credits c WHERE c.bill_id = b.id)
			OR EXISTS (SELECT 1 FROM waiver_entries w WHERE w.bill_id = b.id)
	FROM bills b WHERE b.id NOT IN (SELECT bill_id FROM settled_bills);
--> statement-breakpoint
CREATE TRIGGER `open_bills_bill` AFTER INSERT ON `bills` BEGIN
	INSERT INTO open_bills (bill_id, community_id, unit_id, due_date, fee_item_id, month, principal_fen)
		VALUES (NEW.id, NEW.community_id, NEW.unit_id, NEW.due_date, NEW.fee_item_id, NEW.month, NEW.principal_fen);
END;
--> statement-breakpoint
CREATE TRIGGER `open_bills_line` AFTER INSERT ON `payment_lines` WHEN NEW.bill_id IS NOT NULL BEGIN
	INSERT INTO principal_postings (community_id, bill_id, unit_id, fee_item_id, bill_month, posted_date, kind, amount_fen, payment_id)
		SELECT b.community_id, b.id, b.unit_id, b.fee_item_id, b.month, p.local_date, 'payment', NEW.amount_fen, NEW.payment_id
		FROM bills b JOIN payments p ON p.id = NEW.payment_id WHERE b.id = NEW.bill_id AND NEW.kind = 'principal';
	UPDATE open_bills SET touched = 1 WHERE bill_id = NEW.bill_id AND touched = 0;
	DELETE FROM open_bills WHERE bill_id = NEW.bill_id AND bill_id IN (SELECT bill_id FROM settled_bills WHERE bill_id = NEW.bill_id);
END;
--> statement-breakpoint
CREATE TRIGGER `open_bills_credit` AFTER INSERT ON `vacancy_credits` BEGIN
	INSERT INTO principal_postings (community_id, bill_id, unit_id, fee_item_id, bill_month, posted_date, kind, amount_fen, payment_id)
		SELECT b.community_id, b.id, b.unit_id, b.fee_item_id, b.month, NEW.local_date, 'credit', NEW.amount_fen, NULL
		FROM bills b WHERE b.id = NEW.bill_id;
	UPDATE open_bills SET touched = 1 WHERE bill_id = NEW.bill_id AND touched = 0;
	DELETE FROM open_bills WHERE bill_id = NEW.bill_id AND bill_id IN (SELECT bill_id FROM settled_bills WHERE bill_id = NEW.bill_id);
END;
--> statement-breakpoint
CREATE TRIGGER `open_bills_waiver` AFTER INSERT ON `waiver_entries` BEGIN
	INSERT OR IGNORE INTO open_bills (bill_id, community_id, unit_id, due_date, fee_item_id, month, principal_fen, touched)
		SELECT b.id, b.community_id, b.unit_id, b.due_date, b.fee_item_id, b.month, b.principal_fen, 1 FROM bills b
		WHERE b.id = NEW.bill_id AND NEW.amount_fen < 0;
	UPDATE open_bills SET touched = 1 WHERE bill_id = NEW.bill_id AND touched = 0;
	DELETE FROM open_bills WHERE bill_id = NEW.bill_id AND NEW.amount_fen >= 0
		AND bill_id IN (SELECT bill_id FROM settled_bills WHERE bill_id = NEW.bill_id);
END;
--> statement-breakpoint
CREATE TRIGGER `open_bills_void` AFTER INSERT ON `payment_voids` BEGIN
	INSERT OR IGNORE INTO open_bills (bill_id, community_id, unit_id, due_date, fee_item_id, month, principal_fen, touched)
		SELECT b.id, b.community_id, b.unit_id, b.due_date, b.fee_item_id, b.month, b.principal_fen, 1
		FROM payment_lines pl JOIN bills b ON b.id = pl.bill_id WHERE pl.payment_id = NEW.payment_id;
END;
