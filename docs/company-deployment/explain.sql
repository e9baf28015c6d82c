-- Partition pruning of dashboard-style reads on the generated rows (verify.sh). Each plan should
-- touch the 2026 partitions only; the counter's look-up of one unit probes every year's index.
SET search_path = frontdesk;
\set c 50
-- 当期应收 of one centre and month (arrears/sql.ts billedInPeriod; company dashboard dueFen).
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT unit_id, fee_item_id, sum(principal_fen) FROM bills
WHERE community_id = :c AND month BETWEEN '2026-11' AND '2026-11' GROUP BY unit_id, fee_item_id;
-- Takings per day (reports/sql.ts receivedByDay; dashboard todayFen/monthFen).
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT local_date, sum(total_fen), count(*) FROM payments
WHERE community_id = :c AND local_date BETWEEN '2026-11-01' AND '2026-11-30' GROUP BY local_date;
-- The company month report: every centre's 应收 of one month in one statement.
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT community_id, sum(principal_fen) FROM bills WHERE month = '2026-11' GROUP BY community_id;
-- The counter's look-up of one unit's bills (fees/account.ts): no month, so every partition.
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT id, month, principal_fen FROM bills WHERE unit_id = (SELECT min(id) + 1234 FROM units WHERE code LIKE 'U%');
