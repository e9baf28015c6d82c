-- The big tables of the company database on PostgreSQL 15, partitioned by year (issue 22 plan).
-- Verified by verify.sh on a throwaway cluster; NOT used by the app yet (it runs on SQLite).
-- Columns follow src/lib/server/db/schema/*.ts (abridged where a column plays no part in keys,
-- partitions or indexes); amounts are bigint fen, instants bigint epoch ms as in the app,
-- local dates `date`, months text 'YYYY-MM' (COLLATE "C": ranges compare byte-wise like SQLite).
DROP SCHEMA IF EXISTS frontdesk CASCADE;
CREATE SCHEMA frontdesk;
SET search_path = frontdesk;

-- Small tables stay plain (one heap, one set of indexes).
CREATE TABLE communities (
  id serial PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  time_zone text NOT NULL DEFAULT 'Asia/Shanghai'
);
CREATE TABLE units (
  id bigserial PRIMARY KEY,
  community_id int NOT NULL REFERENCES communities,
  code text NOT NULL,
  area_centi int NOT NULL
);
CREATE INDEX units_community ON units (community_id);
CREATE TABLE fee_items (
  id serial PRIMARY KEY,
  community_id int NOT NULL REFERENCES communities,
  code text NOT NULL,
  UNIQUE (community_id, code)
);

-- 账单 bills: one fee item, one unit, one month. Partition key = the bill month; the primary key
-- and every unique index include it (PostgreSQL requires the partition key in them).
CREATE TABLE bills (
  id bigserial,
  community_id int NOT NULL REFERENCES communities,
  unit_id bigint NOT NULL REFERENCES units,
  fee_item_id int NOT NULL REFERENCES fee_items,
  month text COLLATE "C" NOT NULL CHECK (month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  due_date date NOT NULL,
  principal_fen bigint NOT NULL,
  full_fen bigint NOT NULL,
  vacancy_percent int NOT NULL DEFAULT 100,
  rate_fen bigint NOT NULL,
  source text NOT NULL DEFAULT 'monthly',
  late_fee_applies boolean NOT NULL DEFAULT true,
  created_at bigint NOT NULL,
  PRIMARY KEY (id, month)
) PARTITION BY RANGE (month);
-- One recurring bill per unit, item and month (the month is in it, so one partition decides).
CREATE UNIQUE INDEX bills_unit_item_month ON bills (unit_id, fee_item_id, month) WHERE source <> 'charge';
-- 应收 of a period from the index alone: arrears/sql.ts billedInPeriod, billedByMonth.
CREATE INDEX bills_community_month_amount ON bills (community_id, month, unit_id, fee_item_id) INCLUDE (principal_fen);
-- A unit's bills at the counter (fees/account.ts): unit first, all years (one probe per partition).
CREATE INDEX bills_unit_month ON bills (unit_id, month);
CREATE INDEX bills_no_late_fee ON bills (community_id) WHERE NOT late_fee_applies;

-- 收据 payments: partition key = the local date (the receipt year is its year).
CREATE TABLE payments (
  id bigserial,
  community_id int NOT NULL REFERENCES communities,
  receipt_no text NOT NULL,
  receipt_year int NOT NULL,
  receipt_seq int NOT NULL CHECK (receipt_seq > 0),
  purpose text NOT NULL,
  unit_id bigint REFERENCES units,
  payer_name text NOT NULL,
  method text NOT NULL,
  total_fen bigint NOT NULL,
  cashier_id int NOT NULL,
  idempotency_key text NOT NULL,
  request_hash text,
  verify_code text NOT NULL,
  local_date date NOT NULL,
  created_at bigint NOT NULL,
  PRIMARY KEY (id, local_date),
  -- The receipt year IS the date's year, so a year's numbers all live in one partition and the
  -- per-partition unique indexes below are unique company-wide.
  CHECK (receipt_year = extract(year FROM local_date)),
  CHECK (receipt_no = 'SF-' || receipt_year || '-' || lpad(receipt_seq::text, 6, '0'))
) PARTITION BY RANGE (local_date);
-- Takings per day and method: reports/sql.ts receivedByDay, receivedByDayMethod; company dashboard.
CREATE INDEX payments_community_date ON payments (community_id, local_date) INCLUDE (total_fen, method);
CREATE INDEX payments_unit ON payments (unit_id);
-- (community_id, receipt_year, receipt_seq) and (community_id, receipt_no) are unique per
-- partition: created by add_year() below, since a unique index on the parent must hold local_date.

-- Idempotency keys and verify codes are unique company-wide, across years: a form posted at
-- 23:59:59 on 31 Dec and retried after midnight must still find its payment. A narrow plain table
-- written first in the payment transaction holds them (PRIMARY KEY / UNIQUE = the guard).
CREATE TABLE payment_refs (
  idempotency_key text PRIMARY KEY,
  verify_code text NOT NULL UNIQUE,
  payment_id bigint NOT NULL,
  local_date date NOT NULL,
  community_id int NOT NULL,
  request_hash text,
  FOREIGN KEY (payment_id, local_date) REFERENCES payments (id, local_date) DEFERRABLE INITIALLY DEFERRED
);

-- Payment lines carry their payment's date (partition key, same partition as the payment) and
-- their bill's month (so the foreign key to the partitioned bills can include its key).
CREATE TABLE payment_lines (
  id bigserial,
  payment_id bigint NOT NULL,
  local_date date NOT NULL,
  kind text NOT NULL,
  bill_id bigint,
  bill_month text COLLATE "C",
  item_code text NOT NULL,
  ref_type text,
  ref_id bigint,
  amount_fen bigint NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (id, local_date),
  FOREIGN KEY (payment_id, local_date) REFERENCES payments (id, local_date),
  FOREIGN KEY (bill_id, bill_month) REFERENCES bills (id, month),
  CHECK ((bill_id IS NULL) = (bill_month IS NULL))
) PARTITION BY RANGE (local_date);
CREATE INDEX payment_lines_payment ON payment_lines (payment_id);
CREATE INDEX payment_lines_bill ON payment_lines (bill_id, bill_month) WHERE bill_id IS NOT NULL;
CREATE INDEX payment_lines_ref ON payment_lines (ref_type, ref_id) WHERE ref_type IS NOT NULL;

-- 作废 voids are few: plain table, one per payment.
CREATE TABLE payment_voids (
  id bigserial PRIMARY KEY,
  payment_id bigint NOT NULL UNIQUE,
  payment_date date NOT NULL,
  reason text NOT NULL,
  voided_by int NOT NULL,
  local_date date NOT NULL,
  created_at bigint NOT NULL,
  FOREIGN KEY (payment_id, payment_date) REFERENCES payments (id, local_date)
);
CREATE INDEX payment_voids_day ON payment_voids (local_date, payment_id);

-- Principal postings (written by triggers in the app, migration 0024): by posted date.
CREATE TABLE principal_postings (
  id bigserial,
  community_id int NOT NULL,
  bill_id bigint NOT NULL,
  unit_id bigint NOT NULL,
  fee_item_id int NOT NULL,
  bill_month text COLLATE "C" NOT NULL,
  posted_date date NOT NULL,
  kind text NOT NULL,
  amount_fen bigint NOT NULL,
  payment_id bigint,
  PRIMARY KEY (id, posted_date),
  FOREIGN KEY (bill_id, bill_month) REFERENCES bills (id, month)
) PARTITION BY RANGE (posted_date);
-- 当期实收 (arrears/sql.ts postedCurrent) and 清欠实收 (postedDuring): covering range reads.
CREATE INDEX principal_postings_month ON principal_postings (community_id, bill_month, posted_date) INCLUDE (unit_id, fee_item_id, kind, amount_fen);
CREATE INDEX principal_postings_date ON principal_postings (community_id, posted_date, bill_month) INCLUDE (unit_id, fee_item_id, kind, amount_fen);
CREATE INDEX principal_postings_bill ON principal_postings (bill_id);
CREATE INDEX principal_postings_payment ON principal_postings (payment_id) WHERE payment_id IS NOT NULL;

-- 报事 tickets: the row is a projection that changes (state), so it stays a plain table.
CREATE TABLE tickets (
  id bigserial PRIMARY KEY,
  community_id int NOT NULL REFERENCES communities,
  ticket_no text NOT NULL,
  year int NOT NULL,
  seq int NOT NULL,
  state text NOT NULL,
  received_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  UNIQUE (community_id, year, seq),
  UNIQUE (community_id, ticket_no)
);
CREATE INDEX tickets_community_state ON tickets (community_id, state);
-- Events carry their ticket's year: a ticket's events share one partition, so the idempotency
-- key's unique index (which must hold the key) is still unique per ticket.
CREATE TABLE ticket_events (
  id bigserial,
  ticket_id bigint NOT NULL REFERENCES tickets,
  ticket_year int NOT NULL,
  community_id int NOT NULL,
  type text NOT NULL,
  at bigint NOT NULL,
  recorded_at bigint NOT NULL,
  actor_name text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}',
  idempotency_key text,
  PRIMARY KEY (id, ticket_year)
) PARTITION BY RANGE (ticket_year);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, id);
CREATE INDEX ticket_events_community_type ON ticket_events (community_id, type, at);
CREATE UNIQUE INDEX ticket_events_ticket_idem ON ticket_events (ticket_id, idempotency_key, ticket_year);

-- 审计日志 audit log: by instant (epoch ms, years cut at midnight Beijing time).
CREATE TABLE audit_log (
  id bigserial,
  community_id int,
  actor_id int,
  action text NOT NULL,
  target_type text NOT NULL,
  target_id text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}',
  at bigint NOT NULL,
  PRIMARY KEY (id, at)
) PARTITION BY RANGE (at);
CREATE INDEX audit_target ON audit_log (target_type, target_id);
CREATE INDEX audit_community_at ON audit_log (community_id, at);

-- One year's partitions of every partitioned table (idempotent). Run for the years ahead (bills
-- of prepaid months 预收 may be years ahead) by a yearly job; a missing partition makes the insert
-- fail loudly rather than land in a DEFAULT partition.
CREATE FUNCTION add_year(y int) RETURNS void LANGUAGE plpgsql SET search_path = frontdesk AS $$
DECLARE
  d0 date := make_date(y, 1, 1);
  d1 date := make_date(y + 1, 1, 1);
  ms0 bigint := (extract(epoch FROM make_timestamptz(y, 1, 1, 0, 0, 0, 'Asia/Shanghai')) * 1000)::bigint;
  ms1 bigint := (extract(epoch FROM make_timestamptz(y + 1, 1, 1, 0, 0, 0, 'Asia/Shanghai')) * 1000)::bigint;
BEGIN
  EXECUTE format('CREATE TABLE IF NOT EXISTS bills_%s PARTITION OF bills FOR VALUES FROM (%L) TO (%L)',
    y, to_char(d0, 'YYYY-MM'), to_char(d1, 'YYYY-MM'));
  EXECUTE format('CREATE TABLE IF NOT EXISTS payments_%s PARTITION OF payments FOR VALUES FROM (%L) TO (%L)', y, d0, d1);
  EXECUTE format('CREATE UNIQUE INDEX IF NOT EXISTS payments_%s_receipt_seq ON payments_%s (community_id, receipt_year, receipt_seq)', y, y);
  EXECUTE format('CREATE UNIQUE INDEX IF NOT EXISTS payments_%s_receipt_no ON payments_%s (community_id, receipt_no)', y, y);
  EXECUTE format('CREATE TABLE IF NOT EXISTS payment_lines_%s PARTITION OF payment_lines FOR VALUES FROM (%L) TO (%L)', y, d0, d1);
  EXECUTE format('CREATE TABLE IF NOT EXISTS principal_postings_%s PARTITION OF principal_postings FOR VALUES FROM (%L) TO (%L)', y, d0, d1);
  EXECUTE format('CREATE TABLE IF NOT EXISTS ticket_events_%s PARTITION OF ticket_events FOR VALUES FROM (%s) TO (%s)', y, y, y + 1);
  EXECUTE format('CREATE TABLE IF NOT EXISTS audit_log_%s PARTITION OF audit_log FOR VALUES FROM (%s) TO (%s)', y, ms0, ms1);
END $$;

-- Ten years back and three ahead.
SELECT add_year(y) FROM generate_series(2017, 2029) AS y;
