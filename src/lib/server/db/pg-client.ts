import { pgBridge, type BridgeAnswer, type BridgeError, type BridgeRequest } from './pg-bridge';
import { getTableColumns, getTableName, is } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as schema from './schema';
import { toPgSql, type PgSchemaFacts, type PgSql } from './pg-sql';

/**
 * A PostgreSQL connection in the shape of a better-sqlite3 `Database`, as much of it as drizzle
 * and the app use (prepare → get/all/run/raw/iterate, transaction, exec, pragma, close): the same
 * synchronous code runs on either database. Statements go through `toPgSql` once and are prepared
 * once per connection.
 */

/** better-sqlite3's error codes for PostgreSQL's constraint errors (the callers test SQLite's). */
const SQLITE_CODE: Record<string, string> = {
	'23505': 'SQLITE_CONSTRAINT_UNIQUE',
	'23503': 'SQLITE_CONSTRAINT_FOREIGNKEY',
	'23502': 'SQLITE_CONSTRAINT_NOTNULL',
	'23514': 'SQLITE_CONSTRAINT_CHECK',
	// refuse_change(), the insert-only triggers (drizzle-pg/0000_baseline.sql)
	'23001': 'SQLITE_CONSTRAINT_TRIGGER',
	P0001: 'SQLITE_CONSTRAINT_TRIGGER',
	'40P01': 'SQLITE_BUSY',
	'55P03': 'SQLITE_BUSY'
};

const CONSTRAINT_WORD: Record<string, string> = {
	'23505': 'UNIQUE',
	'23503': 'FOREIGN KEY',
	'23502': 'NOT NULL',
	'23514': 'CHECK'
};

export class PgError extends Error {
	readonly code: string;
	readonly pgCode?: string;
	readonly constraint?: string;
	constructor(e: BridgeError, sql?: string) {
		const kind = e.code ? CONSTRAINT_WORD[e.code] : undefined;
		// SQLite's words first ("UNIQUE constraint failed"), so a caller or test that reads them
		// reads the same on both; PostgreSQL's own message after.
		const text = kind
			? `${kind} constraint failed: ${e.constraint ?? ''} (${e.message})`
			: e.message;
		super(sql ? `${text} (in: ${sql.slice(0, 160)})` : text);
		this.name = 'PgError';
		this.pgCode = e.code;
		this.code = (e.code && SQLITE_CODE[e.code]) ?? `PG_${e.code ?? 'ERROR'}`;
		this.constraint = e.constraint;
	}
}

// Every writing transaction takes this lock first, as BEGIN IMMEDIATE takes SQLite's write lock:
// the rules written for one writer (receipt numbers "MAX + 1" under the lock, a bill's balance
// read then paid) hold across instances. Reads outside a transaction never wait for it.
const WRITE_LOCK = 22_0000_22;

export interface RunResult {
	changes: number;
	lastInsertRowid: number;
}

const NAMED_STATEMENTS = 5_000;

const translations = new Map<string, PgSql>();

/** The schema's boolean columns and tables with an id, read from the drizzle schema once. */
function schemaFacts(): PgSchemaFacts {
	const booleans = new Set<string>();
	const withId = new Set<string>();
	for (const t of Object.values(schema)) {
		if (!is(t, SQLiteTable)) continue;
		for (const c of Object.values(getTableColumns(t))) {
			if (c.columnType === 'SQLiteBoolean') booleans.add(c.name);
			if (c.name === 'id') withId.add(getTableName(t));
		}
	}
	return { booleans, withId };
}
let facts: PgSchemaFacts | undefined;

/** `toPgSql`, once per distinct text (bounded like the named statements). */
function translated(sql: string): PgSql {
	let t = translations.get(sql);
	if (!t) {
		t = toPgSql(sql, (facts ??= schemaFacts()));
		if (translations.size < NAMED_STATEMENTS) translations.set(sql, t);
	}
	return t;
}

export class PgStatement {
	private arrays = false;
	private plucked = false;
	private readonly pg: PgSql;
	private readonly name: string | undefined;
	/** A plain SELECT: running it changes nothing (`PgDatabase.txMark`). */
	private readonly reads: boolean;

	constructor(
		private readonly db: PgDatabase,
		readonly source: string,
		name: string | undefined
	) {
		this.pg = translated(source);
		this.name = name;
		this.reads = /^\s*select\b/i.test(this.pg.text);
	}

	/** Rows as arrays in column order from now on (better-sqlite3's `.raw()`). */
	raw(on = true): this {
		this.arrays = on;
		return this;
	}

	/** Only the first column of each row. */
	pluck(on = true): this {
		this.plucked = on;
		return this;
	}

	get(...params: unknown[]): unknown {
		return this.shape(this.exec(params).rows ?? [])[0];
	}

	all(...params: unknown[]): unknown[] {
		return this.shape(this.exec(params).rows ?? []);
	}

	iterate(...params: unknown[]): IterableIterator<unknown> {
		return this.all(...params)[Symbol.iterator]();
	}

	run(...params: unknown[]): RunResult {
		const a = this.exec(params);
		const first = (a.rows?.[0] ?? undefined) as Record<string, unknown> | unknown[] | undefined;
		const id = Array.isArray(first) ? first[0] : first?.id;
		return { changes: a.rowCount ?? 0, lastInsertRowid: typeof id === 'number' ? id : 0 };
	}

	private shape(rows: unknown[]): unknown[] {
		if (!this.plucked) return rows;
		return rows.map((r) => (Array.isArray(r) ? r[0] : Object.values(r as object)[0]));
	}

	private exec(params: unknown[]): BridgeAnswer {
		if (!this.reads) this.db.wrote();
		return this.db.query(
			{
				text: this.pg.text,
				params: this.bind(params),
				array: this.arrays || this.plucked,
				name: this.name
			},
			this.source
		);
	}

	/** better-sqlite3's arguments: values in order, or one object of named values. */
	private bind(params: unknown[]): unknown[] {
		const flat = params.length === 1 && Array.isArray(params[0]) ? params[0] : params;
		const values = this.pg.names.length
			? this.pg.names.map((n) => (flat[0] as Record<string, unknown>)[n])
			: flat;
		if (values.length !== this.pg.count)
			throw new RangeError(`${this.pg.count} parameters expected, ${values.length} given`);
		return values.map((v) => (typeof v === 'bigint' ? v.toString() : v));
	}
}

type TxFn<A extends unknown[], T> = ((...args: A) => T) & {
	deferred: (...args: A) => T;
	immediate: (...args: A) => T;
	exclusive: (...args: A) => T;
};

export class PgDatabase {
	readonly name: string;
	open = true;
	private conn: number;
	private depth = 0;
	/**
	 * Transaction commands not sent yet (BEGIN with the write lock, SAVEPOINT, RELEASE): they go
	 * with the next statement in one round trip, and a savepoint nothing ran in is never sent. A
	 * payment's transaction is four round trips shorter (bench: payment on PostgreSQL).
	 */
	private held: string[] = [];
	/** How many commands were ever held and sent: `held[0]`'s number in that count. */
	private sentCount = 0;
	/** Counts transactions begun, and writes and rollbacks in them (see `txMark`). */
	private txSerial = 0;
	private changes = 0;
	private names = new Map<string, string>();

	constructor(url: string) {
		this.name = url;
		const a = pgBridge().call({ op: 'connect', url });
		if (a.error) throw new PgError(a.error);
		this.conn = a.conn!;
	}

	get inTransaction(): boolean {
		return this.depth > 0;
	}

	/**
	 * Inside a transaction, a mark that stays the same while nothing this connection can read has
	 * changed: the transaction holds the write lock, so only its own writes (and rollbacks) change
	 * data, and each one gives a new mark. Outside one, undefined: anyone may write at any time.
	 * Lets a per-request check ("did the settings move?") be made once per transaction.
	 */
	get txMark(): string | undefined {
		return this.depth > 0 ? `${this.txSerial}.${this.changes}` : undefined;
	}

	/** A statement that is not a plain read ran: `txMark` moves. */
	wrote(): void {
		this.changes++;
	}

	query(req: Omit<BridgeRequest, 'op' | 'conn' | 'before'>, source?: string): BridgeAnswer {
		if (!this.open) throw new TypeError('The database connection is not open');
		const before = this.held.length ? this.held.splice(0) : undefined;
		this.sentCount += before?.length ?? 0;
		const a = pgBridge().call({ op: 'query', conn: this.conn, ...req, before });
		if (a.error) throw new PgError(a.error, source);
		return a;
	}

	prepare(sql: string): PgStatement {
		// drizzle prepares each query it runs: one server-side statement per distinct text, not per
		// call; past the bound (texts made per call), unnamed ones.
		let name = this.names.get(sql);
		if (name === undefined && this.names.size < NAMED_STATEMENTS) {
			name = `fd${this.names.size + 1}`;
			this.names.set(sql, name);
		}
		return new PgStatement(this, sql, name);
	}

	/** Statements without parameters, as written (PostgreSQL's own SQL: schema work, tests). */
	exec(sql: string): this {
		this.changes++;
		this.query({ text: sql });
		return this;
	}

	/** SQLite's settings mean nothing here. */
	pragma(): unknown[] {
		return [];
	}

	/**
	 * better-sqlite3's transaction function: the outermost call opens a transaction holding the
	 * write lock, a nested one is a savepoint; a throw rolls back what the call did.
	 */
	transaction<A extends unknown[], T>(fn: (...args: A) => T): TxFn<A, T> {
		const run = (...args: A): T => {
			if (!this.open) throw new TypeError('The database connection is not open');
			const outer = this.depth === 0;
			const sp = `fd_sp${this.depth}`;
			const start = outer
				? `BEGIN; SELECT pg_advisory_xact_lock(${WRITE_LOCK})`
				: `SAVEPOINT ${sp}`;
			// This command's number: it is still held while `mark >= this.sentCount`.
			const mark = this.sentCount + this.held.length;
			if (outer) this.txSerial++;
			this.held.push(start);
			this.depth++;
			let result: T;
			try {
				result = fn(...args);
				if (result instanceof Promise)
					throw new TypeError('Transaction function cannot return a promise');
			} catch (e) {
				this.depth--;
				this.undo(outer, sp, mark);
				throw e;
			}
			this.depth--;
			if (mark >= this.sentCount) {
				// Nothing ran inside (any statement sends what is held): nothing to begin or end.
				this.dropHeld(mark);
				return result;
			}
			if (!outer) {
				this.held.push(`RELEASE ${sp}`);
				return result;
			}
			try {
				this.query({ text: 'COMMIT' });
			} catch (e) {
				this.quietly('ROLLBACK');
				throw e;
			}
			return result;
		};
		return Object.assign(run, { deferred: run, immediate: run, exclusive: run });
	}

	/**
	 * Rolls back what a failed transaction call did. If its start is still held, nothing of it
	 * reached the server: its held commands are dropped. Otherwise whatever is held came after that
	 * start, so belongs to what is rolled back on the server.
	 */
	private undo(outer: boolean, sp: string, mark: number): void {
		this.changes++;
		if (mark >= this.sentCount) {
			this.dropHeld(mark);
			return;
		}
		this.dropHeld(this.sentCount);
		this.quietly(outer ? 'ROLLBACK' : `ROLLBACK TO ${sp}; RELEASE ${sp}`);
	}

	/** Forgets the held commands from number `from` on. */
	private dropHeld(from: number): void {
		this.held.length = Math.max(0, from - this.sentCount);
	}

	/** A rollback whose own failure changes nothing (a lost connection rolled back already). */
	private quietly(text: string): void {
		try {
			this.query({ text });
		} catch {
			// nothing left to undo
		}
	}

	close(): void {
		if (!this.open) return;
		this.open = false;
		pgBridge().call({ op: 'end', conn: this.conn });
	}
}

/** A `postgres://` or `postgresql://` URL (anything else is a SQLite file). */
export function isPgUrl(target: string): boolean {
	return /^postgres(ql)?:\/\//.test(target);
}
