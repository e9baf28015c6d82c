import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import {
	integrity as sqliteIntegrity,
	tableChecksums
} from '../../../src/lib/server/backup/verify';
import { isPgUrl, PgDatabase } from '../../../src/lib/server/db/pg-client';
import { pgIntegrity } from './pg';

export { inspectFile, checkLedger, tableChecksums } from '../../../src/lib/server/backup/verify';

/*
 * Direct reads of a server's database: a file, or a `postgres://` URL (RELIABILITY_DB=postgres),
 * opened as a better-sqlite3 `Database` or as PgDatabase, its PostgreSQL twin of the same shape.
 * The SQL here is written for SQLite and runs on both (pg-sql.ts translates what differs).
 */

/** Tables that change on any visit (sign-in, session renewal, rate limits, the audit trail). */
export const VOLATILE_TABLES = ['sessions', 'login_attempts', 'audit_log'] as const;

const isPg = (db: Database.Database) => (db as unknown) instanceof PgDatabase;

/** A read-only look at a database a running server is writing (WAL lets both work). */
export function openLive(target: string): Database.Database {
	if (isPgUrl(target)) {
		const pg = new PgDatabase(target);
		pg.exec('SET default_transaction_read_only = on');
		return pg as unknown as Database.Database;
	}
	const db = new Database(target, { readonly: true, fileMustExist: true });
	db.pragma('busy_timeout = 5000');
	return db;
}

export function withDb<T>(target: string, fn: (db: Database.Database) => T): T {
	const db = openLive(target);
	try {
		return fn(db);
	} finally {
		db.close();
	}
}

/** The storage's own check: SQLite's integrity_check, amcheck's on PostgreSQL ('ok' or problems). */
export function integrity(db: Database.Database): string {
	return isPg(db) ? pgIntegrity(db) : sqliteIntegrity(db);
}

/** A faster check after each of many crashes: SQLite's quick_check, amcheck's on PostgreSQL. */
export function quickCheck(db: Database.Database): string {
	return isPg(db) ? pgIntegrity(db) : String(db.pragma('quick_check', { simple: true }));
}

/**
 * SHA-256 of each table's rows. PostgreSQL has no rowid: its rows are hashed in the order of their
 * JSON text, which is as stable for comparing a database with itself before and after.
 */
function checksums(db: Database.Database, skip: readonly string[]): Record<string, string> {
	if (!isPg(db)) return tableChecksums(db, skip);
	const tables = (
		db
			.prepare(
				`SELECT table_name AS name FROM information_schema.tables
				 WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`
			)
			.all() as { name: string }[]
	)
		.map((r) => r.name)
		.filter((n) => !skip.includes(n));
	const out: Record<string, string> = {};
	for (const t of tables) {
		const rows = (db.prepare(`SELECT * FROM "${t}"`).raw().all() as unknown[][])
			.map((r) => JSON.stringify(r))
			.sort();
		out[t] = createHash('sha256').update(rows.join('\n')).digest('hex');
	}
	return out;
}

/** One checksum of every table except the volatile ones, plus the per-table sums to say what changed. */
export function dbChecksum(
	target: string,
	skip: readonly string[] = VOLATILE_TABLES
): { sum: string; tables: Record<string, string> } {
	return withDb(target, (db) => {
		const tables = checksums(db, skip);
		const sum = createHash('sha256').update(JSON.stringify(tables)).digest('hex');
		return { sum, tables };
	});
}

export function changedTables(a: Record<string, string>, b: Record<string, string>): string[] {
	return Object.keys({ ...a, ...b }).filter((t) => a[t] !== b[t]);
}

/**
 * The community the seeded clerks work in (the demo also seeds 荷香苑, whose unit codes repeat
 * 鹿鸣溪谷's: a clerk paying "1-1-101" pays their own community's unit).
 */
const CLERKS_COMMUNITY = `(SELECT community_id FROM staff_users WHERE username = 'clerk')`;

/** The codes of the clerks' community's units, in the order they were set up. */
export function clerkUnitCodes(target: string): string[] {
	return withDb(target, (db) =>
		(
			db
				.prepare(`SELECT code FROM units WHERE community_id = ${CLERKS_COMMUNITY} ORDER BY id`)
				.all() as { code: string }[]
		).map((r) => r.code)
	);
}

/** The clerks' units that owe principal on at least one bill, with those bill ids (oldest first). */
export function unitsOwing(target: string): { code: string; unitId: number; billIds: number[] }[] {
	return withDb(target, (db) => {
		const rows = db
			.prepare(
				`SELECT u.code, u.id AS unitId, group_concat(b.id) AS ids FROM bills b JOIN units u ON u.id = b.unit_id
				 WHERE b.principal_fen > COALESCE((SELECT sum(l.amount_fen) FROM payment_lines l WHERE l.bill_id = b.id AND l.kind = 'principal'
				   AND NOT EXISTS (SELECT 1 FROM payment_voids v WHERE v.payment_id = l.payment_id)), 0)
				 AND u.community_id = ${CLERKS_COMMUNITY}
				 GROUP BY u.id ORDER BY u.id`
			)
			.all() as { code: string; unitId: number; ids: string }[];
		return rows.map((r) => ({
			code: r.code,
			unitId: r.unitId,
			billIds: r.ids.split(',').map(Number)
		}));
	});
}

/** The receipt sequence numbers of the clerks' community in `year`, in order. */
export function receiptSeqs(target: string, year: number): number[] {
	return withDb(target, (db) =>
		(
			db
				.prepare(
					`SELECT receipt_seq AS s FROM payments WHERE receipt_year = ? AND community_id = ${CLERKS_COMMUNITY}
					 ORDER BY receipt_seq`
				)
				.all(year) as { s: number }[]
		).map((r) => r.s)
	);
}

export interface KeyedPayment {
	receipt_no: string;
	total_fen: number;
}

/** The payments posted with one idempotency key (one, or none). */
export function paymentsWithKey(target: string, key: string): KeyedPayment[] {
	return withDb(
		target,
		(db) =>
			db
				.prepare('SELECT receipt_no, total_fen FROM payments WHERE idempotency_key = ?')
				.all(key) as KeyedPayment[]
	);
}

/** Every idempotency key in the payments table (to tell a run's own payments from the seed's). */
export function paymentKeys(target: string): Set<string> {
	return withDb(
		target,
		(db) =>
			new Set(
				(db.prepare('SELECT idempotency_key AS k FROM payments').all() as { k: string }[]).map(
					(r) => r.k
				)
			)
	);
}
