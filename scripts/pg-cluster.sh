#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests: `start DIR PORT` makes one in DIR (initdb on first use),
# listening on 127.0.0.1:PORT only, with trust auth, and prints its URL; `stop DIR PORT` stops it and
# removes what start made. initdb and the server refuse to run as root, so as root they run as
# `postgres` (DIR must be reachable by it: mktemp -d is). PG_BIN overrides where the binaries are
# looked for.
set -euo pipefail

usage() {
	echo "usage: $0 start|stop DIR PORT" >&2
	exit 2
}
[ $# -eq 3 ] || usage
cmd=$1 dir=$2 port=$3
[[ $port =~ ^[0-9]+$ ]] || usage

# Debian keeps each major version in /usr/lib/postgresql/N/bin and puts none of it on PATH; take the
# newest there, else whatever initdb is on PATH.
find_bin() {
	if [ -n "${PG_BIN:-}" ]; then
		echo "$PG_BIN"
		return
	fi
	local newest
	newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	if [ -n "$newest" ] && [ -x "$newest/initdb" ]; then
		echo "$newest"
	elif command -v initdb >/dev/null; then
		dirname "$(readlink -f "$(command -v initdb)")"
	else
		echo "PostgreSQL not found: apt-get install postgresql, or set PG_BIN" >&2
		exit 1
	fi
}
bin=$(find_bin)

as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

data="$dir/data"
case $cmd in
start)
	mkdir -p "$dir"
	[ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
	if [ ! -f "$data/PG_VERSION" ]; then
		# C collation compares bytes, as SQLite does; trust is safe only because nothing but
		# loopback and a socket in DIR (mode 0700) can reach the server.
		as_owner "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --no-locale >"$dir/initdb.log"
	fi
	# fsync off: a throwaway cluster's data is not worth a disk flush per commit.
	if ! as_owner "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 start \
		-o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off" >/dev/null; then
		tail -n 20 "$dir/server.log" >&2
		exit 1
	fi
	echo "postgres://postgres@127.0.0.1:$port/postgres"
	;;
stop)
	if [ -f "$data/postmaster.pid" ]; then
		as_owner "$bin/pg_ctl" -D "$data" -w -m fast stop >/dev/null
	fi
	# Only what start made: DIR may have been given by mistake as somewhere that matters.
	rm -rf "$data" "$dir/initdb.log" "$dir/server.log"
	rmdir "$dir" 2>/dev/null || true
	;;
*) usage ;;
esac
