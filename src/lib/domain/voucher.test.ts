import { describe, expect, it } from 'vitest';
import {
	accountOn,
	buildVouchers,
	collectedBy,
	isAccountKey,
	unbalanced,
	voucherTotals,
	ACCOUNT_CODE,
	type AccountChange,
	type CollectionFact,
	type Voucher,
	type VoucherInput
} from './voucher';

let id = 0;
const map = (key: string, code: string, name: string, from = '2026-01-01'): AccountChange => ({
	id: ++id,
	key,
	from,
	value: { code, name }
});

const CHART: AccountChange[] = [
	map('cash', '1001', '库存现金'),
	map('wechat', '101201', '其他货币资金-微信'),
	map('alipay', '101202', '其他货币资金-支付宝'),
	map('bank', '1002', '银行存款'),
	map('fee_income', '600101', '主营业务收入-物业服务费'),
	map('late_fee_income', '605101', '其他业务收入-滞纳金'),
	map('advance', '2203', '预收账款'),
	map('charge_income', '605102', '其他业务收入-特约服务'),
	map('renovation_deposit', '224101', '其他应付款-装修保证金'),
	map('pass_deposit', '224102', '其他应付款-出入证押金'),
	map('deduction_income', '605103', '其他业务收入-保证金扣款')
];

const input = (over: Partial<VoucherInput>): VoucherInput => ({
	from: '2026-04-01',
	to: '2026-04-30',
	collections: [],
	settlements: [],
	releases: [],
	changes: CHART,
	...over
});

/** The voucher's lines as [code, debit, credit]. */
const lines = (v: Voucher) => v.lines.map((l) => [l.account.code, l.debitFen, l.creditFen]);

const fact = (f: Partial<CollectionFact>): CollectionFact => ({
	date: '2026-04-15',
	method: 'cash',
	kind: 'principal',
	itemCode: 'property',
	billMonth: '2026-03',
	opening: false,
	amountFen: 0,
	...f
});

// DOMAIN.md §2: P = 25 680, due 2026-03-20, paid in full on 2026-04-15 with 26 days' late fee 2 003.
const cashWithLateFee = [fact({ amountFen: 25_680 }), fact({ kind: 'late_fee', amountFen: 2_003 })];

function vouchersOf(i: VoucherInput): Voucher[] {
	const r = buildVouchers(i);
	if (!r.ok) throw new Error(JSON.stringify(r.missing));
	return r.vouchers;
}

describe('buildVouchers', () => {
	it('books a cash fee payment with its late fee: Dr 库存现金 / Cr 物业服务费收入, 滞纳金收入', () => {
		const [v, ...rest] = vouchersOf(input({ collections: cashWithLateFee }));
		expect(rest).toEqual([]);
		expect(v).toMatchObject({ no: 1, date: '2026-04-15', kind: 'collection', method: 'cash' });
		expect(lines(v)).toEqual([
			['1001', 27_683, 0],
			['600101', 0, 25_680],
			['605101', 0, 2_003]
		]);
		expect(voucherTotals(v)).toEqual({ debitFen: 27_683, creditFen: 27_683, balanced: true });
		expect(collectedBy([v], '2026-04-15', 'cash')).toBe(27_683);
	});

	it('books 12 months prepaid by WeChat: this month income, eleven months 预收, released month by month', () => {
		// 2026-04-10: bills 2026-04 … 2027-03 at ¥256.80.
		const months = Array.from({ length: 12 }, (_, i) => {
			const m = 4 + i;
			return `${m > 12 ? 2027 : 2026}-${String(((m - 1) % 12) + 1).padStart(2, '0')}`;
		});
		const collections = months.map((billMonth) =>
			fact({ date: '2026-04-10', method: 'wechat', billMonth, amountFen: 25_680 })
		);
		const [v] = vouchersOf(input({ collections }));
		expect(lines(v)).toEqual([
			['101201', 308_160, 0],
			['600101', 0, 25_680],
			['2203', 0, 282_480]
		]);
		// May's bill falls due: its principal leaves 预收 on 2026-05-01 (advance.ts: advanceRoll).
		const postings = months.map((billMonth) => ({
			billMonth,
			postedDate: '2026-04-10',
			amountFen: 25_680
		}));
		const may = vouchersOf(
			input({
				from: '2026-05-01',
				to: '2026-05-31',
				releases: [{ month: '2026-05', itemCode: 'property', postings }]
			})
		);
		expect(may).toHaveLength(1);
		expect(may[0]).toMatchObject({ date: '2026-05-01', kind: 'release' });
		expect(lines(may[0])).toEqual([
			['2203', 25_680, 0],
			['600101', 0, 25_680]
		]);
		// A release outside the period is not written (the day voucher of 2026-05-02 has none).
		expect(
			vouchersOf(
				input({
					from: '2026-05-02',
					to: '2026-05-02',
					releases: [{ month: '2026-05', itemCode: 'property', postings }]
				})
			)
		).toEqual([]);
	});

	it('reverses a voided receipt on the void’s day, and nets a same-day void to nothing', () => {
		const voided = cashWithLateFee.map((f) => ({
			...f,
			date: '2026-04-16',
			amountFen: -f.amountFen
		}));
		const [issued, reversal] = vouchersOf(input({ collections: [...cashWithLateFee, ...voided] }));
		expect(issued.date).toBe('2026-04-15');
		expect(reversal).toMatchObject({ no: 2, date: '2026-04-16', method: 'cash' });
		expect(lines(reversal)).toEqual([
			['600101', 25_680, 0],
			['605101', 2_003, 0],
			['1001', 0, 27_683]
		]);
		expect(collectedBy([issued, reversal], '2026-04-16', 'cash')).toBe(-27_683);
		const sameDay = cashWithLateFee.map((f) => ({ ...f, amountFen: -f.amountFen }));
		expect(vouchersOf(input({ collections: [...cashWithLateFee, ...sameDay] }))).toEqual([]);
	});

	it('books a void of a prepayment before the month against 预收, after it against income', () => {
		const taken = fact({
			date: '2026-04-10',
			method: 'wechat',
			billMonth: '2026-06',
			amountFen: 100
		});
		const before = { ...taken, date: '2026-05-20', amountFen: -100 };
		const after = { ...taken, date: '2026-06-02', amountFen: -100 };
		const r = vouchersOf(
			input({ from: '2026-04-01', to: '2026-06-30', collections: [taken, before, after] })
		);
		expect(r.map(lines)).toEqual([
			[
				['101201', 100, 0],
				['2203', 0, 100]
			],
			[
				['2203', 100, 0],
				['101201', 0, 100]
			],
			[
				['600101', 100, 0],
				['101201', 0, 100]
			]
		]);
	});

	it('books a deposit taken, then a deduction kept and the rest refunded by transfer', () => {
		const taken = fact({
			date: '2026-04-01',
			method: 'wechat',
			kind: 'deposit',
			itemCode: 'renovation_deposit',
			billMonth: null,
			amountFen: 200_000
		});
		const [t, s] = vouchersOf(
			input({
				from: '2026-04-01',
				to: '2026-06-30',
				collections: [taken],
				settlements: [
					{
						date: '2026-06-01',
						kind: 'refund',
						itemCode: 'renovation_deposit',
						method: 'transfer',
						amountFen: 170_000
					},
					{
						date: '2026-06-01',
						kind: 'deduction',
						itemCode: 'renovation_deposit',
						method: 'transfer',
						amountFen: 30_000
					}
				]
			})
		);
		expect(lines(t)).toEqual([
			['101201', 200_000, 0],
			['224101', 0, 200_000]
		]);
		expect(s).toMatchObject({ date: '2026-06-01', kind: 'settlement', method: null });
		expect(lines(s)).toEqual([
			['224101', 200_000, 0],
			['1002', 0, 170_000],
			['605103', 0, 30_000]
		]);
	});

	it('refuses to export when a needed account is unmapped, naming it and its first day', () => {
		const changes = CHART.filter((c) => c.key !== 'late_fee_income');
		expect(buildVouchers(input({ collections: cashWithLateFee, changes }))).toEqual({
			ok: false,
			error: 'unmapped',
			missing: [{ key: 'late_fee_income', date: '2026-04-15' }]
		});
		// Mapped only from the 16th: the 15th still lacks it (a past day keeps the map of that day).
		const later = [...changes, map('late_fee_income', '6051', '滞纳金收入', '2026-04-16')];
		expect(buildVouchers(input({ collections: cashWithLateFee, changes: later })).ok).toBe(false);
	});

	it('uses the map in force on the voucher’s day, and an item’s own income account', () => {
		const changes = [
			...CHART,
			map('cash', '1001.01', '库存现金-前台', '2026-04-16'),
			map('income:parking', '600102', '主营业务收入-车位服务费')
		];
		const parking = fact({ date: '2026-04-16', itemCode: 'parking', amountFen: 15_000 });
		const [a, b] = vouchersOf(input({ collections: [...cashWithLateFee, parking], changes }));
		expect(lines(a)[0]).toEqual(['1001', 27_683, 0]);
		expect(lines(b)).toEqual([
			['1001.01', 15_000, 0],
			['600102', 0, 15_000]
		]);
	});

	it('books a paid service (a charge bill) and renovation charges to 特约服务 income', () => {
		const service = fact({
			billMonth: '2026-04',
			charge: true,
			itemCode: 'service',
			amountFen: 5_000
		});
		const debris = fact({
			kind: 'charge',
			itemCode: 'debris_fee',
			billMonth: null,
			amountFen: 24_000
		});
		expect(lines(vouchersOf(input({ collections: [service, debris] }))[0])).toEqual([
			['1001', 29_000, 0],
			['605102', 0, 29_000]
		]);
	});

	it('books opening arrears to 应收 when mapped, else to income', () => {
		const opening = fact({ billMonth: '2025-12', opening: true, amountFen: 500 });
		expect(lines(vouchersOf(input({ collections: [opening] }))[0])[1]).toEqual(['600101', 0, 500]);
		const changes = [...CHART, map('opening_receivable', '1122', '应收账款')];
		expect(lines(vouchersOf(input({ collections: [opening], changes }))[0])[1]).toEqual([
			'1122',
			0,
			500
		]);
	});

	it('numbers vouchers by day, release first, then methods in counter order, then settlements', () => {
		const r = vouchersOf(
			input({
				from: '2026-05-01',
				to: '2026-05-01',
				collections: [
					fact({ date: '2026-05-01', method: 'transfer', amountFen: 1 }),
					fact({ date: '2026-05-01', method: 'cash', amountFen: 2 })
				],
				settlements: [
					{
						date: '2026-05-01',
						kind: 'deduction',
						itemCode: 'pass_deposit',
						method: null,
						amountFen: 3
					}
				],
				releases: [
					{
						month: '2026-05',
						itemCode: 'property',
						postings: [{ billMonth: '2026-05', postedDate: '2026-04-01', amountFen: 4 }]
					}
				]
			})
		);
		expect(r.map((v) => [v.no, v.kind, v.method])).toEqual([
			[1, 'release', null],
			[2, 'collection', 'cash'],
			[3, 'collection', 'transfer'],
			[4, 'settlement', null]
		]);
	});
});

describe('balance check', () => {
	it('finds a voucher whose debits and credits differ', () => {
		const account = { code: '1001', name: '库存现金' };
		const bad: Voucher = {
			no: 1,
			date: '2026-04-15',
			kind: 'collection',
			method: 'cash',
			lines: [
				{ key: 'cash', account, debitFen: 100, creditFen: 0 },
				{ key: 'fee_income', account, debitFen: 0, creditFen: 99 }
			]
		};
		expect(voucherTotals(bad)).toEqual({ debitFen: 100, creditFen: 99, balanced: false });
		expect(unbalanced([bad])).toEqual([bad]);
		expect(unbalanced(vouchersOf(input({ collections: cashWithLateFee })))).toEqual([]);
	});
});

describe('map keys and codes', () => {
	it('knows the roles and checks account codes', () => {
		expect(isAccountKey('cash')).toBe(true);
		expect(isAccountKey('income:parking')).toBe(true);
		expect(isAccountKey('income:')).toBe(false);
		expect(isAccountKey('cheque')).toBe(false);
		for (const ok of ['1001', '600101', '2203.01', '2241-01-001'])
			expect(ACCOUNT_CODE.test(ok)).toBe(true);
		for (const bad of ['100', '1001.', 'ABCD', '1001 01', '=1+1', '10011.0'])
			expect(ACCOUNT_CODE.test(bad)).toBe(false);
	});
	it('reads the account in force on a day', () => {
		const changes = [
			map('cash', '1001', '现金', '2026-03-01'),
			map('cash', '1002', '新', '2026-05-01')
		];
		expect(accountOn(changes, 'cash', '2026-02-28')).toBeNull();
		expect(accountOn(changes, 'cash', '2026-04-30')?.code).toBe('1001');
		expect(accountOn(changes, 'cash', '2026-05-01')?.code).toBe('1002');
	});
});
