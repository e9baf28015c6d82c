/**
 * The benchmark community: 10,000 units, 60 months of property and parking bills (~1.2 M bills)
 * and the payments that settled them, written with prepared bulk inserts in ONE transaction.
 * Built once and cached under bench-out/ (keyed by GENERATOR_VERSION and the size options);
 * every bench run works on a fresh copy, so what the cases write never leaks into the cache.
 *
 * Who paid what (deterministic PRNG, so every machine gets the same data):
 * - 80 % of units are up to date (paid through this month, last month or the one before),
 *   15 % owe 3–18 months, 5 % owe 24–60 months (the late fee hits its 100 % cap there);
 * - the four older years were paid once a year: half in advance on the 5th of the year's first
 *   month (on time), half on its last month (the earlier months carry late fees);
 * - the last year: 60 % paid every month (a few after the 20th, with a late fee),
 *   40 % every quarter in advance.
 * Amounts come from the fees module's own rules (planBill, lateFeeWorking), so the counter
 * figures of the bench agree with what the app would compute.
 */
import {
	closeSync,
	copyFileSync,
	existsSync,
	fsyncSync,
	mkdirSync,
	openSync,
	readFileSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import { join, resolve } from 'node:path';
import { openDb, type Db } from '../../src/lib/server/db/index.ts';
import { ensureFeeItems } from '../../src/lib/server/fees/index.ts';
import {
	itemsWithRates,
	billingSettings,
	type ItemWithRates
} from '../../src/lib/server/fees/generate.ts';
import { planBill, type BillingUnit } from '../../src/lib/domain/billing.ts';
import { lateFeeWorking, formatLateFeeWorkingZh } from '../../src/lib/domain/late-fee.ts';
import { addMonths, localToEpochMs, monthDay } from '../../src/lib/dates.ts';
import { formatReceiptNo, RECEIPT_PREFIX } from '../../src/lib/server/ledger/index.ts';
import { forgetCommunity } from '../../src/lib/server/community/index.ts';
import { seededRandom as rng } from '../../src/lib/random.ts';
import { SURNAMES } from '../../src/lib/server/seed/names.ts';

/** Bump when the generated data changes shape: the cache is rebuilt. */
export const GENERATOR_VERSION = 3;

export interface DatasetOptions {
	units: number;
	months: number;
	/** The last billed month; "today" is in it (the 23rd). */
	lastMonth: string;
	outDir: string;
}

export const DEFAULT_DATASET: DatasetOptions = {
	units: 10_000,
	months: 60,
	lastMonth: '2026-11',
	outDir: 'bench-out'
};

export interface DatasetInfo {
	communityId: number;
	cashierIds: number[];
	timeZone: string;
	today: string;
	/** Epoch ms of "now" in the bench (today 10:00 local). */
	now: number;
	counts: { units: number; bills: number; payments: number; lines: number };
	buildSeconds: number;
}

export const BENCH_TZ = 'Asia/Shanghai';

/** The seeded generator the dataset and the bench's random picks share. */
export { rng };

const GIVEN = [
	'伟',
	'芳',
	'娜',
	'秀英',
	'敏',
	'静',
	'丽',
	'强',
	'磊',
	'军',
	'洋',
	'勇',
	'艳',
	'杰',
	'娟',
	'涛',
	'明',
	'超',
	'霞',
	'平',
	'刚',
	'建国',
	'建华',
	'志强',
	'晓东',
	'海燕',
	'春梅',
	'雪梅',
	'丽华',
	'文博',
	'子涵',
	'欣怡',
	'浩然',
	'雨桐',
	'梓轩',
	'思远',
	'嘉怡',
	'宇航',
	'俊杰',
	'慧敏'
];
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A unique 12-character base32 verify code from a counter (the app draws random ones). */
function codeOf(n: number): string {
	let s = '';
	let v = n * 7919 + 104729; // spread the numbers a little
	for (let i = 0; i < 12; i++) {
		s = BASE32[v % 32] + s;
		v = Math.floor(v / 32);
	}
	return s;
}

function cacheKey(o: DatasetOptions): string {
	return JSON.stringify({
		v: GENERATOR_VERSION,
		units: o.units,
		months: o.months,
		lastMonth: o.lastMonth
	});
}

function paths(o: DatasetOptions) {
	const dir = resolve(o.outDir);
	const name = `community-${o.units}u-${o.months}m`;
	return {
		dir,
		base: join(dir, `${name}.db`),
		meta: join(dir, `${name}.json`),
		run: join(dir, 'run.db')
	};
}

function removeDb(file: string): void {
	for (const f of [file, file + '-wal', file + '-shm']) rmSync(f, { force: true });
}

/**
 * A database with the benchmark community, ready to measure: the cached base copied to
 * bench-out/run.db (built first when missing, stale or `rebuild`). Migrations added since the
 * cache was built are applied by openDb on the copy.
 */
export function benchDatabase(
	o: DatasetOptions,
	opts: { rebuild?: boolean; log?: (s: string) => void } = {}
): { db: Db; info: DatasetInfo; built: boolean } {
	const log = opts.log ?? (() => {});
	const p = paths(o);
	mkdirSync(p.dir, { recursive: true });
	let info: DatasetInfo | null = null;
	if (!opts.rebuild && existsSync(p.base) && existsSync(p.meta)) {
		const meta = JSON.parse(readFileSync(p.meta, 'utf8')) as { key: string; info: DatasetInfo };
		if (meta.key === cacheKey(o)) info = meta.info;
	}
	let built = false;
	if (!info) {
		log(`building the benchmark community (${o.units} units × ${o.months} months) in ${p.base} …`);
		removeDb(p.base);
		info = build(p.base, o, log);
		writeFileSync(p.meta, JSON.stringify({ key: cacheKey(o), info }, null, 2));
		built = true;
	} else {
		log(`reusing ${p.base} (built in ${info.buildSeconds.toFixed(1)} s; --rebuild to regenerate)`);
	}
	removeDb(p.run);
	copyFileSync(p.base, p.run);
	// Flush the 700 MB copy before measuring: otherwise its write-back competes with the
	// fsync of every measured commit and the posting figures measure the copy, not the app.
	const fd = openSync(p.run, 'r+');
	fsyncSync(fd);
	closeSync(fd);
	forgetCommunity(); // community ids are per database
	return { db: openDb(p.run), info, built };
}

interface UnitGen extends BillingUnit {
	id: number;
	code: string;
	ownerName: string;
	/** Index of the last month paid (−1: nothing ever). */
	paidThrough: number;
	oldStyle: 'advance' | 'late';
	recentStyle: 'monthly' | 'quarterly';
}

interface PayEvent {
	date: string;
	unit: number;
	from: number;
	to: number;
}

function build(file: string, o: DatasetOptions, log: (s: string) => void): DatasetInfo {
	const started = performance.now();
	const db = openDb(file);
	const sqlite = db.$client;
	// One writer, a throw-away file until it is complete: no journal fsyncs, a big page cache.
	sqlite.pragma('journal_mode = DELETE');
	sqlite.pragma('synchronous = OFF');
	sqlite.pragma('cache_size = -400000');
	const random = rng(20261123);
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
	const firstMonth = addMonths(o.lastMonth, -(o.months - 1));
	const months = Array.from({ length: o.months }, (_, i) => addMonths(firstMonth, i));
	const today = monthDay(o.lastMonth, 23);
	const lastPayDay = monthDay(o.lastMonth, 22);
	const createdAt = localToEpochMs(`${firstMonth}-01`, '08:00', BENCH_TZ);

	const counts = { units: 0, bills: 0, payments: 0, lines: 0 };
	let communityId = 0;
	const cashierIds: number[] = [];
	const units: UnitGen[] = [];

	sqlite.transaction(() => {
		communityId = Number(
			sqlite
				.prepare(
					`INSERT INTO communities (code, name, centre_name, time_zone, settings, created_at)
					VALUES ('BENCH', '基准测试花园', '基准测试花园管理处客户服务中心', ?, '{}', ?)`
				)
				.run(BENCH_TZ, createdAt).lastInsertRowid
		);
		const staff = sqlite.prepare(
			`INSERT INTO staff_users (community_id, username, display_name, work_no, role, password_hash, active, created_at) VALUES (?, ?, ?, ?, 'clerk', 'x', 1, ?)`
		);
		for (const [i, name] of ['赵收银', '钱收银', '孙收银', '李收银'].entries()) {
			cashierIds.push(
				Number(
					staff.run(communityId, `bench-clerk${i + 1}`, name, `B00${i + 1}`, createdAt)
						.lastInsertRowid
				)
			);
		}

		// Units 1-1-101 … 25-2-2508: 25 buildings × 2 entrances × 25 floors × 8 rooms.
		const unitSql = sqlite.prepare(
			`INSERT INTO units (community_id, building, entrance, room, code, area_centi, occupancy,
				handover_notice_date, parking_spaces, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, '2021-10-01', ?, ?)`
		);
		const ownerSql = sqlite.prepare(
			`INSERT INTO owners (community_id, name, phone, id_type, id_number, owner_type, created_at) VALUES (?, ?, ?, 'id_card', ?, 'individual', ?)`
		);
		const linkSql = sqlite.prepare(
			`INSERT INTO unit_owners (unit_id, owner_id, role) VALUES (?, ?, 'owner')`
		);
		outer: for (let b = 1; b <= 25; b++)
			for (let e = 1; e <= 2; e++)
				for (let floor = 1; floor <= 25; floor++)
					for (let r = 1; r <= 8; r++) {
						if (units.length >= o.units) break outer;
						const room = `${floor}${String(r).padStart(2, '0')}`;
						const code = `${b}-${e}-${room}`;
						const areaCenti = 6000 + Math.floor(random() * 12000);
						const occupancy = random() < 0.03 ? 'not_handed_over' : 'occupied';
						const parkingSpaces = random() < 0.95 ? 1 : 0;
						const id = Number(
							unitSql.run(
								communityId,
								String(b),
								String(e),
								room,
								code,
								areaCenti,
								occupancy,
								parkingSpaces,
								createdAt
							).lastInsertRowid
						);
						const ownerName = pick([...SURNAMES]) + pick(GIVEN);
						const phone = `13${String(units.length * 7 + 100000000).slice(-9)}`;
						const ownerId = Number(
							ownerSql.run(
								communityId,
								ownerName,
								phone,
								`33010019800101${String(units.length).padStart(4, '0')}`,
								createdAt
							).lastInsertRowid
						);
						linkSql.run(id, ownerId);
						const x = random();
						const last = o.months - 1;
						const paidThrough =
							x < 0.8
								? last - pick([0, 0, 0, 1, 1, 2])
								: x < 0.95
									? last - (3 + Math.floor(random() * 16))
									: last - (24 + Math.floor(random() * 37));
						units.push({
							id,
							code,
							ownerName,
							areaCenti,
							parkingSpaces,
							occupancy,
							handoverNoticeDate: '2021-10-01',
							paidThrough: Math.max(-1, paidThrough),
							oldStyle: random() < 0.5 ? 'advance' : 'late',
							recentStyle: random() < 0.6 ? 'monthly' : 'quarterly'
						});
					}
		counts.units = units.length;
		log(`  ${units.length} units and owners`);

		// Bills: every unit, every month, property + parking, amounts by the fees rules.
		ensureFeeItems(db, communityId); // nested: a savepoint inside this transaction
		forgetCommunity(communityId);
		const items: ItemWithRates[] = itemsWithRates(db, communityId);
		const settings = billingSettings(db, communityId, months[0]); // no dated changes in a fresh bench database
		const billSql = sqlite.prepare(
			`INSERT INTO bills (community_id, unit_id, fee_item_id, month, due_date, principal_fen, full_fen,
				vacancy_percent, rate_fen, source, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'monthly', ?)`
		);
		// billOf[(unit × months + month) × items + item] = { id, principal, due }; 0 id = no bill.
		const nItems = items.length;
		const billId = new Int32Array(units.length * o.months * nItems);
		const billPrincipal = new Int32Array(billId.length);
		const billFull = new Int32Array(billId.length);
		const billVacancy = new Int16Array(billId.length);
		const dueDates = months.map((m) => monthDay(m, settings.dueDay));
		for (let u = 0; u < units.length; u++) {
			for (let mi = 0; mi < o.months; mi++) {
				const monthAt = localToEpochMs(`${months[mi]}-01`, '02:00', BENCH_TZ);
				for (let it = 0; it < nItems; it++) {
					const plan = planBill(items[it], items[it].rates, units[u], months[mi], settings);
					if (!plan) continue;
					const k = (u * o.months + mi) * nItems + it;
					billId[k] = Number(
						billSql.run(
							communityId,
							units[u].id,
							items[it].id,
							months[mi],
							plan.dueDate,
							plan.principalFen,
							plan.fullFen,
							plan.vacancyPercent,
							plan.rateFen,
							monthAt
						).lastInsertRowid
					);
					billPrincipal[k] = plan.principalFen;
					billFull[k] = plan.fullFen;
					billVacancy[k] = plan.vacancyPercent;
					counts.bills++;
				}
			}
		}
		log(`  ${counts.bills} bills`);

		// Payment events, then posted in date order so receipt numbers run with the calendar.
		const events: PayEvent[] = [];
		const recentStart = Math.max(0, o.months - 12);
		const day = (mi: number, d: number) => {
			const date = monthDay(months[mi], d);
			return date > lastPayDay ? lastPayDay : date;
		};
		for (let u = 0; u < units.length; u++) {
			const unit = units[u];
			for (let start = 0; start < recentStart; start += 12) {
				const end = Math.min(start + 11, recentStart - 1, unit.paidThrough);
				if (end < start) break;
				const date =
					unit.oldStyle === 'advance'
						? day(start, 5)
						: day(start + 11, 10 + Math.floor(random() * 19));
				events.push({ date, unit: u, from: start, to: end });
			}
			const step = unit.recentStyle === 'monthly' ? 1 : 3;
			for (let start = recentStart; start < o.months; start += step) {
				const end = Math.min(start + step - 1, unit.paidThrough);
				if (end < start) break;
				// Monthly payers mostly pay before the 20th; one in ten a few days late.
				const d =
					step === 1
						? random() < 0.9
							? 1 + Math.floor(random() * 19)
							: 21 + Math.floor(random() * 8)
						: 1 + Math.floor(random() * 15);
				events.push({ date: day(start, d), unit: u, from: start, to: end });
			}
		}
		events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.unit - b.unit));

		const paySql =
			sqlite.prepare(`INSERT INTO payments (community_id, receipt_no, receipt_year, receipt_seq, purpose,
				unit_id, payer_name, method, method_ref, bank, total_fen, tendered_fen, change_fen, cashier_id,
				idempotency_key, verify_code, local_date, created_at)
			VALUES (?, ?, ?, ?, 'fees', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
		const lineSql = sqlite.prepare(
			`INSERT INTO payment_lines (payment_id, kind, bill_id, item_code, description, amount_fen, detail) VALUES (?, ?, ?, ?, ?, ?, ?)`
		);
		const seqByYear = new Map<number, number>();
		let perDay = 0;
		let lastDate = '';
		const METHODS = [
			'cash',
			'cash',
			'cash',
			'cash',
			'wechat',
			'wechat',
			'wechat',
			'alipay',
			'alipay',
			'card',
			'transfer'
		] as const;
		const zh = (m: string) => `${m.slice(0, 4)}年${m.slice(5, 7)}月`;
		for (const ev of events) {
			const unit = units[ev.unit];
			const lines: [
				kind: string,
				billId: number,
				itemCode: string,
				description: string,
				amount: number,
				detail: string
			][] = [];
			for (let mi = ev.from; mi <= ev.to; mi++) {
				for (let it = 0; it < nItems; it++) {
					const k = (ev.unit * o.months + mi) * nItems + it;
					if (!billId[k]) continue;
					const item = items[it];
					const base = {
						month: months[mi],
						itemNameZh: item.nameZh,
						itemNameEn: item.nameEn,
						dueDate: dueDates[mi]
					};
					lines.push([
						'principal',
						billId[k],
						item.code,
						`${item.nameZh} ${zh(months[mi])}`,
						billPrincipal[k],
						JSON.stringify({
							...base,
							principalFen: billPrincipal[k],
							fullFen: billFull[k],
							vacancyPercent: billVacancy[k]
						})
					]);
					if (ev.date > dueDates[mi]) {
						const working = lateFeeWorking({
							principalFen: billPrincipal[k],
							dueDate: dueDates[mi],
							asOf: ev.date
						});
						if (working.fen > 0) {
							lines.push([
								'late_fee',
								billId[k],
								item.code,
								`${item.nameZh}滞纳金 ${zh(months[mi])}`,
								working.fen,
								JSON.stringify({
									...base,
									asOf: ev.date,
									working,
									workingZh: formatLateFeeWorkingZh(working),
									lateFeeFen: working.fen,
									paidBeforeFen: 0
								})
							]);
						}
					}
				}
			}
			if (lines.length === 0) continue;
			const total = lines.reduce((s, l) => s + l[4], 0);
			const year = Number(ev.date.slice(0, 4));
			const seq = (seqByYear.get(year) ?? 0) + 1;
			seqByYear.set(year, seq);
			perDay = ev.date === lastDate ? perDay + 1 : 0;
			lastDate = ev.date;
			const at = localToEpochMs(ev.date, '08:30', BENCH_TZ, perDay * 50_000);
			const method = pick(METHODS);
			const tendered = method === 'cash' ? Math.ceil(total / 10000) * 10000 : null;
			const n = counts.payments + 1;
			const paymentId = Number(
				paySql.run(
					communityId,
					formatReceiptNo(RECEIPT_PREFIX, year, seq),
					year,
					seq,
					unit.id,
					unit.ownerName,
					method,
					method === 'cash' ? '' : `REF${String(n).padStart(10, '0')}`,
					method === 'transfer' ? '中国建设银行' : '',
					total,
					tendered,
					tendered === null ? null : tendered - total,
					cashierIds[n % cashierIds.length],
					`bench-${n}`,
					codeOf(n),
					ev.date,
					at
				).lastInsertRowid
			);
			for (const l of lines) lineSql.run(paymentId, l[0], l[1], l[2], l[3], l[4], l[5]);
			counts.payments++;
			counts.lines += lines.length;
		}
		log(`  ${counts.payments} payments with ${counts.lines} lines`);
	})();
	// No ANALYZE: a production database never gets one, so the bench measures the same query plans.
	sqlite.pragma('journal_mode = WAL');
	sqlite.close();
	forgetCommunity();
	const now = localToEpochMs(today, '10:00', BENCH_TZ);
	return {
		communityId,
		cashierIds,
		timeZone: BENCH_TZ,
		today,
		now,
		counts,
		buildSeconds: (performance.now() - started) / 1000
	};
}
