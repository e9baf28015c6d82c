-- Generated rows for the pruning check (verify.sh): 100 communities × :units units × 2 fee
-- items × 120 months (2017-01 … 2026-12) of bills, and one payment per unit and month.
-- With units = 200: 4.8 M bills, 2.4 M payments. Run after partitions.sql … checks.sql.
SET search_path = frontdesk;
\if :{?units}
\else
\set units 200
\endif
INSERT INTO communities (code, name)
SELECT 'C' || lpad(n::text, 3, '0'), '小区 ' || n FROM generate_series(1, 100) AS n;
INSERT INTO units (community_id, code, area_centi)
SELECT c.id, 'U' || u, 6000 + (u * 37) % 9000
FROM communities c CROSS JOIN generate_series(1, :units) AS u WHERE c.code LIKE 'C%';
INSERT INTO fee_items (community_id, code)
SELECT c.id, i FROM communities c CROSS JOIN unnest(ARRAY['property', 'parking']) AS i WHERE c.code LIKE 'C%';

\timing on
INSERT INTO bills (community_id, unit_id, fee_item_id, month, due_date, principal_fen, full_fen, rate_fen, created_at)
SELECT u.community_id, u.id, f.id, to_char(m, 'YYYY-MM'), (m + interval '14 days')::date,
       u.area_centi * 2, u.area_centi * 2, 200, 0
FROM units u JOIN fee_items f ON f.community_id = u.community_id
CROSS JOIN generate_series(DATE '2017-01-01', DATE '2026-12-01', interval '1 month') AS m
WHERE u.code LIKE 'U%';

INSERT INTO payments (community_id, receipt_no, receipt_year, receipt_seq, purpose, unit_id, payer_name,
                      method, total_fen, cashier_id, idempotency_key, verify_code, local_date, created_at)
SELECT community_id, 'SF-' || y || '-' || lpad(seq::text, 6, '0'), y, seq, 'property_fee', unit_id, '业主',
       (ARRAY['cash', 'wechat', 'alipay', 'card'])[1 + unit_id % 4], fen, 1, 'gen-' || unit_id || '-' || d,
       md5(unit_id || '-' || d), d, 0
FROM (
  SELECT u.community_id, u.id AS unit_id, u.area_centi * 4 AS fen, d, extract(year FROM d)::int AS y,
         row_number() OVER (PARTITION BY u.community_id, extract(year FROM d) ORDER BY d, u.id)::int AS seq
  FROM units u
  CROSS JOIN generate_series(DATE '2017-01-01', DATE '2026-12-01', interval '1 month') AS m
  CROSS JOIN LATERAL (SELECT (m + (u.id % 25) * interval '1 day')::date AS d) AS x
  WHERE u.code LIKE 'U%'
) AS g;
INSERT INTO receipt_counters (community_id, year, last_seq)
SELECT community_id, receipt_year, max(receipt_seq) FROM payments GROUP BY 1, 2
ON CONFLICT (community_id, year) DO UPDATE SET last_seq = excluded.last_seq;
\timing off
VACUUM ANALYZE;
SELECT count(*) AS bills, pg_size_pretty(pg_total_relation_size('bills_2026')) AS bills_2026_with_indexes FROM bills;
