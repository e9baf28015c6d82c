import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { formatYuan } from '../../money';
import { PgDatabase } from '../db/pg-client';

/*
 * Checks of a database file that backup, restore, the crash test and the reliability suite share:
 * SQLite's own integrity check plus the ledger's invariants, and a checksum of table contents.
 * Plain SQL on better-sqlite3 (no drizzle, no migrations): it must read any copy as it is.
 */

export interface LedgerFigures {
	payments: number;
	/** Sum of payments.total_fen, and of their lines; equal when the ledger balances. */
	paymentTotalFen: number;
	lineTotalFen: number;
	voids: number;
	/** Last receipt number per community and year, e.g. { "1:2026": "SF-2026-002188" }. */
	lastReceipts: Record<string, string>;
	/** What every unit still owes in principal (bills − non-voided principal lines), summed. */
	principalOwedFen: number;
}

export interface DbReport {
	integrity: string;
	figures: LedgerFigures;
	/** Broken ledger invariants, in words; empty when all hold. */
	problems: string[];
}

export function openReadOnly(file: string): Database.Database {
	const db = new Database(file, { readonly: true, fileMustExist: true });
	db.pragma('busy_timeout = 5000');
	return db;
}

function hasTable(db: Database.Database, name: string): boolean {
	// checkLedger also reads PostgreSQL (the reliability suite), whose catalog has no sqlite_master.
	const sql =
		(db as unknown) instanceof PgDatabase
			? `SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?`
			: `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`;
	return !!db.prepare(sql).get(name);
}

/** `PRAGMA integrity_check`: 'ok' or the first problems SQLite reports. */
export function integrity(db: Database.Database): string {
	const rows = db.pragma('integrity_check') as { integrity_check: string }[];
	return rows.map((r) => r.integrity_check).join('; ');
}

/** The ledger's figures and every broken invariant (balances, receipt sequence, idempotency, overpaid bills). */
export function checkLedger(db: Database.Database): { figures: LedgerFigures; problems: string[] } {
	const problems: string[] = [];
	const figures: LedgerFigures = {
		payments: 0,
		paymentTotalFen: 0,
		lineTotalFen: 0,
		voids: 0,
		lastReceipts: {},
		principalOwedFen: 0
	};
	if (!hasTable(db, 'payments')) return { figures, problems: ['no payments table'] };
	const q = <T>(sql: string) => db.prepare(sql).all() as T[];
	const one = <T>(sql: string) => db.prepare(sql).get() as T;

	const totals = one<{ n: number; total: number | null }>(
		'SELECT count(*) AS n, sum(total_fen) AS total FROM payments'
	);
	figures.payments = totals.n;
	figures.paymentTotalFen = totals.total ?? 0;
	figures.lineTotalFen =
		one<{ s: number | null }>('SELECT sum(amount_fen) AS s FROM payment_lines').s ?? 0;
	figures.voids = hasTable(db, 'payment_voids')
		? one<{ n: number }>('SELECT count(*) AS n FROM payment_voids').n
		: 0;
	if (figures.paymentTotalFen !== figures.lineTotalFen)
		problems.push(
			`payment totals ${figures.paymentTotalFen} ≠ sum of lines ${figures.lineTotalFen}`
		);

	// Receipt numbers are unique per community (issue 22): a receipt is named with its community.
	const unbalanced = q<{ c: number; receipt_no: string; total_fen: number; lines: number | null }>(
		`SELECT p.community_id AS c, p.receipt_no, p.total_fen, (SELECT sum(amount_fen) FROM payment_lines l WHERE l.payment_id = p.id) AS lines
		 FROM payments p WHERE p.total_fen IS DISTINCT FROM (SELECT sum(amount_fen) FROM payment_lines l WHERE l.payment_id = p.id) LIMIT 20`
	);
	for (const u of unbalanced)
		problems.push(`${u.c}/${u.receipt_no}: total ${u.total_fen} ≠ lines ${u.lines ?? 'none'}`);

	const orphanLines = one<{ n: number }>(
		'SELECT count(*) AS n FROM payment_lines l WHERE NOT EXISTS (SELECT 1 FROM payments p WHERE p.id = l.payment_id)'
	).n;
	if (orphanLines) problems.push(`${orphanLines} payment lines without their payment`);

	for (const d of q<{ k: string; n: number }>(
		'SELECT idempotency_key AS k, count(*) AS n FROM payments GROUP BY 1 HAVING count(*) > 1 LIMIT 20'
	))
		problems.push(`idempotency key ${d.k} posted ${d.n} times`);
	// Two communities each have their own SF-2026-000001: only a repeat within one is a problem.
	for (const d of q<{ c: number; r: string; n: number }>(
		`SELECT community_id AS c, receipt_no AS r, count(*) AS n FROM payments
		 GROUP BY community_id, receipt_no HAVING count(*) > 1 LIMIT 20`
	))
		problems.push(`receipt ${d.c}/${d.r} issued ${d.n} times`);

	// Gap-free: per community and year the sequence is exactly 1..N.
	const seqs = q<{ c: number; y: number; n: number; lo: number; hi: number; distinct_n: number }>(
		`SELECT community_id AS c, receipt_year AS y, count(*) AS n, min(receipt_seq) AS lo,
			max(receipt_seq) AS hi, count(DISTINCT receipt_seq) AS distinct_n
		FROM payments GROUP BY 1, 2`
	);
	for (const s of seqs) {
		const last = one<{ receipt_no: string }>(
			`SELECT receipt_no FROM payments WHERE community_id = ${s.c} AND receipt_year = ${s.y} ORDER BY receipt_seq DESC LIMIT 1`
		);
		figures.lastReceipts[`${s.c}:${s.y}`] = last.receipt_no;
		if (s.lo !== 1 || s.hi !== s.n || s.distinct_n !== s.n)
			problems.push(
				`receipt sequence ${s.c}/${s.y} has gaps or duplicates: ${s.n} receipts numbered ${s.lo}…${s.hi}`
			);
	}
	const badNo = one<{ n: number }>(
		`SELECT count(*) AS n FROM payments
		WHERE substr(receipt_no, length(receipt_no) - 5) <> substr('00000' || CAST(receipt_seq AS TEXT), length(CAST(receipt_seq AS TEXT)))
			OR substr(receipt_no, 4, 4) <> CAST(receipt_year AS TEXT)`
	).n;
	if (badNo) problems.push(`${badNo} receipt numbers do not match their year and sequence`);

	if (hasTable(db, 'bills')) {
		const voided = hasTable(db, 'payment_voids')
			? 'AND NOT EXISTS (SELECT 1 FROM payment_voids v WHERE v.payment_id = l.payment_id)'
			: '';
		const over = q<{ id: number; principal_fen: number; paid: number }>(
			`SELECT * FROM (SELECT b.id, b.principal_fen, (SELECT sum(amount_fen) FROM payment_lines l WHERE l.bill_id = b.id AND l.kind = 'principal' ${voided}) AS paid
			 FROM bills b) x WHERE paid > principal_fen LIMIT 20`
		);
		for (const o of over) problems.push(`bill ${o.id} paid ${o.paid} of ${o.principal_fen}`);
		figures.principalOwedFen =
			one<{ s: number | null }>(
				`SELECT sum(b.principal_fen - COALESCE((SELECT sum(amount_fen) FROM payment_lines l
					WHERE l.bill_id = b.id AND l.kind = 'principal' ${voided}), 0)) AS s FROM bills b`
			).s ?? 0;
	}
	return { figures, problems };
}

export function inspect(db: Database.Database): DbReport {
	const integ = integrity(db);
	const { figures, problems } = checkLedger(db);
	return { integrity: integ, figures, problems };
}

export function inspectFile(file: string): DbReport {
	const db = openReadOnly(file);
	try {
		return inspect(db);
	} finally {
		db.close();
	}
}

/** SHA-256 of each table's rows in rowid order (`skip`: tables left out, e.g. sessions). */
export function tableChecksums(
	db: Database.Database,
	skip: readonly string[] = []
): Record<string, string> {
	const tables = (
		db
			.prepare(
				`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`
			)
			.all() as { name: string }[]
	)
		.map((r) => r.name)
		.filter((n) => !skip.includes(n));
	const out: Record<string, string> = {};
	for (const t of tables) {
		const h = createHash('sha256');
		for (const row of db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).raw().iterate() as Iterable<
			unknown[]
		>) {
			h.update(
				JSON.stringify(row, (_k, v) =>
					typeof v === 'bigint' ? v.toString() : Buffer.isBuffer(v) ? v.toString('base64') : v
				)
			);
			h.update('\n');
		}
		out[t] = h.digest('hex');
	}
	return out;
}

export function formatFigures(f: LedgerFigures): string {
	return [
		`payments ${f.payments} (voided ${f.voids}), total ${formatYuan(f.paymentTotalFen)}, lines ${formatYuan(f.lineTotalFen)}`,
		`principal still owed ${formatYuan(f.principalOwedFen)}`,
		// Keyed community:year, since every community numbers its own receipts.
		`last receipts: ${
			Object.entries(f.lastReceipts)
				.map(([k, no]) => `${k.split(':')[0]}/${no}`)
				.join(', ') || 'none'
		}`
	].join('\n');
}
