import { createRequire } from 'node:module';
import {
	MessageChannel,
	receiveMessageOnPort,
	Worker,
	type MessagePort
} from 'node:worker_threads';

/**
 * A synchronous call into PostgreSQL: the `pg` driver runs in a worker thread, and the caller
 * blocks on `Atomics.wait` until the worker answers. It keeps the data layer's synchronous call
 * sites (better-sqlite3's shape) working on PostgreSQL: measured p50 0.23 ms a statement on
 * loopback against 0.14 ms for the asynchronous driver (docs/company-deployment.md, 1.7). The
 * instance is blocked while a statement runs; several instances share the load.
 */

export interface BridgeRequest {
	op: 'connect' | 'query' | 'end';
	conn?: number;
	url?: string;
	text?: string;
	params?: unknown[];
	/** Rows as arrays in column order (better-sqlite3's `.raw()`). */
	array?: boolean;
	/** Prepare once per connection under this name (PostgreSQL's named statements). */
	name?: string;
	/**
	 * Commands without parameters run first, in order, in the same call (BEGIN, SAVEPOINT, RELEASE
	 * held back by `PgDatabase`): one round trip instead of several, sent as one simple query. If
	 * one fails, the rest and the query are not run and its error is the answer.
	 */
	before?: string[];
}

export interface BridgeError {
	message: string;
	code?: string;
	detail?: string;
	constraint?: string;
	table?: string;
}

export interface BridgeAnswer {
	/** The request's id, echoed. */
	id?: number;
	error?: BridgeError;
	conn?: number;
	rows?: unknown[];
	rowCount?: number;
}

// Runs in the worker, from its source text: no closure over this module, the driver loaded by its
// resolved path. `load` is the worker's `require`, passed in: a free `require` here is renamed by
// the production bundle (`__require`), which the worker's source does not define. bigint and
// numeric come back as numbers (every id, sum and count of the app fits in 2^53), booleans as 1/0
// (what SQLite stores), as the callers expect.
function workerMain(load: NodeJS.Require) {
	const { workerData } = load('node:worker_threads');
	const pg = load(workerData.pgPath);
	const { port, flag } = workerData;
	const types = {
		getTypeParser(oid: number, format: string) {
			if (oid === 20 || oid === 1700) return (v: string) => (v === null ? null : Number(v));
			if (oid === 16) return (v: string) => (v === null ? null : v === 't' ? 1 : 0);
			return pg.types.getTypeParser(oid, format);
		}
	};
	const conns = new Map();
	let next = 1;
	const reply = (a: unknown) => {
		port.postMessage(a);
		Atomics.store(flag, 0, 1);
		Atomics.notify(flag, 0);
	};
	port.on('message', async (r: BridgeRequest & { id: number }) => {
		const answer = (a: object) => reply({ ...a, id: r.id });
		try {
			if (r.op === 'connect') {
				const c = new pg.Client({ connectionString: r.url, types });
				await c.connect();
				// A statement or lock wait that hangs would hang the instance: bounded.
				await c.query("SET statement_timeout = '60s'; SET lock_timeout = '30s'");
				c.on('error', () => {});
				const id = next++;
				conns.set(id, c);
				answer({ conn: id });
			} else if (r.op === 'end') {
				const c = conns.get(r.conn);
				conns.delete(r.conn);
				if (c) await c.end().catch(() => {});
				answer({});
			} else {
				const c = conns.get(r.conn);
				if (!c) throw new Error(`PostgreSQL connection ${r.conn} is closed`);
				// One simple query for all of them: one round trip to the server, not one each.
				if (r.before?.length) await c.query(r.before.join('; '));
				const res = await c.query({
					text: r.text,
					values: r.params,
					name: r.name,
					rowMode: r.array ? 'array' : undefined
				});
				const last = Array.isArray(res) ? res[res.length - 1] : res;
				answer({ rows: last.rows, rowCount: last.rowCount ?? 0 });
			}
		} catch (e) {
			const x = e as BridgeError;
			answer({
				error: {
					message: String(x.message),
					code: x.code,
					detail: x.detail,
					constraint: x.constraint,
					table: x.table
				}
			});
		}
	});
}

/** How long a call may wait for the worker before the instance gives up on it. */
const WAIT_MS = 120_000;

class Bridge {
	private port: MessagePort;
	private flag = new Int32Array(new SharedArrayBuffer(4));
	private pause = new Int32Array(new SharedArrayBuffer(4));
	private sent = 0;
	private worker: Worker;

	constructor() {
		const { port1, port2 } = new MessageChannel();
		this.port = port1;
		const pgPath = createRequire(import.meta.url).resolve('pg');
		// `__name`: the helper tsx and Vite's dev server wrap named functions in; the worker's
		// source has to run without the module it came from.
		this.worker = new Worker(`const __name = (f) => f; (${workerMain.toString()})(require)`, {
			eval: true,
			workerData: { port: port2, flag: this.flag, pgPath },
			transferList: [port2]
		});
		// The worker lives as long as the process needs the database, and never keeps it alive.
		this.worker.unref();
		this.port.unref();
	}

	call(req: BridgeRequest): BridgeAnswer {
		const id = ++this.sent;
		Atomics.store(this.flag, 0, 0);
		this.port.postMessage({ ...req, id });
		// Waits until the flag is set, not merely until woken: the notify of the previous answer can
		// come late (its flag already seen before that call waited) and wake this wait early.
		const deadline = Date.now() + WAIT_MS;
		while (Atomics.load(this.flag, 0) === 0) {
			const left = deadline - Date.now();
			if (left <= 0 || Atomics.wait(this.flag, 0, 0, left) === 'timed-out')
				throw new Error(`PostgreSQL did not answer within ${WAIT_MS / 1000} s`);
		}
		// An answer to an earlier call that gave up is dropped, never taken for this one's.
		for (;;) {
			const m = receiveMessageOnPort(this.port);
			if (m && (m.message as BridgeAnswer).id === id) return m.message as BridgeAnswer;
			if (!m) {
				if (Date.now() > deadline) throw new Error('PostgreSQL bridge: no answer');
				Atomics.wait(this.pause, 0, 0, 1);
			}
		}
	}
}

let bridge: Bridge | undefined;

/** The process's one bridge (one worker holding every PostgreSQL connection of the process). */
export function pgBridge(): Bridge {
	return (bridge ??= new Bridge());
}

export type { Bridge };
