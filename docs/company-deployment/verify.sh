#!/bin/sh
# Reruns the checks of docs/company-deployment.md on a PostgreSQL 15 server (a throwaway one:
# it drops and recreates the database frontdesk_plan and creates the role frontdesk_app).
#   sh docs/company-deployment/verify.sh PORT [UNITS]
# PORT: the server's port on 127.0.0.1 (PGHOST/PGUSER are honoured; user default postgres).
# UNITS: also generate 100 centres × UNITS units × 2 items × 120 months of bills (200: 4.8 M)
# and print the EXPLAIN ANALYZE plans of explain.sql. Exits non-zero when any check fails.
set -eu
port=${1:?usage: verify.sh PORT [UNITS]}
units=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="$port" PGUSER="${PGUSER:-postgres}"
bin=$(pg_config --bindir 2>/dev/null || echo /usr/lib/postgresql/15/bin)
psql="psql -X -q -v ON_ERROR_STOP=1"

psql -X -q -d postgres -c 'DROP DATABASE IF EXISTS frontdesk_plan WITH (FORCE)' -c 'CREATE DATABASE frontdesk_plan'
for f in partitions.sql insert-only.sql receipt-counter.sql; do
	echo "== $f"
	$psql -d frontdesk_plan -f "$here/$f" -o /dev/null 2>&1 | grep -v 'NOTICE' || true
done
echo "== checks.sql"
# The checks speak through NOTICEs (ok …) and stop at the first failure (an exception).
out=$($psql -d frontdesk_plan -f "$here/checks.sql" -o /dev/null 2>&1) || {
	echo "$out" | grep -v 'truncate cascades'
	echo "FAIL: checks.sql"
	exit 1
}
echo "$out" | sed -n 's/^.*NOTICE:  \(ok .*\)$/  \1/p' | cut -c1-150
oks=$(echo "$out" | grep -c 'NOTICE:  ok' || true)
[ "$oks" -eq 21 ] || { echo "FAIL: $oks of 21 checks passed"; exit 1; }

echo "== concurrency.pgbench: 16 clients × 300 payments, 1 in 10 rolled back, repeated keys"
bench=$("$bin/pgbench" -n -c 16 -j 2 -t 300 -f "$here/concurrency.pgbench" frontdesk_plan 2>&1) || true
echo "$bench" | grep -E "actually processed|failed transactions|^tps|error" | sed "s/^/  /"
echo "$bench" | grep -q "actually processed: 4800/4800" || { echo "FAIL: pgbench did not run through"; exit 1; }
$psql -d frontdesk_plan -tA -c "SET search_path = frontdesk" -c "
	SELECT '  payments ' || count(*) || ', keys ' || count(DISTINCT idempotency_key)
	       || ', receipts SF-2026 per community: ' || string_agg(DISTINCT community_id || '→' || (
	          SELECT max(receipt_seq) FROM payments q WHERE q.community_id = p.community_id AND q.receipt_year = 2026), ' ')
	FROM payments p"
gaps=$($psql -d frontdesk_plan -tAc "SELECT count(*) FROM frontdesk.receipt_gaps")
dups=$($psql -d frontdesk_plan -tAc "SELECT count(*) - count(DISTINCT idempotency_key) FROM frontdesk.payments")
[ "$gaps" = 0 ] && [ "$dups" = 0 ] || { echo "FAIL: $gaps community-years with gaps, $dups duplicate keys"; exit 1; }
echo "  ok no gaps, no duplicate numbers, one payment per idempotency key"

if [ -n "$units" ]; then
	echo "== generate.sql (units=$units), then explain.sql; load: $(uptime)"
	$psql -d frontdesk_plan -v units="$units" -f "$here/generate.sql"
	$psql -d frontdesk_plan -f "$here/explain.sql"
fi
echo "all checks passed"
