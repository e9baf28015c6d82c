import { describe, expect, it } from 'vitest';
import {
	AGE_BUCKETS,
	advanceRolls,
	dayLines,
	sumDayLines,
	ageBuckets,
	cashDifference,
	dailySeries,
	datesOf,
	depositRoll,
	expectedCash,
	lateFeesCharged,
	limitBreaches,
	netBy,
	niceMax,
	parsePeriod,
	periodIncome,
	reconcileCollections,
	reportKind,
	settledOn,
	totalOf,
	type BillLedger,
	type SumRow
} from './report';

/*
 * A fixed day, 2026-11-23, by hand:
 *   R1 cash   cashier 1  property 256.80 + its late fee 20.03          = 276.83
 *   R2 wechat cashier 2  parking 150.00 (voided the same day)          = 150.00
 *   R3 cash   cashier 2  renovation deposit 2000.00 + debris fee 270.00 = 2270.00
 *   V1 void today of a card receipt of 11-20, cashier 1, property 300.00
 *   V2 void today of R2
 * receipts 2696.83 − voids 450.00 = 2246.83.
 */
type Line = { receipt: string; item: string; method: string; cashier: number; fen: number };
const received: Line[] = [
	{ receipt: 'R1', item: 'property:principal', method: 'cash', cashier: 1, fen: 25680 },
	{ receipt: 'R1', item: 'property:late_fee', method: 'cash', cashier: 1, fen: 2003 },
	{ receipt: 'R2', item: 'parking:principal', method: 'wechat', cashier: 2, fen: 15000 },
	{ receipt: 'R3', item: 'renovation_deposit:deposit', method: 'cash', cashier: 2, fen: 200000 },
	{ receipt: 'R3', item: 'debris_fee:charge', method: 'cash', cashier: 2, fen: 27000 }
];
const voided: Line[] = [
	{ receipt: 'V1', item: 'property:principal', method: 'card', cashier: 1, fen: 30000 },
	{ receipt: 'R2', item: 'parking:principal', method: 'wechat', cashier: 2, fen: 15000 }
];
const rows = (lines: Line[], key: (l: Line) => string): SumRow[] =>
	lines.map((l) => ({ key: key(l), fen: l.fen, count: 1 }));
/** Receipt-level rows (one per receipt) for method and cashier: the SQL groups payments, not lines. */
function perReceipt(lines: Line[], key: (l: Line) => string): SumRow[] {
	const out = new Map<string, SumRow>();
	for (const l of lines) {
		const r = out.get(l.receipt) ?? { key: key(l), fen: 0, count: 1 };
		r.fen += l.fen;
		out.set(l.receipt, r);
	}
	return [...out.values()];
}

describe('collections', () => {
	const byItem = netBy(
		rows(received, (l) => l.item),
		rows(voided, (l) => l.item),
		['property:principal', 'property:late_fee', 'parking:principal']
	);
	const byMethod = netBy(
		perReceipt(received, (l) => l.method),
		perReceipt(voided, (l) => l.method),
		['cash', 'cheque', 'card', 'transfer', 'wechat', 'alipay']
	);
	const byCashier = netBy(
		perReceipt(received, (l) => String(l.cashier)),
		perReceipt(voided, (l) => String(l.cashier))
	);

	it('nets each item: received − voided, in the given order, the rest sorted', () => {
		expect(byItem.map((l) => [l.key, l.receivedFen, l.voidedFen, l.netFen])).toEqual([
			['property:principal', 25680, 30000, -4320],
			['property:late_fee', 2003, 0, 2003],
			['parking:principal', 15000, 15000, 0],
			['debris_fee:charge', 27000, 0, 27000],
			['renovation_deposit:deposit', 200000, 0, 200000]
		]);
	});

	it('nets by method and by cashier', () => {
		expect(
			byMethod.map((l) => [l.key, l.receivedCount, l.receivedFen, l.voidedCount, l.netFen])
		).toEqual([
			['cash', 2, 254683, 0, 254683],
			['card', 0, 0, 1, -30000],
			['wechat', 1, 15000, 1, 0]
		]);
		expect(byCashier.map((l) => [l.key, l.netFen])).toEqual([
			['1', -2317],
			['2', 227000]
		]);
	});

	it('totals and reconciles: by item = by method = by cashier = receipts − voids', () => {
		expect(totalOf(byMethod)).toEqual({
			receivedFen: 269683,
			receivedCount: 3,
			voidedFen: 45000,
			voidedCount: 2,
			netFen: 224683
		});
		const rec = reconcileCollections({
			receiptsFen: 269683,
			voidsFen: 45000,
			byItem,
			byMethod,
			byCashier
		});
		expect(rec).toEqual({
			receiptsFen: 269683,
			voidsFen: 45000,
			netFen: 224683,
			byItemFen: 224683,
			byMethodFen: 224683,
			byCashierFen: 224683,
			ok: true
		});
	});

	it('says when the figures do not agree', () => {
		const rec = reconcileCollections({
			receiptsFen: 269683,
			voidsFen: 45000,
			byItem: byItem.slice(1),
			byMethod,
			byCashier
		});
		expect(rec.ok).toBe(false);
		expect(rec.byItemFen).toBe(229003);
	});

	it('leaves out keys with nothing in them and adds up repeated keys', () => {
		const lines = netBy(
			[
				{ key: 'a', fen: 100, count: 1 },
				{ key: 'a', fen: 50, count: 2 },
				{ key: 'b', fen: 0, count: 0 }
			],
			[]
		);
		expect(lines).toEqual([
			{ key: 'a', receivedFen: 150, receivedCount: 3, voidedFen: 0, voidedCount: 0, netFen: 150 }
		]);
	});

	it('gives the net per day with empty days as zero', () => {
		expect(
			dailySeries(
				'2026-11-20',
				'2026-11-23',
				[
					{ key: '2026-11-20', fen: 30000, count: 1 },
					{ key: '2026-11-23', fen: 269683, count: 3 }
				],
				[{ key: '2026-11-23', fen: 45000, count: 2 }]
			)
		).toEqual([
			{ date: '2026-11-20', fen: 30000 },
			{ date: '2026-11-21', fen: 0 },
			{ date: '2026-11-22', fen: 0 },
			{ date: '2026-11-23', fen: 224683 }
		]);
		expect(datesOf('2026-12-30', '2027-01-02')).toEqual([
			'2026-12-30',
			'2026-12-31',
			'2027-01-01',
			'2027-01-02'
		]);
	});
});

describe('deposits', () => {
	it('rolls held at the day before + taken − voided − refunded − deducted = held at the end', () => {
		const roll = depositRoll(
			[
				{ itemCode: 'renovation_deposit', heldFen: 400000 },
				{ itemCode: 'pass_deposit', heldFen: 15000 }
			],
			[
				{
					itemCode: 'renovation_deposit',
					takenFen: 200000,
					voidedFen: 0,
					refundedFen: 180000,
					deductedFen: 20000
				},
				{
					itemCode: 'pass_deposit',
					takenFen: 10000,
					voidedFen: 5000,
					refundedFen: 5000,
					deductedFen: 0
				}
			],
			[
				{ itemCode: 'renovation_deposit', heldFen: 400000 },
				{ itemCode: 'pass_deposit', heldFen: 15000 }
			]
		);
		expect(roll.ok).toBe(true);
		expect(roll.total).toEqual({
			itemCode: '',
			heldBeforeFen: 415000,
			takenFen: 210000,
			voidedFen: 5000,
			refundedFen: 185000,
			deductedFen: 20000,
			heldAfterFen: 415000,
			ok: true
		});
	});

	it('flags an item whose roll does not hold', () => {
		const roll = depositRoll(
			[{ itemCode: 'x', heldFen: 100 }],
			[{ itemCode: 'x', takenFen: 50, voidedFen: 0, refundedFen: 0, deductedFen: 0 }],
			[{ itemCode: 'x', heldFen: 140 }]
		);
		expect(roll.ok).toBe(false);
		expect(roll.lines[0].ok).toBe(false);
	});
});

describe('income', () => {
	it('takes deposits out of net collections and counts a deduction as income of its day', () => {
		// ¥2,446.83 net, of which a ¥2,000 deposit; ¥350 kept from an earlier deposit today.
		expect(periodIncome(244683, { takenFen: 200000, voidedFen: 0, deductedFen: 35000 })).toEqual({
			depositsNetFen: 200000,
			deductionIncomeFen: 35000,
			incomeFen: 79683
		});
		// A voided deposit receipt leaves both net collections and deposits: income unchanged.
		expect(periodIncome(-200000, { takenFen: 0, voidedFen: 200000, deductedFen: 0 })).toEqual({
			depositsNetFen: -200000,
			deductionIncomeFen: 0,
			incomeFen: 0
		});
	});
});

describe('late fees charged', () => {
	const rule = { ratePerMille: 3, capPercent: 100 };
	const bill = (over: Partial<BillLedger>): BillLedger => ({
		billId: 1,
		principalFen: 0,
		dueDate: '2026-03-20',
		principalPayments: [],
		lateFeePaidFen: 0,
		lateFeeWaivedFen: 0,
		...over
	});
	const bills: BillLedger[] = [
		// DOMAIN.md's example: 26 days × 256.80 × 3‰ = 20.03, paid with the principal.
		bill({
			billId: 1,
			principalFen: 25680,
			dueDate: '2026-03-20',
			principalPayments: [{ date: '2026-04-15', principalFen: 25680 }],
			lateFeePaidFen: 2003
		}),
		// 40.00 paid 10 days late, 60.00 paid 85 days late: (4000×10 + 6000×85) × 3 ÷ 1000 = 16.50; 10.00 waived.
		bill({
			billId: 2,
			principalFen: 10000,
			dueDate: '2026-01-20',
			principalPayments: [
				{ date: '2026-01-30', principalFen: 4000 },
				{ date: '2026-04-15', principalFen: 6000 }
			],
			lateFeeWaivedFen: 1000
		}),
		// Settled before the period: not today's.
		bill({
			billId: 3,
			principalFen: 9000,
			dueDate: '2026-02-20',
			principalPayments: [{ date: '2026-03-01', principalFen: 9000 }]
		}),
		// Only partly paid: not settled, its late fee still grows.
		bill({
			billId: 4,
			principalFen: 5000,
			dueDate: '2026-02-20',
			principalPayments: [{ date: '2026-04-15', principalFen: 2000 }]
		}),
		// Paid before its due date: settled, no late fee.
		bill({
			billId: 5,
			principalFen: 8000,
			dueDate: '2026-04-20',
			principalPayments: [{ date: '2026-04-15', principalFen: 8000 }]
		})
	];

	it('is the late fee of the bills settled in the period = collected + waived + still owed', () => {
		expect(lateFeesCharged(bills, '2026-04-15', '2026-04-15', rule)).toEqual({
			bills: 3,
			billsWithFee: 2,
			chargedFen: 3653,
			collectedFen: 2003,
			waivedFen: 1000,
			owedFen: 650
		});
	});

	it('clips overpaid and overwaived amounts so the parts add up', () => {
		const r = lateFeesCharged(
			[{ ...bills[0], lateFeePaidFen: 2500, lateFeeWaivedFen: 100 }],
			'2026-04-15',
			'2026-04-15',
			rule
		);
		expect(r).toEqual({
			bills: 1,
			billsWithFee: 1,
			chargedFen: 2003,
			collectedFen: 2003,
			waivedFen: 0,
			owedFen: 0
		});
	});

	it('knows the settling date', () => {
		expect(settledOn(bills[1])).toBe('2026-04-15');
		expect(settledOn(bills[3])).toBeNull();
		expect(
			settledOn({
				principalFen: 100,
				principalPayments: [
					{ date: '2026-05-02', principalFen: 60 },
					{ date: '2026-05-01', principalFen: 40 }
				]
			})
		).toBe('2026-05-02');
	});
});

describe('period', () => {
	const today = '2026-11-23';
	it('defaults to today and takes a date or a range', () => {
		expect(parsePeriod({}, today)).toEqual({ ok: true, from: today, to: today, days: 1 });
		expect(parsePeriod({ date: ' 2026-11-20 ' }, today)).toEqual({
			ok: true,
			from: '2026-11-20',
			to: '2026-11-20',
			days: 1
		});
		expect(parsePeriod({ from: '2026-11-01', to: '2026-11-23' }, today)).toEqual({
			ok: true,
			from: '2026-11-01',
			to: '2026-11-23',
			days: 23
		});
		expect(parsePeriod({ from: '2026-11-01' }, today)).toMatchObject({
			ok: true,
			from: '2026-11-01',
			to: '2026-11-01'
		});
		expect(parsePeriod({ to: '2026-11-02' }, today)).toMatchObject({
			ok: true,
			from: '2026-11-02',
			to: '2026-11-02'
		});
		expect(parsePeriod({ from: '2025-11-23', to: today }, today)).toMatchObject({
			ok: true,
			days: 366
		});
	});

	it('refuses malformed dates, reversed and future periods, more than a year', () => {
		for (const date of ['abc', '2026-02-30', '2026-1-5', '20261123', '2026-11-23T00:00'])
			expect(parsePeriod({ date }, today)).toEqual({ ok: false, error: 'malformed' });
		expect(parsePeriod({ from: '2026-11-01', to: 'x' }, today)).toEqual({
			ok: false,
			error: 'malformed'
		});
		expect(parsePeriod({ from: '2026-11-23', to: '2026-11-01' }, today)).toEqual({
			ok: false,
			error: 'reversed'
		});
		expect(parsePeriod({ date: '2026-11-24' }, today)).toEqual({ ok: false, error: 'future' });
		expect(parsePeriod({ from: '2026-11-01', to: '2026-12-01' }, today)).toEqual({
			ok: false,
			error: 'future'
		});
		expect(parsePeriod({ from: '2025-11-22', to: today }, today)).toEqual({
			ok: false,
			error: 'too_long'
		});
	});

	it('names a day 日报, a whole calendar month 月报 and any other range 期间报表', () => {
		expect(reportKind('2026-11-23', '2026-11-23')).toBe('day');
		expect(reportKind('2026-10-01', '2026-10-31')).toBe('month');
		expect(reportKind('2024-02-01', '2024-02-29')).toBe('month');
		expect(reportKind('2026-02-01', '2026-02-28')).toBe('month');
		// Month to date, a month plus a day, two months, a month not from its first day: periods.
		expect(reportKind('2026-11-01', '2026-11-23')).toBe('period');
		expect(reportKind('2026-10-01', '2026-11-01')).toBe('period');
		expect(reportKind('2026-09-01', '2026-10-31')).toBe('period');
		expect(reportKind('2026-10-02', '2026-10-31')).toBe('period');
		expect(reportKind('2024-02-01', '2024-02-28')).toBe('period');
		// …except the month in progress from its first day to today: its 月报 so far.
		expect(reportKind('2026-11-01', '2026-11-23', '2026-11-23')).toBe('month');
		expect(reportKind('2026-11-01', '2026-11-22', '2026-11-23')).toBe('period');
		expect(reportKind('2026-11-23', '2026-11-23', '2026-11-23')).toBe('day');
	});

	it('takes a month: first to last day, or to today for the month in progress', () => {
		expect(parsePeriod({ month: '2026-10' }, today)).toEqual({
			ok: true,
			from: '2026-10-01',
			to: '2026-10-31',
			days: 31
		});
		expect(parsePeriod({ month: '2024-02', date: '2026-11-01' }, today)).toMatchObject({
			from: '2024-02-01',
			to: '2024-02-29'
		});
		expect(parsePeriod({ month: ' 2026-11 ' }, today)).toEqual({
			ok: true,
			from: '2026-11-01',
			to: today,
			days: 23
		});
		for (const month of ['2026-13', '2026-1', '202611', 'abc', '2026-11-01'])
			expect(parsePeriod({ month }, today)).toEqual({ ok: false, error: 'malformed_month' });
		expect(parsePeriod({ month: '2026-12' }, today)).toEqual({ ok: false, error: 'future' });
	});
});

describe('month report', () => {
	it('lines up receipts and voids per day and method; the days add up', () => {
		const lines = dayLines(
			'2026-11-01',
			'2026-11-03',
			[
				{ date: '2026-11-01', method: 'cash', fen: 10000, count: 2 },
				{ date: '2026-11-01', method: 'wechat', fen: 5000, count: 1 },
				{ date: '2026-11-03', method: 'cash', fen: 700, count: 1 },
				{ date: '2026-10-31', method: 'cash', fen: 999, count: 1 }
			],
			[{ date: '2026-11-03', method: 'wechat', fen: 5000, count: 1 }]
		);
		expect(lines).toEqual([
			{
				date: '2026-11-01',
				receivedCount: 3,
				receivedFen: 15000,
				voidedCount: 0,
				voidedFen: 0,
				netFen: 15000,
				byMethod: { cash: 10000, wechat: 5000 }
			},
			{
				date: '2026-11-02',
				receivedCount: 0,
				receivedFen: 0,
				voidedCount: 0,
				voidedFen: 0,
				netFen: 0,
				byMethod: {}
			},
			{
				date: '2026-11-03',
				receivedCount: 1,
				receivedFen: 700,
				voidedCount: 1,
				voidedFen: 5000,
				netFen: -4300,
				byMethod: { cash: 700, wechat: -5000 }
			}
		]);
		expect(sumDayLines(lines)).toEqual({
			receivedCount: 4,
			receivedFen: 15700,
			voidedCount: 1,
			voidedFen: 5000,
			netFen: 10700,
			byMethod: { cash: 10700, wechat: 0 }
		});
	});

	it('chains the 预收 roll month by month', () => {
		// Taken 10-15 for Nov and Dec; 11-10 for Jan; the January one voided 12-02.
		const postings = [
			{ billMonth: '2026-11', postedDate: '2026-10-15', amountFen: 10000 },
			{ billMonth: '2026-12', postedDate: '2026-10-15', amountFen: 10000 },
			{ billMonth: '2027-01', postedDate: '2026-11-10', amountFen: 5000 },
			{ billMonth: '2027-01', postedDate: '2026-12-02', amountFen: -5000 },
			// Current and arrears money is income at once, never 预收.
			{ billMonth: '2026-11', postedDate: '2026-11-05', amountFen: 777 },
			{ billMonth: '2026-09', postedDate: '2026-11-05', amountFen: 888 }
		];
		const r = advanceRolls(postings, '2026-10', '2026-12');
		expect(r.months).toEqual([
			{ month: '2026-10', openingFen: 0, receivedFen: 20000, releasedFen: 0, closingFen: 20000 },
			{
				month: '2026-11',
				openingFen: 20000,
				receivedFen: 5000,
				releasedFen: 10000,
				closingFen: 15000
			},
			{ month: '2026-12', openingFen: 15000, receivedFen: -5000, releasedFen: 10000, closingFen: 0 }
		]);
		expect(r.total).toEqual({
			openingFen: 0,
			receivedFen: 20000,
			releasedFen: 20000,
			closingFen: 0
		});
	});
});

describe('tickets', () => {
	it('counts limits broken in the period and still overdue at its end', () => {
		const d = (limit: string, dueAt: number, metAt: number | null) => ({ limit, dueAt, metAt });
		const out = limitBreaches(
			[
				d('record', 1500, 1400), // met in time
				d('record', 1500, 1600), // met late, in the period
				d('supervisor', 1800, null), // broken, still open
				d('supervisor', 500, null), // broken before the period, still open
				d('result', 2500, null), // not yet due
				d('result', 1900, 2100) // met only after the period: open at its end
			],
			1000,
			2000,
			['record', 'supervisor', 'result', 'check']
		);
		expect(out).toEqual([
			{ limit: 'record', brokenInPeriod: 1, overdueAtEnd: 0 },
			{ limit: 'supervisor', brokenInPeriod: 1, overdueAtEnd: 2 },
			{ limit: 'result', brokenInPeriod: 1, overdueAtEnd: 1 },
			{ limit: 'check', brokenInPeriod: 0, overdueAtEnd: 0 }
		]);
	});

	it('buckets open tickets by age', () => {
		const DAY = 86_400_000;
		const now = 100 * DAY;
		const out = ageBuckets(
			[now - DAY / 2, now - DAY, now - 2.9 * DAY, now - 3 * DAY, now - 10 * DAY, now - 40 * DAY],
			now
		);
		expect(out.map((b) => b.bucket)).toEqual([...AGE_BUCKETS]);
		expect(out.map((b) => b.count)).toEqual([1, 2, 1, 1, 1]);
	});
});

describe('shift cash', () => {
	it('expects float + received − voided − refunded, and the difference is counted − expected', () => {
		const expected = expectedCash({
			openingFloatFen: 50000,
			cashReceivedFen: 27683,
			cashVoidedFen: 0,
			cashRefundedFen: 5000
		});
		expect(expected).toBe(72683);
		expect(cashDifference(71683, expected)).toBe(-1000);
		expect(cashDifference(72683, expected)).toBe(0);
	});
});

describe('charts', () => {
	it('rounds the axis up to 1, 2, 2.5 or 5 × 10ⁿ', () => {
		expect([0, -5, 7, 12, 100, 230, 4100, 99_999].map(niceMax)).toEqual([
			1, 1, 10, 20, 100, 250, 5000, 100_000
		]);
	});
});
