/**
 * The bench on PostgreSQL (issue 22: `npm run bench -- --db postgres://owner@host/postgres`).
 *
 * The SQLite data set is moved once into a database of its own on that server (one per size, e.g.
 * `frontdesk_bench_10000u_60m`, C collation as in production) by the app's own way in,
 * `npm run move-to-postgres`; then analysed, as autovacuum would soon do on a live server, and
 * labelled with the data set's key (COMMENT ON DATABASE, written last, so a load that stopped
 * halfway is redone): a later run with the same generator version and size reuses it. Each run measures a copy (`frontdesk_bench_run`), so what
 * the cases write never leaks into the cache, as bench-out/run.db does for SQLite.
 *
 * "Two instances": the look-up and payment cases run in two app processes at once (each its own
 * openDb(url) connection, half of the units and of the cashiers each), released together once both
 * are connected (`--instances 1` measures one alone); the other cases run in this process.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { migratePg } from '../../src/lib/server/db/pg-migrate.ts';
import type { Db } from '../../src/lib/server/db/index.ts';
import type { DatasetInfo } from './dataset.ts';
import type { BenchContext } from './cases.ts';
import { latencyFigures, type CaseResult } from './report.ts';

const RUN_DB = 'frontdesk_bench_run';

/** The cases measured by several instances at once (`--instances`, default two). */
export const INSTANCE_CASES = ['lookup', 'payment'];

/** `url` with its database name replaced. */
export function databaseUrl(url: string, name: string): string {
	const u = new URL(url);
	u.pathname = `/${name}`;
	return u.toString();
}

export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return await fn(client);
	} finally {
		await client.end();
	}
}

/**
 * Makes sure database `source.name` holds the data set of `source` (a migrated SQLite file and its
 * cache key), loading it when missing, stale or `rebuild`.
 */
export async function loadPgDataset(
	ownerUrl: string,
	source: { file: string; key: string; name: string },
	opts: {
		rebuild?: boolean;
		log: (line: string) => void;
		/** Fills the new, migrated database at `url` from the file (default: move-to-postgres). */
		fill?: (file: string, url: string) => Promise<void>;
	}
): Promise<void> {
	const started = performance.now();
	const cached = await withClient(ownerUrl, async (admin) => {
		const { rows } = await admin.query<{ key: string | null }>(
			`SELECT shobj_description(oid, 'pg_database') AS key FROM pg_database WHERE datname = $1`,
			[source.name]
		);
		return rows[0]?.key === source.key;
	});
	if (cached && !opts.rebuild) {
		opts.log(`reusing PostgreSQL database ${source.name} (same data set; --rebuild to reload)`);
		// Migrations written since it was loaded apply to it as to any company database.
		await withClient(databaseUrl(ownerUrl, source.name), (c) => migratePg(c));
		return;
	}
	opts.log(
		`loading the data set into PostgreSQL database ${source.name} (${opts.fill ? 'copied table for table' : 'move-to-postgres'}) …`
	);
	await withClient(ownerUrl, async (admin) => {
		await admin.query(`DROP DATABASE IF EXISTS ${source.name} WITH (FORCE)`);
		// C collation: codes and ISO dates compare byte by byte, as in SQLite (scripts/pg-cluster.sh).
		await admin.query(
			`CREATE DATABASE ${source.name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`
		);
	});
	const url = databaseUrl(ownerUrl, source.name);
	await withClient(url, (c) => migratePg(c));
	await (opts.fill ?? moveInto)(source.file, url);
	await withClient(url, (c) => c.query('VACUUM ANALYZE'));
	await withClient(ownerUrl, (admin) =>
		admin.query(`COMMENT ON DATABASE ${source.name} IS '${source.key.replaceAll("'", "''")}'`)
	);
	opts.log(`loaded into PostgreSQL in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** The app's own way in: `npm run move-to-postgres` from the SQLite file to the database at `url`. */
async function moveInto(file: string, url: string): Promise<void> {
	// A process of its own: the move holds whole tables in memory (1.2 M bills and their lines).
	const moved = spawnSync(
		process.execPath,
		[
			'--max-old-space-size=8192',
			'--import',
			'tsx',
			fileURLToPath(new URL('../move-to-postgres.ts', import.meta.url)),
			'--from',
			file,
			'--to',
			url
		],
		{ stdio: ['ignore', 'inherit', 'inherit'] }
	);
	if (moved.status !== 0) throw new Error(`move-to-postgres failed (exit ${moved.status})`);
}

/** A fresh copy of the cached data set `name` to measure on; returns its URL. */
export async function pgRunDatabase(ownerUrl: string, name: string): Promise<string> {
	await withClient(ownerUrl, async (admin) => {
		await admin.query(`DROP DATABASE IF EXISTS ${RUN_DB} WITH (FORCE)`);
		await admin.query(`CREATE DATABASE ${RUN_DB} TEMPLATE ${name} STRATEGY FILE_COPY`);
	});
	// Flush the copy before measuring, as dataset.ts does for run.db: its write-back would
	// otherwise compete with the commits being timed.
	spawnSync('sync');
	return databaseUrl(ownerUrl, RUN_DB);
}

/** The server's version and the settings that decide what a commit costs. */
export function pgSettings(db: Db): string {
	const row = db.$client
		.prepare(
			`SELECT current_setting('server_version') AS v, current_setting('fsync') AS fsync,
			current_setting('synchronous_commit') AS sc, current_setting('shared_buffers') AS sb`
		)
		.get() as { v: string; fsync: string; sc: string; sb: string };
	return `PostgreSQL ${row.v}: fsync=${row.fsync}, synchronous_commit=${row.sc}, shared_buffers=${row.sb}`;
}

/** `info` with the ids of the same rows in `to` (the move gives rows new ids; codes are kept). */
export function sameIds(from: Db, to: Db, info: DatasetInfo): DatasetInfo {
	const map = (table: string, key: string, id: number) => {
		const k = from.$client.prepare(`SELECT ${key} AS k FROM ${table} WHERE id = ?`).get(id) as {
			k: string;
		};
		const row = to.$client.prepare(`SELECT id FROM ${table} WHERE ${key} = ?`).get(k.k) as {
			id: number;
		};
		return row.id;
	};
	const communityIds = info.communityIds.map((id) => map('communities', 'code', id));
	return {
		...info,
		communityId: communityIds[0],
		communityIds,
		cashierIds: info.cashierIds.map((id) => map('staff_users', 'username', id))
	};
}

/** What an instance process is asked to do (scripts/bench/pg-instance.ts). */
export interface InstanceJob {
	url: string;
	caseId: string;
	info: DatasetInfo;
	/** This instance's share: the units and cashiers whose index modulo `of` is `instance`. */
	instance: number;
	of: number;
	samples: BenchContext['samples'];
}

export interface InstanceResult extends Omit<CaseResult, 'title'> {
	/** Epoch ms when its case started and ended. */
	startedAt: number;
	endedAt: number;
}

/** An instance's answer: the JSON after its "ready" line (none if it died first). */
function answer(out: string): (InstanceResult & { error?: string }) | null {
	try {
		return JSON.parse(out.replace(/^ready\n/, ''));
	} catch {
		return null;
	}
}

/**
 * Runs case `caseId` in `of` processes at once on the database at `url`; each prints "ready" once
 * connected, and all are released together. Returns the combined figures (every instance's samples
 * together), each instance's own, and how much of their run time they overlapped.
 */
export async function runInstances(
	job: Omit<InstanceJob, 'instance'>
): Promise<{ combined: Omit<CaseResult, 'title'>; instances: InstanceResult[] }> {
	const script = fileURLToPath(new URL('./pg-instance.ts', import.meta.url));
	const children = Array.from({ length: job.of }, (_, instance) => {
		const child = spawn(
			process.execPath,
			['--import', 'tsx', script, JSON.stringify({ ...job, instance })],
			{ stdio: ['pipe', 'pipe', 'inherit'] }
		);
		let out = '';
		child.stdout.setEncoding('utf8');
		child.stdout.on('data', (s: string) => (out += s));
		const exited = new Promise<InstanceResult>((resolve, reject) =>
			child.on('exit', (code) => {
				const said = answer(out);
				if (code === 0 && said && !said.error) resolve(said as InstanceResult);
				else reject(new Error(`instance ${instance + 1}: ${said?.error ?? `exited with ${code}`}`));
			})
		);
		// Ready once it says so; an instance that dies first fails with its own error.
		const ready = Promise.race([
			new Promise<void>((resolve) =>
				child.stdout.on('data', () => out.startsWith('ready\n') && resolve())
			),
			exited.then(() => {})
		]);
		const done = exited;
		return { child, ready, done };
	});
	try {
		await Promise.all(children.map((c) => c.ready));
	} catch (e) {
		for (const c of children) c.child.kill();
		await Promise.allSettled(children.map((c) => c.done));
		throw e;
	}
	for (const c of children) c.child.stdin.end('go\n');
	const instances = await Promise.all(children.map((c) => c.done));
	const times = instances.flatMap((r) => r.times ?? []);
	const start = Math.max(...instances.map((r) => r.startedAt));
	const end = Math.min(...instances.map((r) => r.endedAt));
	const span =
		Math.max(...instances.map((r) => r.endedAt)) - Math.min(...instances.map((r) => r.startedAt));
	const overlap = Math.max(0, end - start) / Math.max(1, span);
	return {
		combined: {
			figures: latencyFigures(times, instances[0].figures[0]?.max),
			note:
				`${job.of} instance(s) at once (a process and connection each, 1/${job.of} of the units and cashiers each), ` +
				`running together ${(overlap * 100).toFixed(0)} % of the time; figures over all ${times.length} samples. ` +
				instances.map((r, k) => `Instance ${k + 1}: ${r.note ?? ''}`).join(' ')
		},
		instances
	};
}
