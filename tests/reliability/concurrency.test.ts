import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { join } from 'node:path';
import { AppServer, dbDir, freshDb } from './lib/server';
import { Client } from './lib/http';
import {
	pay,
	payAllAtOnce,
	payableUnits,
	payPlain,
	preparePayment,
	receiptOf,
	receiptRunProblems,
	type PayableUnit,
	type PreparedPayment
} from './lib/fees';
import { checkLedger, paymentsWithKey, receiptSeqs, unitsOwing, withDb } from './lib/db';
import { messages } from './lib/messages';

/*
 * Concurrency of counter payments: a double-clicked (or retried) form posts once, simultaneous
 * payments get consecutive receipt numbers, and two clerks cannot both take the same bill. The
 * last part runs two server processes on one database file, so the transactions really overlap.
 */

const YEAR = 2026;
const zh = messages('zh-CN');
let server: AppServer;
let second: AppServer | null = null;
let db: string;
let owing: ReturnType<typeof unitsOwing>;
/** Units to pay for: those owing bills first, then any other unit paying six months ahead. */
let pool: PayableUnit[];
const figures = { requests: 0 };

beforeAll(async () => {
	db = freshDb(inject('templateDb'), inject('workDir'), 'concurrency');
	server = await AppServer.start({ dbFile: db, logFile: join(dbDir(db), 'server.log') });
	owing = unitsOwing(db);
	expect(
		owing.length,
		'units with unpaid bills in the demo data (for the two-clerk races)'
	).toBeGreaterThanOrEqual(10);
	// The first ten owing units are kept for the races.
	pool = payableUnits(db, 10);
	expect(pool.length).toBeGreaterThanOrEqual(51);
});

afterAll(async () => {
	await second?.close();
	await server?.close();
	console.log(`[concurrency] ${figures.requests} payment requests`);
});

describe('the same form submitted 50 times at once', () => {
	test('posts one payment with one receipt; every answer leads to it', async () => {
		const clerk = new Client(server.url);
		await clerk.login('clerk');
		const unit = pool[0];
		const p = await preparePayment(clerk, unit.code, { override: unit.override });
		const before = receiptSeqs(db, YEAR);

		// Half the way use:enhance posts (JSON), half as a plain HTML form (no JavaScript).
		const answers = await Promise.all(
			Array.from({ length: 50 }, async (_, i) => {
				if (i % 2 === 0) {
					const a = await pay(clerk, p);
					return {
						status: a.status,
						receipt: receiptOf(a),
						message: (a.data?.message as string) ?? null
					};
				}
				const a = await payPlain(clerk, p);
				return {
					status: a.status,
					receipt: receiptOf(a),
					message: a.status === 303 ? null : a.text
				};
			})
		);
		figures.requests += 50;

		const rows = paymentsWithKey(db, p.key);
		expect(rows).toHaveLength(1);
		expect(rows[0].total_fen).toBe(p.totalFen);
		expect(receiptSeqs(db, YEAR)).toHaveLength(before.length + 1);
		// Consistent: the receipt of the one payment, or a clear "already" (none needed today: replays answer with the receipt).
		for (const a of answers) {
			if (a.receipt) expect(a.receipt).toBe(rows[0].receipt_no);
			else expect(a.message ?? '', `answer ${a.status}`).toContain(zh.ledger_already_paid);
		}
		expect(answers.filter((a) => a.receipt).length).toBeGreaterThan(0);

		// A retry much later (the clerk pressed back and submitted again) still posts nothing.
		const again = await pay(clerk, p);
		figures.requests++;
		expect(receiptOf(again)).toBe(rows[0].receipt_no);
		expect(paymentsWithKey(db, p.key)).toHaveLength(1);
	});
});

describe('50 different payments at once', () => {
	// Across two app instances: instances-ledger.test.ts.
	test('get 50 consecutive receipt numbers, no gap, no duplicate', async () => {
		const clerk = new Client(server.url);
		await clerk.login('clerk');
		const before = receiptSeqs(db, YEAR);
		const { prepared, answers, receipts } = await payAllAtOnce([clerk], pool.slice(1, 51));
		figures.requests += 50;
		expect(
			receipts.every(Boolean),
			JSON.stringify(answers.filter((a) => !receiptOf(a)).map((a) => a.raw.slice(0, 200)))
		).toBe(true);
		expect(receiptRunProblems(receipts as string[], before[before.length - 1])).toEqual([]);
		for (const [i, p] of prepared.entries())
			expect(paymentsWithKey(db, p.key)).toEqual([
				{ receipt_no: receipts[i], total_fen: p.totalFen }
			]);
		expect(withDb(db, (d) => checkLedger(d).problems)).toEqual([]);
	});
});

describe('two clerks paying the same bill at once', () => {
	async function race(one: Client, two: Client, unitCode: string) {
		const [p1, p2] = await Promise.all([
			preparePayment(one, unitCode),
			preparePayment(two, unitCode)
		]);
		expect(p1.key).not.toBe(p2.key);
		expect(p1.totalFen).toBe(p2.totalFen);
		const [r1, r2] = await Promise.all([pay(one, p1), pay(two, p2)]);
		figures.requests += 2;
		return { p: [p1, p2] as PreparedPayment[], r: [r1, r2] };
	}

	function expectOneWinner({ p, r }: Awaited<ReturnType<typeof race>>) {
		const won = r.map((x) => receiptOf(x));
		expect(won.filter(Boolean), JSON.stringify(r.map((x) => x.raw.slice(0, 300)))).toHaveLength(1);
		const loser = r[won[0] ? 1 : 0];
		expect(loser.type).toBe('failure');
		expect(loser.status).toBe(409);
		// The clear message: already paid (or, if the bill changed under the form, the new total).
		const msg = String(loser.data?.message ?? '');
		expect(
			[zh.ledger_already_paid, zh.fees_error_stale.split('(')[0]].some((m) =>
				msg.startsWith(m.replace(/\{.*$/, ''))
			)
		).toBe(true);
		expect(paymentsWithKey(db, p[won[0] ? 1 : 0].key)).toHaveLength(0);
		expect(paymentsWithKey(db, p[won[0] ? 0 : 1].key)).toHaveLength(1);
	}

	test('on one server: one wins, the other is told the bill was just paid', async () => {
		const c1 = new Client(server.url);
		const c2 = new Client(server.url);
		await c1.login('clerk');
		await c2.login('clerk2');
		for (const u of owing.slice(0, 5)) expectOneWinner(await race(c1, c2, u.code));
	});

	test('on two servers sharing the database: the same', async () => {
		second = await AppServer.start({
			dbFile: db,
			avoid: [server.port],
			logFile: join(dbDir(db), 'server2.log')
		});
		const c1 = new Client(server.url);
		const c2 = new Client(second!.url);
		await c1.login('clerk');
		await c2.login('clerk2');
		for (const u of owing.slice(5, 10)) expectOneWinner(await race(c1, c2, u.code));
		expect(withDb(db, (d) => checkLedger(d).problems)).toEqual([]);
	});
});
