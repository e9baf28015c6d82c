import { describe, it, expect } from 'vitest';
import {
	layoutReceipt,
	receiptDifference,
	priceNoteZh,
	parseDetail,
	paidByProxy,
	type BillFacts,
	type ReceiptLineInput,
	type ReceiptLayout
} from './receipt';
import { lateFeeWorking } from './late-fee';

const PROP = { itemNameZh: '物业服务费', itemNameEn: 'Property service fee' };
const PARK = { itemNameZh: '车位物业服务费', itemNameEn: 'Parking service fee' };

const principal = (
	billId: number,
	month: string,
	amountFen: number,
	detail: Record<string, unknown> = {},
	itemCode = 'property'
): ReceiptLineInput => ({
	kind: 'principal',
	billId,
	itemCode,
	description: '',
	amountFen,
	detail: { month, ...(itemCode === 'parking' ? PARK : PROP), ...detail }
});
const lateFee = (
	billId: number,
	month: string,
	amountFen: number,
	detail: Record<string, unknown> = {}
): ReceiptLineInput => ({
	kind: 'late_fee',
	billId,
	itemCode: 'property',
	description: '',
	amountFen,
	detail: { month, ...PROP, ...detail }
});
const facts = (month: string, over: Partial<BillFacts> = {}): BillFacts => ({
	month,
	basis: 'per_area',
	rateFen: 250,
	fullFen: 22375,
	principalFen: 22375,
	vacancyPercent: 100,
	source: 'monthly',
	areaCenti: 8950,
	parkingSpaces: 1,
	principalPaidBeforeFen: 0,
	...over
});

/** Every layout must add up: Σ lines = total = what the ledger lines paid. */
function expectAddsUp(layout: ReceiptLayout, lines: ReceiptLineInput[]) {
	const paid = lines.reduce((a, l) => a + l.amountFen, 0);
	expect(receiptDifference(layout, paid)).toBe(0);
	expect(layout.totalFen).toBe(paid);
}

const brief = (l: ReceiptLayout) => l.lines.map((x) => [x.nameZh, x.period, x.noteZh, x.amountFen]);

describe('layoutReceipt', () => {
	it('property fee without late fee: one line per run of months, with unit price × area', () => {
		const lines = ['2026-01', '2026-02', '2026-03'].map((m, i) => principal(i + 1, m, 22375));
		const bills = new Map([1, 2, 3].map((id, i) => [id, facts(`2026-0${i + 1}`)]));
		const r = layoutReceipt(lines, bills);
		expect(brief(r)).toEqual([
			['物业服务费', '2026年01月至2026年03月', '2.50元/m²×89.50m²=223.75元/月×3个月', 67125]
		]);
		expect(r.workings).toEqual([]);
		expectAddsUp(r, lines);
	});

	it('property fee with late fee: the late fee as its working gives it', () => {
		const working = lateFeeWorking({
			principalFen: 25680,
			dueDate: '2026-03-20',
			asOf: '2026-04-15'
		});
		const lines = [
			principal(1, '2026-03', 25680),
			lateFee(1, '2026-03', working.fen, { working, lateFeeFen: working.fen })
		];
		const r = layoutReceipt(lines);
		expect(brief(r)).toEqual([
			['物业服务费', '2026年03月至2026年03月', '', 25680],
			['滞纳金', '2026年03月', '见滞纳金计算', 2003]
		]);
		expect(r.lines[1].sub).toBe(true);
		expect(r.workings).toEqual([
			{ label: '2026年03月物业服务费', lines: ['逾期26天 × ¥256.80 × 3‰ = ¥20.03'] }
		]);
		expect(r.ratePerMille).toBe(3);
		expectAddsUp(r, lines);
	});

	it('a waived late fee: 滞纳金 at the worked figure, the waiver as a negative line (issue 11: 97.54 / 27.57 / 125.11)', () => {
		const working = {
			fen: 12511,
			uncappedFen: 12511,
			ratePerMille: 3,
			capped: false,
			capPercent: null,
			parts: [{ principalFen: 25680, days: 162, fen: 12511 }]
		};
		const lines = [
			principal(1, '2026-01', 25680),
			lateFee(1, '2026-01', 9754, { working, lateFeeFen: 12511, waivedFen: 2757 })
		];
		const r = layoutReceipt(lines);
		expect(brief(r)).toEqual([
			['物业服务费', '2026年01月至2026年01月', '', 25680],
			['滞纳金', '2026年01月', '见滞纳金计算', 12511],
			['滞纳金减免', '2026年01月', '经批准减免', -2757]
		]);
		expectAddsUp(r, lines);
		expect(r.totalFen).toBe(25680 + 9754);
	});

	it('a late fee waived in full (noted on the principal line): 滞纳金 and its waiver cancel out', () => {
		const working = lateFeeWorking({
			principalFen: 25680,
			dueDate: '2026-03-20',
			asOf: '2026-04-15'
		});
		const lines = [principal(1, '2026-03', 25680, { working, waivedFen: working.fen })];
		const r = layoutReceipt(lines);
		expect(brief(r).slice(1)).toEqual([
			['滞纳金', '2026年03月', '见滞纳金计算', 2003],
			['滞纳金减免', '2026年03月', '经批准减免', -2003]
		]);
		expectAddsUp(r, lines);
	});

	it('a late fee paid in part, part of it on an earlier receipt', () => {
		const working = {
			fen: 5000,
			uncappedFen: 5000,
			ratePerMille: 3,
			capped: false,
			capPercent: null,
			parts: [{ principalFen: 20000, days: 84, fen: 5040 }]
		};
		const lines = [
			lateFee(1, '2026-02', 1500, {
				working,
				lateFeeFen: 5000,
				paidBeforeFen: 1000,
				waivedFen: 500
			})
		];
		const r = layoutReceipt(lines);
		expect(brief(r)).toEqual([
			['滞纳金', '2026年02月', '见滞纳金计算', 5000],
			['滞纳金减免', '2026年02月', '经批准减免', -500],
			['滞纳金此前已缴', '2026年02月', '', -1000],
			['滞纳金本次未缴', '2026年02月', '', -2000]
		]);
		expectAddsUp(r, lines);
	});

	it('a partial payment of a month prints alone with what it owed', () => {
		const lines = [principal(1, '2026-01', 22375), principal(2, '2026-02', 10000)];
		const bills = new Map([
			[1, facts('2026-01')],
			[2, facts('2026-02')]
		]);
		const r = layoutReceipt(lines, bills);
		expect(brief(r)).toEqual([
			['物业服务费', '2026年01月至2026年01月', '2.50元/m²×89.50m²=223.75元/月', 22375],
			[
				'物业服务费',
				'2026年02月至2026年02月',
				'2.50元/m²×89.50m²=223.75元/月；本月应缴223.75元，本次缴100.00元，尚欠123.75元',
				10000
			]
		]);
		expectAddsUp(r, lines);
	});

	it('the rest of a month paid in part before', () => {
		const lines = [principal(1, '2026-02', 12375)];
		const r = layoutReceipt(
			lines,
			new Map([[1, facts('2026-02', { principalPaidBeforeFen: 10000 })]])
		);
		expect(r.lines[0].noteZh).toBe(
			'2.50元/m²×89.50m²=223.75元/月；本月应缴223.75元，此前已缴100.00元，本次缴清'
		);
		expectAddsUp(r, lines);
	});

	it('prepaid months say 预缴 and do not merge with months billed as usual', () => {
		const lines = [
			principal(1, '2026-11', 22375),
			principal(2, '2026-12', 22375, { prepay: true }),
			principal(3, '2027-01', 22375, { prepay: true })
		];
		const bills = new Map([
			[1, facts('2026-11')],
			[2, facts('2026-12', { source: 'prepay' })],
			[3, facts('2027-01', { source: 'prepay' })]
		]);
		const r = layoutReceipt(lines, bills);
		expect(brief(r)).toEqual([
			['物业服务费', '2026年11月至2026年11月', '2.50元/m²×89.50m²=223.75元/月', 22375],
			['物业服务费', '2026年12月至2027年01月', '2.50元/m²×89.50m²=223.75元/月×2个月；预缴', 44750]
		]);
		expectAddsUp(r, lines);
	});

	it('months billed at the vacancy rate say 空置90% and show the working', () => {
		const lines = [
			principal(1, '2026-01', 20138),
			principal(2, '2026-02', 20138),
			principal(3, '2026-03', 22375)
		];
		const bills = new Map([
			[1, facts('2026-01', { vacancyPercent: 90, principalFen: 20138 })],
			[2, facts('2026-02', { vacancyPercent: 90, principalFen: 20138 })],
			[3, facts('2026-03')]
		]);
		const r = layoutReceipt(lines, bills);
		expect(brief(r)).toEqual([
			[
				'物业服务费',
				'2026年01月至2026年02月',
				'2.50元/m²×89.50m²×空置90%=201.38元/月×2个月',
				40276
			],
			['物业服务费', '2026年03月至2026年03月', '2.50元/m²×89.50m²=223.75元/月', 22375]
		]);
		expectAddsUp(r, lines);
	});

	it('without the bills table, the detail still marks vacancy and prepayment', () => {
		const lines = [
			principal(1, '2026-01', 20138, { vacancyPercent: 90, principalFen: 20138, fullFen: 22375 }),
			principal(2, '2027-01', 22375, { prepay: true })
		];
		const r = layoutReceipt(lines);
		expect(r.lines.map((l) => l.noteZh)).toEqual(['空置90%：201.38元/月', '预缴']);
		expectAddsUp(r, lines);
	});

	it('parking: price per space', () => {
		const lines = [
			principal(1, '2026-01', 15000, {}, 'parking'),
			principal(2, '2026-02', 15000, {}, 'parking')
		];
		const bills = new Map([
			[
				1,
				facts('2026-01', {
					basis: 'per_space',
					rateFen: 15000,
					fullFen: 15000,
					principalFen: 15000
				})
			],
			[
				2,
				facts('2026-02', {
					basis: 'per_space',
					rateFen: 15000,
					fullFen: 15000,
					principalFen: 15000
				})
			]
		]);
		const r = layoutReceipt(lines, bills);
		expect(brief(r)).toEqual([
			['车位物业服务费', '2026年01月至2026年02月', '150.00元/个=150.00元/月×2个月', 30000]
		]);
		expectAddsUp(r, lines);
	});

	it('renovation: fees and deposits are their own kinds, never principal or late fee', () => {
		const lines: ReceiptLineInput[] = [
			{
				kind: 'deposit',
				billId: null,
				itemCode: 'renovation_deposit',
				amountFen: 200000,
				description: 'ZX-2026-0001',
				detail: { itemNameZh: '装修保证金' }
			},
			{
				kind: 'charge',
				billId: null,
				itemCode: 'debris_fee',
				amountFen: 26850,
				description: '3.00元/㎡×89.50㎡（建筑面积）',
				detail: { itemNameZh: '装修垃圾清运费' }
			},
			{
				kind: 'deposit',
				billId: null,
				itemCode: 'pass_deposit',
				amountFen: 5000,
				description: 'P-0001 王师傅',
				detail: { itemNameZh: '施工人员出入证押金' }
			},
			{
				kind: 'charge',
				billId: null,
				itemCode: 'pass_card_fee',
				amountFen: 1000,
				description: 'P-0001 王师傅',
				detail: { itemNameZh: '出入证工本费' }
			}
		];
		const r = layoutReceipt(lines);
		expect(r.lines.map((l) => [l.kind, l.nameZh, l.noteZh, l.amountFen])).toEqual([
			['deposit', '装修保证金', '押金，可退；ZX-2026-0001', 200000],
			['charge', '装修垃圾清运费', '3.00元/㎡×89.50㎡（建筑面积）', 26850],
			['deposit', '施工人员出入证押金', '押金，可退；P-0001 王师傅', 5000],
			['charge', '出入证工本费', 'P-0001 王师傅', 1000]
		]);
		expect(r.depositFen).toBe(205000);
		expectAddsUp(r, lines);
	});

	it('pass deposits alone', () => {
		const lines: ReceiptLineInput[] = [1, 2].map((i) => ({
			kind: 'deposit',
			billId: null,
			itemCode: 'pass_deposit',
			amountFen: 5000,
			description: `P-000${i}`,
			detail: { itemNameZh: '施工人员出入证押金' }
		}));
		const r = layoutReceipt(lines);
		expect(r.lines.every((l) => l.kind === 'deposit')).toBe(true);
		expect(r.depositFen).toBe(10000);
		expectAddsUp(r, lines);
	});

	it('a credit (空置减免) taken off a line prints as its own negative line under it', () => {
		const lines = [
			principal(1, '2026-05', 20138, {
				credits: [
					{ nameZh: '空置减免', nameEn: 'Vacancy credit', amountFen: 2237, noteZh: '空置按90%计收' }
				]
			})
		];
		const r = layoutReceipt(lines, new Map([[1, facts('2026-05')]]));
		expect(brief(r)).toEqual([
			['物业服务费', '2026年05月至2026年05月', '2.50元/m²×89.50m²=223.75元/月', 22375],
			['空置减免', '', '空置按90%计收', -2237]
		]);
		expect(r.lines[1].kind).toBe('credit');
		expectAddsUp(r, lines);
	});

	it('late fees of several months sum on one line and each month keeps its working', () => {
		const w = (p: number, due: string) =>
			lateFeeWorking({ principalFen: p, dueDate: due, asOf: '2026-04-15' });
		const w1 = w(25680, '2026-01-20');
		const w3 = w(25680, '2026-03-20');
		const lines = [
			principal(1, '2026-01', 25680),
			lateFee(1, '2026-01', w1.fen, { working: w1, lateFeeFen: w1.fen }),
			principal(2, '2026-02', 25680),
			principal(3, '2026-03', 25680),
			lateFee(3, '2026-03', w3.fen - 1000, { working: w3, lateFeeFen: w3.fen, waivedFen: 1000 })
		];
		const r = layoutReceipt(lines);
		expect(brief(r)).toEqual([
			['物业服务费', '2026年01月至2026年03月', '256.80元/月×3个月', 77040],
			['滞纳金', '2026年01月、2026年03月', '见滞纳金计算', w1.fen + w3.fen],
			['滞纳金减免', '2026年03月', '经批准减免', -1000]
		]);
		expect(r.workings.map((x) => x.label)).toEqual([
			'2026年01月物业服务费',
			'2026年03月物业服务费'
		]);
		expectAddsUp(r, lines);
	});

	it('survives odd detail: bad JSON, missing names, bad credits, lines without a bill', () => {
		const lines: ReceiptLineInput[] = [
			{
				kind: 'principal',
				billId: 9,
				itemCode: 'water',
				description: '',
				amountFen: 100,
				detail: 'not json'
			},
			{
				kind: 'charge',
				billId: null,
				itemCode: 'card_fee',
				description: '出入证工本费',
				amountFen: 1000,
				detail: null
			},
			{
				kind: 'late_fee',
				billId: null,
				itemCode: 'misc',
				description: '其他滞纳金',
				amountFen: 50,
				detail: { credits: [{ nameZh: 'x', amountFen: -5 }, 'y'] }
			},
			// figures that contradict each other: the late fee stated is below what was paid
			{
				kind: 'late_fee',
				billId: 10,
				itemCode: 'property',
				description: '',
				amountFen: 700,
				detail: { lateFeeFen: 500, waivedFen: 100 }
			}
		];
		const r = layoutReceipt(lines);
		expect(r.lines.map((l) => [l.nameZh, l.amountFen])).toEqual([
			['water', 100],
			['出入证工本费', 1000],
			['其他滞纳金', 50],
			['滞纳金', 800],
			['滞纳金减免', -100]
		]);
		expectAddsUp(r, lines);
		expect(parseDetail('[1]')).toEqual({});
	});
});

describe('receiptDifference', () => {
	it('reports a receipt that does not add up', () => {
		const r = layoutReceipt([principal(1, '2026-01', 100)]);
		expect(receiptDifference(r, 100)).toBe(0);
		expect(receiptDifference(r, 90)).toBe(10);
		expect(receiptDifference({ ...r, totalFen: 50 }, 100)).toBe(50);
	});
});

describe('priceNoteZh', () => {
	it('shows the price only when it gives the billed amount', () => {
		expect(priceNoteZh(facts('2026-01'), 22375, 100)).toBe('2.50元/m²×89.50m²=223.75元/月');
		expect(priceNoteZh(facts('2026-01', { areaCenti: 9000 }), 22375, 100)).toBe('223.75元/月');
		expect(priceNoteZh(facts('2026-01', { areaCenti: 9000 }), 20138, 90)).toBe(
			'223.75元×空置90%=201.38元/月'
		);
		expect(priceNoteZh(facts('2026-01', { vacancyPercent: 90 }), 20138, 90)).toBe(
			'2.50元/m²×89.50m²×空置90%=201.38元/月'
		);
		expect(
			priceNoteZh(
				facts('2026-01', { basis: 'per_space', rateFen: 15000, fullFen: 30000, parkingSpaces: 2 }),
				30000,
				100
			)
		).toBe('150.00元/个×2个=300.00元/月');
		expect(priceNoteZh(undefined, 22375, 100)).toBe('');
	});
	it('says nothing per month of a one-off charge: its unit price × quantity when more than one', () => {
		const charge = (fullFen: number) =>
			facts('2026-11', {
				basis: 'fixed',
				source: 'charge',
				rateFen: 2000,
				fullFen,
				principalFen: fullFen
			});
		expect(priceNoteZh(charge(2000), 2000, 100)).toBe('');
		expect(priceNoteZh(charge(6000), 6000, 100)).toBe('20.00元×3');
	});
});

describe('paidByProxy', () => {
	it('is someone other than an owner on file', () => {
		expect(paidByProxy('陈刚', ['李娜'])).toBe(true);
		expect(paidByProxy(' 李娜 ', ['王强', '李娜'])).toBe(false);
		expect(paidByProxy('业主', ['李娜'])).toBe(false);
		expect(paidByProxy('本人', ['李娜'])).toBe(false);
		expect(paidByProxy('陈刚', [])).toBe(false);
	});
});
