import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, createWriteStream, mkdirSync, mkdtempSync, type WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { BASE_PORT, buildDir, ROOT, START_AT } from './env';
import { copyPgDb } from './pg';
import { isPgUrl } from '../../../src/lib/server/db/pg-client';

export interface ServerOptions {
	/** The database: a file, or a `postgres://` URL made by `freshDb`. */
	dbFile: string;
	/** Default: the first free port of the suite's four (RELIABILITY_PORT … +3). */
	port?: number;
	/** Ports this server must not take (another server of the same test holds them). */
	avoid?: number[];
	/** Extra environment; a key set to undefined is removed (the server's own default applies). */
	env?: Record<string, string | undefined>;
	/** Working directory of the server (default: the project root). */
	cwd?: string;
	/** Server output goes here (appended), so a failing run can be read afterwards. */
	logFile?: string;
}

/** Whether nothing listens on `port` yet. */
export function portFree(port: number): Promise<boolean> {
	return new Promise((done) => {
		const s = createServer();
		s.once('error', () => done(false));
		s.listen(port, '127.0.0.1', () => s.close(() => done(true)));
	});
}

export async function pickPort(avoid: number[] = []): Promise<number> {
	for (let p = BASE_PORT; p < BASE_PORT + 4; p++)
		if (!avoid.includes(p) && (await portFree(p))) return p;
	throw new Error(`no free port in ${BASE_PORT}–${BASE_PORT + 3}`);
}

/** Each PostgreSQL database `freshDb` made, with its folder (uploads, logs). */
const folders = new Map<string, string>();

/**
 * A fresh copy of the seeded template database, with its own folder (uploads in it): a file in
 * that folder, or on PostgreSQL a new database (its URL) copied from the template.
 */
export function freshDb(templateDb: string, workDir: string, name: string): string {
	const dir = mkdtempSync(join(workDir, `${name}-`));
	mkdirSync(join(dir, 'uploads'), { recursive: true });
	if (isPgUrl(templateDb)) {
		const url = copyPgDb(templateDb, name);
		folders.set(url, dir);
		return url;
	}
	const file = join(dir, 'app.db');
	copyFileSync(templateDb, file);
	return file;
}

/** The folder of a database made by `freshDb`: uploads and server logs go there. */
export function dbDir(db: string): string {
	if (!isPgUrl(db)) return join(db, '..');
	const dir = folders.get(db);
	if (!dir) throw new Error(`${db} was not made by freshDb: no folder for it`);
	return dir;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Servers still running when this process ends (a test threw, Ctrl-C) are killed with it.
const running = new Set<ChildProcess>();
process.once('exit', () => {
	for (const p of running) p.kill('SIGKILL');
});
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => process.exit(130));

/**
 * The built app (`node BUILD_DIR`) as a child process: started on a database file, stopped
 * politely (SIGTERM) or killed (SIGKILL) and started again on the same file and port.
 */
export class AppServer {
	proc: ChildProcess | null = null;
	readonly url: string;
	private log: WriteStream | null;
	private exited: Promise<void> = Promise.resolve();

	private constructor(
		readonly port: number,
		readonly opts: ServerOptions
	) {
		this.url = `http://127.0.0.1:${port}`;
		this.log = opts.logFile ? createWriteStream(opts.logFile, { flags: 'a' }) : null;
	}

	static async start(opts: ServerOptions): Promise<AppServer> {
		const port = opts.port ?? (await pickPort(opts.avoid));
		const s = new AppServer(port, opts);
		await s.launch();
		return s;
	}

	get pid(): number | undefined {
		return this.proc?.pid;
	}

	private async launch() {
		const dir = dbDir(this.opts.dbFile);
		const env: Record<string, string | undefined> = {
			...process.env,
			NODE_ENV: 'production',
			DATABASE_URL: this.opts.dbFile,
			UPLOADS_DIR: join(dir, 'uploads'),
			HOST: '127.0.0.1',
			PORT: String(this.port),
			ORIGIN: this.url,
			BODY_SIZE_LIMIT: '25M',
			FRONTDESK_START_AT: START_AT,
			FRONTDESK_TEST_HOOKS: '1',
			// The demo seeds a second centre: unpaired kiosks serve the first, as in the demo.
			KIOSK_COMMUNITY: process.env.KIOSK_COMMUNITY ?? 'LMXG',
			...this.opts.env
		};
		for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
		const proc = spawn(process.execPath, [buildDir()], {
			cwd: this.opts.cwd ?? ROOT,
			stdio: ['ignore', 'pipe', 'pipe'],
			env
		});
		this.proc = proc;
		running.add(proc);
		proc.once('exit', () => running.delete(proc));
		let output = '';
		const keep = (b: Buffer) => {
			output = (output + b.toString()).slice(-4000);
			this.log?.write(b);
		};
		proc.stdout!.on('data', keep);
		proc.stderr!.on('data', keep);
		this.exited = new Promise((done) => proc.once('exit', () => done()));
		const deadline = Date.now() + 30_000;
		while (Date.now() < deadline) {
			if (proc.exitCode !== null || proc.signalCode !== null)
				throw new Error(`server exited at start (${proc.exitCode ?? proc.signalCode}):\n${output}`);
			try {
				const res = await fetch(`${this.url}/healthz`);
				if (res.ok) return;
			} catch {
				// not listening yet
			}
			await sleep(50);
		}
		throw new Error(`server on ${this.port} did not answer /healthz in 30 s:\n${output}`);
	}

	/** SIGKILL: no shutdown code runs, like a power cut of the process. */
	async kill() {
		if (!this.proc || this.proc.exitCode !== null || this.proc.signalCode !== null) return;
		this.proc.kill('SIGKILL');
		await this.exited;
	}

	async stop() {
		if (!this.proc || this.proc.exitCode !== null || this.proc.signalCode !== null) return;
		this.proc.kill('SIGTERM');
		const timer = setTimeout(() => this.proc?.kill('SIGKILL'), 10_000);
		await this.exited;
		clearTimeout(timer);
	}

	async restart() {
		await this.launch();
	}

	async close() {
		await this.stop();
		this.log?.end();
	}
}
