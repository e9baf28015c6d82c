import { describe, it, expect } from 'vitest';
import {
	areaFee,
	checkWallArea,
	formatArea,
	parseAreaCenti,
	planDepositRefund,
	planPassRefund,
	quoteFees,
	ITEM,
	MAX_DEDUCTIONS,
	type RenovationFeeSettings
} from './renovation-fees';

const S: RenovationFeeSettings = {
	depositFen: 200000,
	debrisRateFenPerM2: 300,
	wallDebrisRateFenPerM2: 1500,
	passDepositFen: 5000,
	passCardFeeFen: 1000,
	lostPassKeepsDeposit: true
};

describe('parseAreaCenti', () => {
	it('reads m² with up to two decimals, full-width and with a unit', () => {
		expect(parseAreaCenti('12')).toEqual({ ok: true, centi: 1200 });
		expect(parseAreaCenti('12.5')).toEqual({ ok: true, centi: 1250 });
		expect(parseAreaCenti(' 12.05 ')).toEqual({ ok: true, centi: 1205 });
		expect(parseAreaCenti('.5')).toEqual({ ok: true, centi: 50 });
		expect(parseAreaCenti('１２．５')).toEqual({ ok: true, centi: 1250 });
		expect(parseAreaCenti('8.4㎡')).toEqual({ ok: true, centi: 840 });
		expect(parseAreaCenti('8.4 平方米')).toEqual({ ok: true, centi: 840 });
		expect(parseAreaCenti('99999.99')).toEqual({ ok: true, centi: 9999999 });
	});

	it('refuses negative, zero, non-numbers, three decimals and absurd sizes', () => {
		expect(parseAreaCenti('')).toEqual({ ok: false, error: 'empty' });
		expect(parseAreaCenti('-3')).toEqual({ ok: false, error: 'negative' });
		expect(parseAreaCenti('－3')).toEqual({ ok: false, error: 'negative' });
		expect(parseAreaCenti('0')).toEqual({ ok: false, error: 'zero' });
		expect(parseAreaCenti('0.00')).toEqual({ ok: false, error: 'zero' });
		expect(parseAreaCenti('abc')).toEqual({ ok: false, error: 'not_a_number' });
		expect(parseAreaCenti('1e3')).toEqual({ ok: false, error: 'not_a_number' });
		expect(parseAreaCenti('.')).toEqual({ ok: false, error: 'not_a_number' });
		expect(parseAreaCenti('1.2.3')).toEqual({ ok: false, error: 'not_a_number' });
		expect(parseAreaCenti('1.234')).toEqual({ ok: false, error: 'too_many_decimals' });
		expect(parseAreaCenti('100000')).toEqual({ ok: false, error: 'too_large' });
		expect(parseAreaCenti('9'.repeat(40))).toEqual({ ok: false, error: 'too_large' });
	});

	it('formats hundredths back without floating point', () => {
		expect(formatArea(9821)).toBe('98.21');
		expect(formatArea(1205)).toBe('12.05');
		expect(formatArea(50)).toBe('0.50');
	});
});

describe('areaFee', () => {
	it('is rate × area rounded half up to the fen', () => {
		expect(areaFee(300, 9821)).toBe(29463); // ¥3.00 × 98.21 m² = ¥294.63
		expect(areaFee(300, 8956)).toBe(26868);
		expect(areaFee(1500, 1250)).toBe(18750); // ¥15 × 12.5 m²
		expect(areaFee(333, 150)).toBe(500); // 499.5 → 500
		expect(areaFee(333, 149)).toBe(496); // 496.17 → 496
		expect(areaFee(0, 9821)).toBe(0);
		expect(areaFee(300, 0)).toBe(0);
	});

	it('refuses non-integers and negatives', () => {
		expect(() => areaFee(3.5, 100)).toThrow(RangeError);
		expect(() => areaFee(300, -1)).toThrow(RangeError);
	});
});

describe('checkWallArea', () => {
	it('needs a positive area no larger than twice the building area', () => {
		expect(checkWallArea(0, 9000)).toBe('zero');
		expect(checkWallArea(-100, 9000)).toBe('zero');
		expect(checkWallArea(1250, 9000)).toBeNull();
		expect(checkWallArea(18000, 9000)).toBeNull();
		expect(checkWallArea(18001, 9000)).toBe('too_large');
	});
});

describe('quoteFees', () => {
	it('itemises deposit, passes, debris and wall debris — the standard’s total', () => {
		const q = quoteFees(S, { buildingAreaCenti: 9821, wallAreaCenti: 1250, passCount: 3 });
		expect(q.depositFen).toBe(200000);
		expect(q.passDepositFen).toBe(15000);
		expect(q.passCardFeeFen).toBe(3000);
		expect(q.debrisFen).toBe(29463);
		expect(q.wallDebrisFen).toBe(18750);
		expect(q.totalFen).toBe(200000 + 15000 + 3000 + 29463 + 18750);
		expect(q.lines.map((l) => l.itemCode)).toEqual([
			ITEM.renovationDeposit,
			ITEM.passDeposit,
			ITEM.passCardFee,
			ITEM.passDeposit,
			ITEM.passCardFee,
			ITEM.passDeposit,
			ITEM.passCardFee,
			ITEM.debrisFee,
			ITEM.wallDebrisFee
		]);
		expect(q.lines.reduce((s, l) => s + l.amountFen, 0)).toBe(q.totalFen);
		expect(q.lines.filter((l) => l.kind === 'deposit').reduce((s, l) => s + l.amountFen, 0)).toBe(
			215000
		);
		expect(q.lines.filter((l) => l.passIndex === 2)).toHaveLength(2);
	});

	it('leaves out the wall line without demolition, and zero-amount settings', () => {
		const q = quoteFees(
			{ ...S, passCardFeeFen: 0 },
			{ buildingAreaCenti: 9000, wallAreaCenti: 0, passCount: 1 }
		);
		expect(q.lines.map((l) => l.itemCode)).toEqual([
			ITEM.renovationDeposit,
			ITEM.passDeposit,
			ITEM.debrisFee
		]);
		expect(q.totalFen).toBe(200000 + 5000 + 27000);
	});

	it('later passes carry only pass deposit and card fee', () => {
		const q = quoteFees(S, {
			buildingAreaCenti: 9000,
			wallAreaCenti: 0,
			passCount: 2,
			includeDeposit: false,
			includeDebris: false
		});
		expect(q.totalFen).toBe(12000);
		expect(
			q.lines.every((l) => l.itemCode === ITEM.passDeposit || l.itemCode === ITEM.passCardFee)
		).toBe(true);
	});

	it('refuses a negative pass count', () => {
		expect(() =>
			quoteFees(S, { buildingAreaCenti: 9000, wallAreaCenti: 0, passCount: -1 })
		).toThrow(RangeError);
	});
});

describe('planDepositRefund', () => {
	it('refunds the deposit minus deductions', () => {
		expect(planDepositRefund(200000, [])).toEqual({ ok: true, refundFen: 200000, deductedFen: 0 });
		expect(planDepositRefund(200000, [{ description: '电梯轿厢划伤', amountFen: 30000 }])).toEqual({
			ok: true,
			refundFen: 170000,
			deductedFen: 30000
		});
		expect(
			planDepositRefund(200000, [
				{ description: 'a', amountFen: 150000 },
				{ description: 'b', amountFen: 50000 }
			])
		).toEqual({ ok: true, refundFen: 0, deductedFen: 200000 });
	});

	it('never deducts more than the deposit', () => {
		expect(planDepositRefund(200000, [{ description: '墙面', amountFen: 200001 }])).toEqual({
			ok: false,
			error: 'deduction_above_deposit',
			index: 0
		});
		expect(
			planDepositRefund(200000, [
				{ description: 'a', amountFen: 150000 },
				{ description: 'b', amountFen: 50001 }
			])
		).toEqual({ ok: false, error: 'deduction_above_deposit', index: 1 });
	});

	it('each deduction needs a description and a positive whole-fen amount', () => {
		expect(planDepositRefund(200000, [{ description: ' ', amountFen: 100 }])).toEqual({
			ok: false,
			error: 'deduction_description',
			index: 0
		});
		expect(planDepositRefund(200000, [{ description: 'x', amountFen: 0 }])).toEqual({
			ok: false,
			error: 'deduction_amount',
			index: 0
		});
		expect(planDepositRefund(200000, [{ description: 'x', amountFen: -5 }])).toEqual({
			ok: false,
			error: 'deduction_amount',
			index: 0
		});
		expect(planDepositRefund(200000, [{ description: 'x', amountFen: 1.5 }])).toEqual({
			ok: false,
			error: 'deduction_amount',
			index: 0
		});
		const many = Array.from({ length: MAX_DEDUCTIONS + 1 }, () => ({
			description: 'x',
			amountFen: 1
		}));
		expect(planDepositRefund(200000, many)).toEqual({ ok: false, error: 'too_many_deductions' });
	});

	it('needs something held', () => {
		expect(planDepositRefund(0, [])).toEqual({ ok: false, error: 'nothing_held' });
	});
});

describe('planPassRefund', () => {
	it('refunds a returned pass at any time', () => {
		expect(planPassRefund('returned', 5000, true, '2026-12-31', '2026-11-23')).toEqual({
			ok: true,
			refundFen: 5000,
			deductedFen: 0
		});
	});

	it('refunds an expired pass only after its expiry day', () => {
		expect(planPassRefund('expired', 5000, true, '2026-12-31', '2026-12-31')).toEqual({
			ok: false,
			error: 'not_expired'
		});
		expect(planPassRefund('expired', 5000, true, '2026-12-31', '2027-01-01')).toEqual({
			ok: true,
			refundFen: 5000,
			deductedFen: 0
		});
	});

	it('keeps a lost pass’s deposit when the setting says so, else refunds it', () => {
		expect(planPassRefund('lost', 5000, true, '2026-12-31', '2026-11-23')).toEqual({
			ok: true,
			refundFen: 0,
			deductedFen: 5000
		});
		expect(planPassRefund('lost', 5000, false, '2026-12-31', '2026-11-23')).toEqual({
			ok: true,
			refundFen: 5000,
			deductedFen: 0
		});
	});
});
