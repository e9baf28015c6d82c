import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppServer, dbDir, freshDb } from './server';
import { Client } from './http';
import { formOnPage, prepayNextMonth, type Prepaid, type Sender } from './fees';
import { seedDatabase } from './env';
import { clerkUnitCodes, integrity, openLive, paymentKeys, quickCheck, withDb } from './db';
import { isPgUrl } from '../../../src/lib/server/db/pg-client';
import type Database from 'better-sqlite3';
import { checkLedger } from '../../../src/lib/server/backup/verify';
import { messages } from './messages';

/*
 * The crash test: counter payments through the real form against the built server while it is
 * killed with SIGKILL at random moments and started again. A client that loses an answer retries
 * the same request with the same idempotency key, as a browser retry would. Afterwards the
 * database must be intact, hold every payment whose receipt number reached the client exactly
 * once, number receipts without a gap, and balance.
 */

export interface CrashOptions {
	payments: number;
	/** Requests in flight at once (several clerks at their counters). */
	concurrency?: number;
	/** A kill comes after a random pause in this range (ms of the server being up). */
	killAfterMs?: [number, number];
	/** At least this many kills happen before the last payment (default 3). */
	minKills?: number;
	templateDb?: string;
	workDir?: string;
	log?: (line: string) => void;
}

export interface CrashFigures {
	payments: number;
	acknowledged: number;
	kills: number;
	requests: number;
	/** Requests that died with the server and were sent again. */
	retried: number;
	/** Payments retried after a lost answer and found already posted (answered with their first receipt). */
	replayedAfterLoss: number;
	integrityChecks: number;
	ms: number;
	problems: string[];
	dbFile: string;
}

type Acked = Prepaid;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runCrashTest(opts: CrashOptions): Promise<CrashFigures> {
	const log = opts.log ?? (() => {});
	const started = Date.now();
	const workDir = opts.workDir ?? mkdtempSync(join(tmpdir(), 'frontdesk-crash-'));
	mkdirSync(workDir, { recursive: true });
	let template = opts.templateDb;
	if (!template || (!isPgUrl(template) && !existsSync(template))) {
		log('seeding a fresh demo database…');
		template = seedDatabase(join(workDir, 'template.db'));
	}
	const dbFile = freshDb(template, workDir, 'crash');
	const zh = messages('zh-CN');
	const concurrency = opts.concurrency ?? 4;
	const [killMin, killMax] = opts.killAfterMs ?? [100, 2500];

	const server = await AppServer.start({ dbFile, logFile: join(dbDir(dbFile), 'server.log') });
	const figures: CrashFigures = {
		payments: opts.payments,
		acknowledged: 0,
		kills: 0,
		requests: 0,
		retried: 0,
		replayedAfterLoss: 0,
		integrityChecks: 0,
		ms: 0,
		problems: [],
		dbFile
	};
	const before = paymentKeys(dbFile);

	let killer: Promise<void> = Promise.resolve();
	let done = false;
	// Kills come at random moments, and also whenever payments get ahead of the kill count: on a quiet
	// machine the whole run can finish within the random pauses, so it would prove nothing.
	const minKills = opts.minKills ?? 3;
	let wake: () => void = () => {};
	const nextMonths = new Map<string, number>();
	const acked: Acked[] = [];
	const planned: string[] = [];
	try {
		// The server is up while `up` is resolved; the killer swaps in a pending promise while it is down.
		let up: Promise<void> = Promise.resolve();

		const clerk = new Client(server.url);
		await clerk.login('clerk');
		// The fields this test posts must be the form's own (if the form changes, this fails loudly).
		const units = clerkUnitCodes(dbFile);
		const names = new Set((await formOnPage(clerk, units[0])).map(([k]) => k));
		for (const f of ['idem', 'prepay', 'method', 'payerName'])
			if (!names.has(f)) throw new Error(`the payment form has no field "${f}" any more`);

		/** Sends a request; while the server is down (or dies mid-request) waits and sends it again. */
		const send: Sender = async (fn) => {
			let retried = false;
			for (;;) {
				await up;
				figures.requests++;
				try {
					const a = await fn();
					// A 5xx means the server broke, not that it was killed: that is a finding, not a retry.
					return { a, retried };
				} catch {
					figures.retried++;
					retried = true;
					await sleep(20);
				}
			}
		};

		async function onePayment(i: number) {
			const key = randomUUID();
			planned.push(key);
			const p = await prepayNextMonth(
				clerk,
				units[i % units.length],
				key,
				nextMonths,
				zh.ledger_nothing_selected,
				send,
				`CRASH-${i}`
			);
			if (p.retried) figures.replayedAfterLoss++;
			acked.push(p);
			if (
				figures.kills < minKills &&
				acked.length >= ((figures.kills + 1) * opts.payments) / (minKills + 1)
			)
				wake();
		}

		killer = (async () => {
			while (!done) {
				await Promise.race([
					sleep(killMin + Math.random() * (killMax - killMin)),
					new Promise<void>((r) => (wake = r))
				]);
				if (done) break;
				let release!: () => void;
				up = new Promise((r) => (release = r));
				await server.kill();
				figures.kills++;
				await server.restart();
				// The restarted server recovered the WAL: the file must be intact after every kill.
				const check = withDb(dbFile, quickCheck);
				figures.integrityChecks++;
				if (check !== 'ok')
					figures.problems.push(`after kill ${figures.kills}: quick check ${check}`);
				release();
				if (figures.kills % 10 === 0)
					log(`${figures.kills} kills, ${acked.length}/${opts.payments} payments acknowledged`);
			}
		})();

		let next = 0;
		await Promise.all(
			Array.from({ length: concurrency }, async () => {
				while (next < opts.payments) await onePayment(next++);
			})
		);
	} finally {
		// Whatever happened, no server is left running.
		done = true;
		await killer;
		await server.close();
	}

	figures.acknowledged = acked.length;
	const db = openLive(dbFile);
	try {
		const integ = integrity(db);
		figures.integrityChecks++;
		if (integ !== 'ok') figures.problems.push(`integrity_check: ${integ}`);
		figures.problems.push(...acknowledgedProblems(db, { before, planned, acked }));
	} finally {
		db.close();
	}
	figures.ms = Date.now() - started;
	return figures;
}

/** A run's payments, to hold against the database afterwards. */
export interface RunRecord {
	/** Idempotency keys in the database before the run (the seed's payments). */
	before: Set<string>;
	/** Every key the run sent. */
	planned: string[];
	/** The payments answered with a receipt. */
	acked: Pick<Prepaid, 'key' | 'unitCode' | 'receiptNo' | 'totalFen'>[];
}

/**
 * What must hold after a run however its servers died: every acknowledged payment stored once, as
 * answered; no payment of the run that nobody was told of; no receipt answered twice; the ledger
 * balanced, its receipt numbers gap-free.
 */
export function acknowledgedProblems(db: Database.Database, run: RunRecord): string[] {
	const problems: string[] = [];
	const byKey = db.prepare('SELECT receipt_no, total_fen FROM payments WHERE idempotency_key = ?');
	for (const a of run.acked) {
		const rows = byKey.all(a.key) as { receipt_no: string; total_fen: number }[];
		if (rows.length !== 1)
			problems.push(`${a.receiptNo} (${a.unitCode}): ${rows.length} payments with its key`);
		else if (rows[0].receipt_no !== a.receiptNo || rows[0].total_fen !== a.totalFen)
			problems.push(`${a.receiptNo}: stored as ${rows[0].receipt_no} ¥${rows[0].total_fen / 100}`);
	}
	const ours = (db.prepare('SELECT idempotency_key AS k FROM payments').all() as { k: string }[])
		.map((r) => r.k)
		.filter((k) => !run.before.has(k));
	const planned = new Set(run.planned);
	const ackedKeys = new Set(run.acked.map((a) => a.key));
	for (const k of ours) {
		if (!planned.has(k)) problems.push(`a payment nobody sent: ${k}`);
		else if (!ackedKeys.has(k)) problems.push(`payment ${k} posted but never answered`);
	}
	if (new Set(run.acked.map((a) => a.receiptNo)).size !== run.acked.length)
		problems.push('a receipt number was answered twice');
	problems.push(...checkLedger(db).problems);
	return problems;
}
