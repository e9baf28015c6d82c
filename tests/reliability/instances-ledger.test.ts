import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { join } from 'node:path';
import { AppServer, dbDir, freshDb } from './lib/server';
import { BASE_PORT } from './lib/env';
import { Client, type ActionAnswer } from './lib/http';
import {
	pay,
	payAllAtOnce,
	payableUnits,
	preparePayment,
	receiptOf,
	receiptRunProblems,
	type PayableUnit,
	type PreparedPayment
} from './lib/fees';
import {
	checkLedger,
	integrity,
	paymentKeys,
	paymentsWithKey,
	receiptSeqs,
	withDb
} from './lib/db';
import { acknowledgedProblems, type RunRecord } from './lib/crash';

/*
 * The ledger's guarantees across two app instances (two server processes on one database file, as
 * behind a load balancer), issue 22's three: concurrent payments spread over both get consecutive
 * receipt numbers; one form retried on both posts once; an instance SIGKILLed during a burst loses
 * no acknowledged payment. A receipt counter kept in a process's memory would give both instances
 * the same numbers (duplicates, or refusals by the unique index): the first test fails on it.
 */

const YEAR = 2026;
/** Payments of the burst during which instance A is killed, and the answers received before. */
const BURST = 60;
const KILL_AFTER = 12;
/** Payments after A's restart (A must go on with the same numbering). */
const AFTER_RESTART = 6;

let a: AppServer;
let b: AppServer;
let db: string;
let units: PayableUnit[];
const figures = { requests: 0, failedOver: 0 };

beforeAll(async () => {
	db = freshDb(inject('templateDb'), inject('workDir'), 'instances-ledger');
	const logFile = join(dbDir(db), 'server.log');
	a = await AppServer.start({ dbFile: db, port: BASE_PORT, logFile });
	b = await AppServer.start({ dbFile: db, port: BASE_PORT + 1, logFile });
	units = payableUnits(db);
	expect(units.length).toBeGreaterThanOrEqual(50 + 1 + BURST + AFTER_RESTART);
});

afterAll(async () => {
	await b?.close();
	await a?.close();
	console.log(
		`[instances-ledger] ${figures.requests} payment requests, ${figures.failedOver} sent again to B after A was killed`
	);
});

/** The next `n` units no test of this file has paid for (each unit's form posts once). */
const take = (n: number) => units.splice(0, n);

/** One clerk signed in once: a client on A and one on B holding the same session. */
async function clerkOnBoth(username: string): Promise<Client[]> {
	const onA = new Client(a.url);
	await onA.login(username);
	return [onA, onA.on(b.url)];
}

/** The clerks' community's last receipt number of the year (its sequence part). */
const lastSeq = () => receiptSeqs(db, YEAR).at(-1) ?? 0;

const refusals = (answers: ActionAnswer[]) =>
	JSON.stringify(answers.filter((x) => !receiptOf(x)).map((x) => x.raw.slice(0, 200)));

test('50 payments at once, alternating between the instances, get 50 consecutive receipt numbers', async () => {
	const clerk = await clerkOnBoth('clerk');
	const after = lastSeq();
	const { prepared, answers, receipts } = await payAllAtOnce(clerk, take(50));
	figures.requests += 50;
	expect(receipts.every(Boolean), refusals(answers)).toBe(true);
	expect(receiptRunProblems(receipts as string[], after)).toEqual([]);
	for (const [i, p] of prepared.entries())
		expect(paymentsWithKey(db, p.key)).toEqual([
			{ receipt_no: receipts[i], total_fen: p.totalFen }
		]);
	expect(withDb(db, (d) => checkLedger(d).problems)).toEqual([]);
});

test('one form posted 50 times at once over both instances posts one payment; every answer leads to it', async () => {
	const clerk = await clerkOnBoth('clerk');
	const [unit] = take(1);
	const p = await preparePayment(clerk[0], unit.code, { override: unit.override });
	const after = lastSeq();
	const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => pay(clerk[i % 2], p)));
	figures.requests += 50;
	const rows = paymentsWithKey(db, p.key);
	expect(rows).toHaveLength(1);
	expect(rows[0].total_fen).toBe(p.totalFen);
	expect(receiptRunProblems([rows[0].receipt_no], after)).toEqual([]);
	expect(
		answers.map((x) => receiptOf(x)),
		refusals(answers)
	).toEqual(Array(50).fill(rows[0].receipt_no));
	expect(lastSeq()).toBe(after + 1);
});

test('SIGKILL of one instance mid-burst: every acknowledged payment is there once, numbers gap-free', async () => {
	const clerk = await clerkOnBoth('clerk2');
	const run: RunRecord = { before: paymentKeys(db), planned: [], acked: [] };
	const after = lastSeq();
	const burst = await Promise.all(
		take(BURST).map((u, i) => preparePayment(clerk[i % 2], u.code, { override: u.override }))
	);
	run.planned.push(...burst.map((p) => p.key));
	const kill: { done: Promise<void> | null } = { done: null };
	const refused: string[] = [];

	/** Posts through instance i % 2; a post A died under goes to B with the same key, as a load balancer retries. */
	async function post(p: PreparedPayment, i: number) {
		let answer: ActionAnswer;
		try {
			answer = await pay(clerk[i % 2], p);
		} catch (e) {
			if (i % 2 || !kill.done) throw e; // only A is killed: anything else is a finding
			figures.failedOver++;
			answer = await pay(clerk[1], p);
		}
		figures.requests++;
		const receiptNo = receiptOf(answer);
		if (!receiptNo) return void refused.push(`${p.unitCode}: ${answer.raw.slice(0, 200)}`);
		run.acked.push({ key: p.key, unitCode: p.unitCode, receiptNo, totalFen: p.totalFen });
		if (run.acked.length === KILL_AFTER) kill.done = a.kill();
	}
	await Promise.all(burst.map(post));
	await kill.done;
	expect(refused).toEqual([]);
	expect(kill.done, 'A was killed during the burst').not.toBeNull();
	expect(figures.failedOver, 'posts in flight on A died with it').toBeGreaterThan(0);

	// A restarted on the same file goes on with the same numbering, beside B.
	await a.restart();
	const more = await payAllAtOnce(clerk, take(AFTER_RESTART));
	figures.requests += AFTER_RESTART;
	expect(more.receipts.every(Boolean), refusals(more.answers)).toBe(true);
	for (const [i, p] of more.prepared.entries()) {
		run.planned.push(p.key);
		run.acked.push({ ...p, receiptNo: more.receipts[i]! });
	}

	expect(withDb(db, integrity)).toBe('ok');
	expect(withDb(db, (d) => acknowledgedProblems(d, run))).toEqual([]);
	expect(
		receiptRunProblems(
			run.acked.map((x) => x.receiptNo),
			after
		)
	).toEqual([]);
});
