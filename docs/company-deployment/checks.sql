-- Single-session checks of partitions.sql, insert-only.sql and receipt-counter.sql (verify.sh).
-- Every check raises an exception when it fails; psql runs with ON_ERROR_STOP.
SET search_path = frontdesk;
\set QUIET on

INSERT INTO communities (code, name) VALUES ('A', 'A 小区'), ('B', 'B 小区');
INSERT INTO units (community_id, code, area_centi) VALUES (1, '1-1-101', 8950), (2, '1-1-101', 10000);
INSERT INTO fee_items (community_id, code) VALUES (1, 'property'), (2, 'property');
INSERT INTO bills (community_id, unit_id, fee_item_id, month, due_date, principal_fen, full_fen, rate_fen, created_at)
VALUES (1, 1, 1, '2026-11', '2026-11-15', 17900, 17900, 200, 0);

-- A check that a statement is refused with the expected SQLSTATE.
CREATE FUNCTION pg_temp.refused(stmt text, state text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE stmt;
  RAISE EXCEPTION 'NOT refused: %', stmt;
EXCEPTION WHEN OTHERS THEN
  IF SQLSTATE <> state THEN RAISE EXCEPTION 'refused with % (%), expected %: %', SQLSTATE, SQLERRM, state, stmt; END IF;
  RAISE NOTICE 'ok refused (%): %', SQLERRM, stmt;
END $$;

-- Partition routing: a row lands in its year's partition; a year without one is refused.
DO $$ BEGIN
  IF (SELECT tableoid::regclass::text FROM bills WHERE month = '2026-11') <> 'bills_2026' THEN
    RAISE EXCEPTION 'bill not in bills_2026';
  END IF;
  RAISE NOTICE 'ok bill 2026-11 stored in bills_2026';
END $$;
SELECT pg_temp.refused($$INSERT INTO bills (community_id, unit_id, fee_item_id, month, due_date, principal_fen, full_fen, rate_fen, created_at)
  VALUES (1, 1, 1, '2031-01', '2031-01-15', 1, 1, 1, 0)$$, '23514');
-- The recurring-bill unique index holds across the table.
SELECT pg_temp.refused($$INSERT INTO bills (community_id, unit_id, fee_item_id, month, due_date, principal_fen, full_fen, rate_fen, created_at)
  VALUES (1, 1, 1, '2026-11', '2026-11-15', 1, 1, 1, 0)$$, '23505');

-- Receipt numbers: consecutive, a rolled-back payment leaves no gap, a replay answers the first.
DO $$
DECLARE r1 text; r2 text; r3 text; rb text; r4 text;
BEGIN
  r1 := post_payment_demo(1, '2026-12-07', 'key-1', 17900);
  r2 := post_payment_demo(1, '2026-12-07', 'key-2', 100);
  BEGIN  -- a payment that fails after taking its number (sub-transaction rolled back)
    rb := post_payment_demo(1, '2026-12-07', 'key-3', 100);
    RAISE EXCEPTION 'simulated failure after %', rb USING ERRCODE = 'P0001';
  EXCEPTION WHEN raise_exception THEN NULL;
  END;
  r3 := post_payment_demo(1, '2026-12-07', 'key-4', 100);
  r4 := post_payment_demo(1, '2026-12-07', 'key-1', 17900);  -- double submit of the first form
  IF (r1, r2, r3, r4) IS DISTINCT FROM ('SF-2026-000001', 'SF-2026-000002', 'SF-2026-000003', 'SF-2026-000001') THEN
    RAISE EXCEPTION 'unexpected receipts % % % %', r1, r2, r3, r4;
  END IF;
  IF post_payment_demo(2, '2026-12-07', 'key-5', 100) <> 'SF-2026-000001'
     OR post_payment_demo(1, '2027-01-01', 'key-6', 100) <> 'SF-2027-000001' THEN
    RAISE EXCEPTION 'numbering is not per community and year';
  END IF;
  IF EXISTS (SELECT FROM receipt_gaps) THEN RAISE EXCEPTION 'gaps: %', (SELECT array_agg(g) FROM receipt_gaps g); END IF;
  RAISE NOTICE 'ok receipts %, %, % (rolled back % reissued), replay %, community B and 2027 start at 1', r1, r2, r3, rb, r4;
END $$;
-- The per-partition unique index backs the counter up.
SELECT pg_temp.refused($$INSERT INTO payments (community_id, receipt_no, receipt_year, receipt_seq, purpose, payer_name, method,
  total_fen, cashier_id, idempotency_key, verify_code, local_date, created_at)
  VALUES (1, 'SF-2026-000002', 2026, 2, 'x', 'x', 'cash', 1, 1, 'other', 'other', '2026-12-08', 0)$$, '23505');
-- A receipt year that is not the date's year is refused.
SELECT pg_temp.refused($$INSERT INTO payments (community_id, receipt_no, receipt_year, receipt_seq, purpose, payer_name, method,
  total_fen, cashier_id, idempotency_key, verify_code, local_date, created_at)
  VALUES (1, 'SF-2027-000009', 2027, 9, 'x', 'x', 'cash', 1, 1, 'other', 'other', '2026-12-08', 0)$$, '23514');

-- Insert-only: UPDATE, DELETE, upsert and TRUNCATE refused, on the parent and on a partition.
SELECT pg_temp.refused($$UPDATE bills SET principal_fen = 0$$, '23001');
SELECT pg_temp.refused($$DELETE FROM bills_2026$$, '23001');
SELECT pg_temp.refused($$UPDATE payments SET total_fen = 0 WHERE receipt_no = 'SF-2026-000001'$$, '23001');
SELECT pg_temp.refused($$DELETE FROM payment_refs$$, '23001');
SELECT pg_temp.refused($$INSERT INTO bills (id, community_id, unit_id, fee_item_id, month, due_date, principal_fen, full_fen, rate_fen, created_at)
  SELECT id, community_id, unit_id, fee_item_id, month, due_date, 0, 0, 0, 0 FROM bills
  ON CONFLICT (id, month) DO UPDATE SET principal_fen = 0$$, '23001');
SELECT pg_temp.refused($$TRUNCATE bills CASCADE$$, '23001');
SELECT pg_temp.refused($$TRUNCATE audit_log$$, '23001');
SELECT pg_temp.refused($$TRUNCATE audit_log_2026$$, '23001');
-- A year added later (the yearly job) is guarded too.
SELECT add_year(2030), guard_truncate();
SELECT pg_temp.refused($$TRUNCATE audit_log_2030$$, '23001');
-- The app role has no UPDATE/DELETE/TRUNCATE at all (privileges refuse before any trigger).
SET ROLE frontdesk_app;
SELECT pg_temp.refused($$UPDATE bills SET principal_fen = 0$$, '42501');
SELECT pg_temp.refused($$TRUNCATE audit_log$$, '42501');
SELECT pg_temp.refused($$ALTER TABLE bills DISABLE TRIGGER no_update_delete$$, '42501');
SELECT pg_temp.refused($$ALTER TABLE bills DETACH PARTITION bills_2017$$, '42501');
DO $$ BEGIN
  IF post_payment_demo(1, '2026-12-08', 'key-app', 100) <> 'SF-2026-000004' THEN RAISE EXCEPTION 'app role cannot post'; END IF;
  RAISE NOTICE 'ok the app role posts SF-2026-000004';
END $$;
RESET ROLE;
-- Nothing changed.
DO $$ BEGIN
  IF (SELECT sum(principal_fen) FROM bills) <> 17900 THEN RAISE EXCEPTION 'bills changed'; END IF;
  IF EXISTS (SELECT FROM receipt_gaps) THEN RAISE EXCEPTION 'receipt gaps'; END IF;
  RAISE NOTICE 'ok ledger unchanged, no receipt gaps';
END $$;
