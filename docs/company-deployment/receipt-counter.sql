-- Gap-free receipt numbers SF-YYYY-NNNNNN per community and year with several app instances.
-- SQLite got this from its single write lock ("MAX + 1" in the write transaction, sequence.ts).
-- PostgreSQL: one counter row per (community, year), locked with SELECT … FOR UPDATE inside the
-- payment transaction. The row lock queues a community's payments (other communities do not
-- wait) and the counter rolls back with a failed payment, so no number is skipped. A SEQUENCE
-- would not do: nextval() is never rolled back, so every failed payment would leave a gap.
SET search_path = frontdesk;

CREATE TABLE receipt_counters (
  community_id int NOT NULL REFERENCES communities,
  year int NOT NULL,
  last_seq int NOT NULL CHECK (last_seq >= 0),
  PRIMARY KEY (community_id, year)
);
GRANT SELECT, INSERT, UPDATE ON receipt_counters TO frontdesk_app;
-- Going live from SQLite: start each counter at the last number issued.
INSERT INTO receipt_counters (community_id, year, last_seq)
SELECT community_id, receipt_year, max(receipt_seq) FROM payments GROUP BY 1, 2
ON CONFLICT DO NOTHING;

-- The payment transaction, written as a function so verify.sh can drive it from pgbench; the
-- data layer sends the same statements (post-payment.ts order: key, lock, validate, insert).
-- Returns the receipt number, the first one's on a replay of the same idempotency key.
CREATE FUNCTION post_payment_demo(c int, d date, key text, total bigint) RETURNS text
LANGUAGE plpgsql SET search_path = frontdesk AS $$
DECLARE
  y int := extract(year FROM d);
  pid bigint := nextval(pg_get_serial_sequence('payments', 'id'));
  got bigint;
  seq int;
BEGIN
  -- 1. Claim the idempotency key first: a concurrent double submit waits here until the first
  --    commits (then finds it: a replay) or rolls back (then posts), and never takes a number.
  INSERT INTO payment_refs (idempotency_key, verify_code, payment_id, local_date, community_id)
  VALUES (key, md5(pid::text), pid, d, c)
  ON CONFLICT (idempotency_key) DO NOTHING
  RETURNING payment_id INTO got;
  IF got IS NULL THEN
    -- (the app also compares community, unit, cashier and request hash: else "form already used")
    RETURN (SELECT p.receipt_no FROM payment_refs r
            JOIN payments p ON p.id = r.payment_id AND p.local_date = r.local_date
            WHERE r.idempotency_key = key);
  END IF;
  -- 2. The counter row (created on a year's first payment), locked until COMMIT/ROLLBACK.
  INSERT INTO receipt_counters VALUES (c, y, 0) ON CONFLICT DO NOTHING;
  SELECT last_seq + 1 INTO seq FROM receipt_counters
  WHERE community_id = c AND year = y FOR UPDATE;
  -- 3. validate() runs here, under the lock: "this bill is still unpaid" cannot race.
  UPDATE receipt_counters SET last_seq = seq WHERE community_id = c AND year = y;
  INSERT INTO payments (id, community_id, receipt_no, receipt_year, receipt_seq, purpose, payer_name,
                        method, total_fen, cashier_id, idempotency_key, verify_code, local_date, created_at)
  VALUES (pid, c, 'SF-' || y || '-' || lpad(seq::text, 6, '0'), y, seq, 'property_fee', 'demo',
          'cash', total, 1, key, md5(pid::text), d, (extract(epoch FROM now()) * 1000)::bigint);
  RETURN 'SF-' || y || '-' || lpad(seq::text, 6, '0');
END $$;

-- Gaps or duplicates per community and year: must return no rows.
CREATE VIEW receipt_gaps AS
SELECT p.community_id, p.receipt_year, count(*) AS n, count(DISTINCT receipt_seq) AS distinct_n,
       max(receipt_seq) AS hi, c.last_seq
FROM payments p LEFT JOIN receipt_counters c
  ON c.community_id = p.community_id AND c.year = p.receipt_year
GROUP BY p.community_id, p.receipt_year, c.last_seq
HAVING count(*) <> max(receipt_seq) OR count(DISTINCT receipt_seq) <> count(*)
    OR min(receipt_seq) <> 1 OR c.last_seq IS DISTINCT FROM max(receipt_seq);
