-- PostgreSQL only (issue 22, payment speed): `open_bills_line` runs once per INSERT statement on
-- payment_lines instead of once per row. A payment inserts its lines 32 to a statement, and the
-- row trigger ran four statements per line (≈ 0.13 ms a line in the bench's community: 31 ms of
-- the 240 lines of a 120-bill payment). Same result as the row trigger of drizzle/0024 and 0026 for the app's inserts
-- (each statement holds lines of one payment): per bill, principal and late-fee amounts summed,
-- `last_date` the latest principal date, `last_fee_fen` the fee of the last late-fee line of the
-- latest date when that date is not before the one recorded; then settled bills leave open_bills.
-- SQLite keeps its row trigger; the shape test compares name, table, timing and event.
DROP TRIGGER open_bills_line ON payment_lines;
DROP FUNCTION open_bills_line();

CREATE FUNCTION open_bills_line() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO principal_postings (community_id, bill_id, unit_id, fee_item_id, bill_month, posted_date, kind, amount_fen, payment_id)
		SELECT b.community_id, b.id, b.unit_id, b.fee_item_id, b.month, p.local_date, 'payment', n.amount_fen, n.payment_id
		FROM new_lines n JOIN bills b ON b.id = n.bill_id JOIN payments p ON p.id = n.payment_id
		WHERE n.kind = 'principal'
		ORDER BY n.id;
	-- One update per bill, so `touched` (indexed) goes with the amounts: the row trigger set it on
	-- its own, as only a bill's first line changes it.
	UPDATE open_bills o SET touched = 1,
		settled_fen = o.settled_fen + s.principal_fen,
		last_date = CASE WHEN s.principal_date IS NOT NULL AND (o.last_date IS NULL OR o.last_date < s.principal_date)
			THEN s.principal_date ELSE o.last_date END,
		late_settled_fen = o.late_settled_fen + s.late_fen,
		last_fee_fen = CASE WHEN s.fee_date IS NOT NULL AND (o.last_fee_date IS NULL OR o.last_fee_date <= s.fee_date)
			THEN s.fee_fen ELSE o.last_fee_fen END,
		last_fee_date = CASE WHEN s.fee_date IS NOT NULL AND (o.last_fee_date IS NULL OR o.last_fee_date < s.fee_date)
			THEN s.fee_date ELSE o.last_fee_date END
		FROM (
			SELECT n.bill_id,
				SUM(CASE WHEN n.kind = 'principal' THEN n.amount_fen ELSE 0 END) AS principal_fen,
				MAX(CASE WHEN n.kind = 'principal' THEN p.local_date END) AS principal_date,
				SUM(CASE WHEN n.kind = 'late_fee' THEN n.amount_fen ELSE 0 END) AS late_fen,
				MAX(CASE WHEN n.kind = 'late_fee' THEN p.local_date END) AS fee_date,
				(array_agg((n.detail::jsonb ->> 'lateFeeFen')::bigint ORDER BY p.local_date DESC, n.id DESC)
					FILTER (WHERE n.kind = 'late_fee'))[1] AS fee_fen
			FROM new_lines n JOIN payments p ON p.id = n.payment_id
			WHERE n.bill_id IS NOT NULL
			GROUP BY n.bill_id
		) AS s
		WHERE o.bill_id = s.bill_id;
	DELETE FROM open_bills o
		WHERE o.bill_id IN (SELECT bill_id FROM new_lines WHERE bill_id IS NOT NULL)
		AND EXISTS (SELECT 1 FROM open_bills_settled s WHERE s.bill_id = o.bill_id);
	RETURN NULL;
END $$;
CREATE TRIGGER open_bills_line AFTER INSERT ON payment_lines
	REFERENCING NEW TABLE AS new_lines
	FOR EACH STATEMENT EXECUTE FUNCTION open_bills_line();
