-- Issue 19 · speed of posting a payment. In 0024 every payment line, credit and waiver re-derived its
-- bill's settlement from the ledger (the views below: five subqueries, each a range read of the bill's
-- lines, and `NOT IN (SELECT payment_id FROM payment_voids)`, materialised over every void each time):
-- ≈ 6 ms on a counter payment of 13 bills. Now `open_bills` keeps the bill's running settlement, and
-- the line, credit and waiver triggers add the row's amount to it and test the row alone. What can
-- lower a settlement (a void, a waiver reversal) still re-derives it from the ledger through
-- `bill_settlement` (now `NOT EXISTS` on the voids' unique index), so every row present agrees with
-- the ledger: written from it, or moved by the same ledger row in the same transaction.
-- The meaning of settled is unchanged (0024): principal paid or credited in full by payments not
-- voided, and either settled by its due date or the late fee of its last late-fee line (by date,
-- then line) paid on or after the principal's last posting, paid and waived in full.
DROP VIEW `settled_bills`;--> statement-breakpoint
DROP VIEW `bill_settlement`;--> statement-breakpoint
CREATE VIEW `bill_settlement` AS
	SELECT b.id AS bill_id, b.due_date, b.principal_fen,
		COALESCE((SELECT SUM(pp.amount_fen) FROM principal_postings pp WHERE pp.bill_id = b.id
			AND NOT EXISTS (SELECT 1 FROM payment_voids v WHERE v.payment_id = pp.payment_id)), 0) AS settled_fen,
		(SELECT MAX(pp.posted_date) FROM principal_postings pp WHERE pp.bill_id = b.id
			AND NOT EXISTS (SELECT 1 FROM payment_voids v WHERE v.payment_id = pp.payment_id)) AS last_date,
		COALESCE((SELECT SUM(pl.amount_fen) FROM payment_lines pl WHERE pl.bill_id = b.id AND pl.kind = 'late_fee'
			AND NOT EXISTS (SELECT 1 FROM payment_voids v WHERE v.payment_id = pl.payment_id)), 0)
			+ COALESCE((SELECT SUM(w.amount_fen) FROM waiver_entries w WHERE w.bill_id = b.id), 0) AS late_settled_fen,
		(SELECT json_extract(pl.detail, '$.lateFeeFen') FROM payment_lines pl JOIN payments p ON p.id = pl.payment_id
			WHERE pl.bill_id = b.id AND pl.kind = 'late_fee'
			AND NOT EXISTS (SELECT 1 FROM payment_voids v WHERE v.payment_id = pl.payment_id)
			ORDER BY p.local_date DESC, pl.id DESC LIMIT 1) AS last_fee_fen,
		(SELECT MAX(p.local_date) FROM payment_lines pl JOIN payments p ON p.id = pl.payment_id
			WHERE pl.bill_id = b.id AND pl.kind = 'late_fee'
			AND NOT EXISTS (SELECT 1 FROM payment_voids v WHERE v.payment_id = pl.payment_id)) AS last_fee_date
	FROM bills b;
--> statement-breakpoint
-- Settled, on bill_settlement's columns (open_bills_settled below tests the same on the running ones).
CREATE VIEW `settled_bills` AS
	SELECT bill_id FROM bill_settlement
	WHERE settled_fen >= principal_fen
		AND (last_date IS NULL OR last_date <= due_date
			OR (last_fee_fen IS NOT NULL AND last_fee_date >= last_date AND late_settled_fen >= last_fee_fen));
--> statement-breakpoint
ALTER TABLE `open_bills` ADD `settled_fen` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `open_bills` ADD `last_date` text;--> statement-breakpoint
ALTER TABLE `open_bills` ADD `late_settled_fen` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `open_bills` ADD `last_fee_fen` integer;--> statement-breakpoint
ALTER TABLE `open_bills` ADD `last_fee_date` text;--> statement-breakpoint
-- Untouched rows settle nothing yet (the defaults); the others from the ledger.
UPDATE `open_bills` SET (`settled_fen`, `last_date`, `late_settled_fen`, `last_fee_fen`, `last_fee_date`) =
	(SELECT s.settled_fen, s.last_date, s.late_settled_fen, s.last_fee_fen, s.last_fee_date
		FROM bill_settlement s WHERE s.bill_id = open_bills.bill_id)
	WHERE `touched` = 1;
--> statement-breakpoint
CREATE VIEW `open_bills_settled` AS
	SELECT bill_id FROM open_bills
	WHERE settled_fen >= principal_fen
		AND (last_date IS NULL OR last_date <= due_date
			OR (last_fee_fen IS NOT NULL AND last_fee_date >= last_date AND late_settled_fen >= last_fee_fen));
--> statement-breakpoint
DROP TRIGGER `open_bills_line`;--> statement-breakpoint
DROP TRIGGER `open_bills_credit`;--> statement-breakpoint
DROP TRIGGER `open_bills_waiver`;--> statement-breakpoint
DROP TRIGGER `open_bills_void`;--> statement-breakpoint
-- A principal line moves the settled sum and the last date; a late-fee line the late fee settled and,
-- being the latest by date then id when dated on or after the last one, the last fee.
CREATE TRIGGER `open_bills_line` AFTER INSERT ON `payment_lines` WHEN NEW.bill_id IS NOT NULL BEGIN
	INSERT INTO principal_postings (community_id, bill_id, unit_id, fee_item_id, bill_month, posted_date, kind, amount_fen, payment_id)
		SELECT b.community_id, b.id, b.unit_id, b.fee_item_id, b.month, p.local_date, 'payment', NEW.amount_fen, NEW.payment_id
		FROM bills b JOIN payments p ON p.id = NEW.payment_id WHERE b.id = NEW.bill_id AND NEW.kind = 'principal';
	-- touched on its own: setting an indexed column rewrites the index entry, and only the first line changes it.
	UPDATE open_bills SET touched = 1 WHERE bill_id = NEW.bill_id AND touched = 0;
	UPDATE open_bills SET settled_fen = settled_fen + CASE WHEN NEW.kind = 'principal' THEN NEW.amount_fen ELSE 0 END,
		last_date = CASE WHEN NEW.kind = 'principal' AND (last_date IS NULL OR last_date < p.local_date) THEN p.local_date ELSE last_date END,
		late_settled_fen = late_settled_fen + CASE WHEN NEW.kind = 'late_fee' THEN NEW.amount_fen ELSE 0 END,
		last_fee_fen = CASE WHEN NEW.kind = 'late_fee' AND (last_fee_date IS NULL OR last_fee_date <= p.local_date)
			THEN json_extract(NEW.detail, '$.lateFeeFen') ELSE last_fee_fen END,
		last_fee_date = CASE WHEN NEW.kind = 'late_fee' AND (last_fee_date IS NULL OR last_fee_date < p.local_date)
			THEN p.local_date ELSE last_fee_date END
		FROM (SELECT local_date FROM payments WHERE id = NEW.payment_id) AS p
		WHERE bill_id = NEW.bill_id;
	DELETE FROM open_bills WHERE bill_id = NEW.bill_id AND bill_id IN (SELECT bill_id FROM open_bills_settled WHERE bill_id = NEW.bill_id);
END;
--> statement-breakpoint
CREATE TRIGGER `open_bills_credit` AFTER INSERT ON `vacancy_credits` BEGIN
	INSERT INTO principal_postings (community_id, bill_id, unit_id, fee_item_id, bill_month, posted_date, kind, amount_fen, payment_id)
		SELECT b.community_id, b.id, b.unit_id, b.fee_item_id, b.month, NEW.local_date, 'credit', NEW.amount_fen, NULL
		FROM bills b WHERE b.id = NEW.bill_id;
	UPDATE open_bills SET touched = 1 WHERE bill_id = NEW.bill_id AND touched = 0;
	UPDATE open_bills SET settled_fen = settled_fen + NEW.amount_fen,
		last_date = CASE WHEN last_date IS NULL OR last_date < NEW.local_date THEN NEW.local_date ELSE last_date END
		WHERE bill_id = NEW.bill_id;
	DELETE FROM open_bills WHERE bill_id = NEW.bill_id AND bill_id IN (SELECT bill_id FROM open_bills_settled WHERE bill_id = NEW.bill_id);
END;
--> statement-breakpoint
-- A reversal (negative) puts a settled bill back, its settlement read from the ledger (the new row included).
CREATE TRIGGER `open_bills_waiver` AFTER INSERT ON `waiver_entries` BEGIN
	UPDATE open_bills SET touched = 1 WHERE bill_id = NEW.bill_id AND touched = 0;
	UPDATE open_bills SET late_settled_fen = late_settled_fen + NEW.amount_fen WHERE bill_id = NEW.bill_id;
	INSERT OR IGNORE INTO open_bills (bill_id, community_id, unit_id, due_date, fee_item_id, month, principal_fen, touched,
			settled_fen, last_date, late_settled_fen, last_fee_fen, last_fee_date)
		SELECT b.id, b.community_id, b.unit_id, b.due_date, b.fee_item_id, b.month, b.principal_fen, 1,
			s.settled_fen, s.last_date, s.late_settled_fen, s.last_fee_fen, s.last_fee_date
		FROM bills b JOIN bill_settlement s ON s.bill_id = b.id WHERE b.id = NEW.bill_id AND NEW.amount_fen < 0;
	DELETE FROM open_bills WHERE bill_id = NEW.bill_id AND NEW.amount_fen >= 0
		AND bill_id IN (SELECT bill_id FROM open_bills_settled WHERE bill_id = NEW.bill_id);
END;
--> statement-breakpoint
-- A void puts every bill of the payment back (or re-derives its row), its settlement without the voided lines.
CREATE TRIGGER `open_bills_void` AFTER INSERT ON `payment_voids` BEGIN
	INSERT INTO open_bills (bill_id, community_id, unit_id, due_date, fee_item_id, month, principal_fen, touched,
			settled_fen, last_date, late_settled_fen, last_fee_fen, last_fee_date)
		SELECT b.id, b.community_id, b.unit_id, b.due_date, b.fee_item_id, b.month, b.principal_fen, 1,
			s.settled_fen, s.last_date, s.late_settled_fen, s.last_fee_fen, s.last_fee_date
		FROM bills b JOIN bill_settlement s ON s.bill_id = b.id
		WHERE b.id IN (SELECT pl.bill_id FROM payment_lines pl WHERE pl.payment_id = NEW.payment_id)
		ON CONFLICT (bill_id) DO UPDATE SET touched = 1, settled_fen = excluded.settled_fen, last_date = excluded.last_date,
			late_settled_fen = excluded.late_settled_fen, last_fee_fen = excluded.last_fee_fen, last_fee_date = excluded.last_fee_date;
END;
