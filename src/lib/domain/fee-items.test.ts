import { describe, it, expect } from 'vitest';
import {
	billedSpaces,
	chargeAmountFen,
	heldOn,
	itemApplies,
	MAX_CHARGE_QUANTITY
} from './fee-items';
import { monthlyAmountFen, monthPlanner, rateForMonth, type BillingUnit } from './billing';
import { MAX_FEN } from '../money';

const unit: BillingUnit = {
	areaCenti: 8950,
	parkingSpaces: 0,
	occupancy: 'occupied',
	handoverNoticeDate: '2020-01-01'
};
const settings = { dueDay: 20, vacancyPercent: 90 };

describe('per m² (per_area)', () => {
	it('rounds rate × area once, half up', () => {
		// 2.65 元/m² × 89.50 m² = 237.175 → 237.18
		expect(monthlyAmountFen('per_area', 265, { areaCenti: 8950, parkingSpaces: 0 })).toBe(23718);
		// 0.35 元/m² (电梯费) × 120.01 m² = 42.0035 → 42.00
		expect(monthlyAmountFen('per_area', 35, { areaCenti: 12001, parkingSpaces: 0 })).toBe(4200);
		// exactly half a fen goes up: 0.01 × 0.50 m² = 0.005 → 0.01
		expect(monthlyAmountFen('per_area', 1, { areaCenti: 50, parkingSpaces: 0 })).toBe(1);
		expect(monthlyAmountFen('per_area', 1, { areaCenti: 49, parkingSpaces: 0 })).toBe(0);
	});
});

describe('per space (per_space) from holdings', () => {
	const held = [
		{ startDate: '2026-01-01', endDate: null },
		{ startDate: '2026-03-15', endDate: null }
	];
	it('counts the spaces held on the first day of the month', () => {
		expect(billedSpaces(held, 5, '2025-12')).toBe(0);
		expect(billedSpaces(held, 5, '2026-01')).toBe(1);
		expect(billedSpaces(held, 5, '2026-03')).toBe(1);
		expect(monthlyAmountFen('per_space', 8000, { areaCenti: 0, parkingSpaces: 1 })).toBe(8000);
	});
	it('bills a holding that starts mid-month from the next month', () => {
		expect(billedSpaces(held, 5, '2026-04')).toBe(2);
		expect(monthlyAmountFen('per_space', 8000, { areaCenti: 0, parkingSpaces: 2 })).toBe(16000);
	});
	it('bills a holding ending mid-month for that whole month, and hands over without double billing', () => {
		const old = [{ startDate: '2025-06-01', endDate: '2026-05-10' }];
		const next = [{ startDate: '2026-05-10', endDate: null }];
		expect(billedSpaces(old, 0, '2026-05')).toBe(1);
		expect(billedSpaces(next, 0, '2026-05')).toBe(0);
		expect(billedSpaces(old, 0, '2026-06')).toBe(0);
		expect(billedSpaces(next, 0, '2026-06')).toBe(1);
		// Handed over on the 1st: the end date is the first day no longer held.
		expect(heldOn({ startDate: '2025-06-01', endDate: '2026-07-01' }, '2026-07-01')).toBe(false);
		expect(heldOn({ startDate: '2026-07-01', endDate: null }, '2026-07-01')).toBe(true);
	});
	it('falls back to the unit’s parking_spaces only when it has no holdings at all', () => {
		expect(billedSpaces([], 2, '2026-05')).toBe(2);
		expect(billedSpaces([{ startDate: '2025-01-01', endDate: '2026-01-01' }], 2, '2026-05')).toBe(
			0
		);
		expect(() => billedSpaces([], 1, '2026-13')).toThrow(RangeError);
	});
});

describe('per unit and fixed', () => {
	it('per unit is the rate for every unit, whatever its area', () => {
		expect(monthlyAmountFen('per_unit', 3000, { areaCenti: 5000, parkingSpaces: 0 })).toBe(3000);
		expect(monthlyAmountFen('per_unit', 3000, { areaCenti: 15000, parkingSpaces: 3 })).toBe(3000);
	});
	it('fixed is the rate per charge, and the monthly run never bills it', () => {
		expect(monthlyAmountFen('fixed', 2000, { areaCenti: 8950, parkingSpaces: 1 })).toBe(2000);
		const rates = [{ fromMonth: '2026-01', rateFen: 2000 }];
		expect(
			monthPlanner({ basis: 'fixed', vacancyApplies: false }, rates, '2026-05', settings)
		).toBeNull();
		const perUnit = monthPlanner(
			{ basis: 'per_unit', vacancyApplies: false },
			rates,
			'2026-05',
			settings
		);
		expect(perUnit?.(unit)).toMatchObject({ principalFen: 2000, dueDate: '2026-05-20' });
	});
	it('a charge is unit price × quantity; zero, negative, fractional and huge are refused', () => {
		expect(chargeAmountFen(2000, 1)).toEqual({ ok: true, fen: 2000 });
		expect(chargeAmountFen(1550, 3)).toEqual({ ok: true, fen: 4650 });
		expect(chargeAmountFen(2000, 0)).toEqual({ ok: false, error: 'bad_quantity' });
		expect(chargeAmountFen(2000, 1.5)).toEqual({ ok: false, error: 'bad_quantity' });
		expect(chargeAmountFen(2000, MAX_CHARGE_QUANTITY + 1)).toEqual({
			ok: false,
			error: 'bad_quantity'
		});
		expect(chargeAmountFen(0, 1)).toEqual({ ok: false, error: 'bad_amount' });
		expect(chargeAmountFen(-100, 1)).toEqual({ ok: false, error: 'bad_amount' });
		expect(chargeAmountFen(MAX_FEN, 2)).toEqual({ ok: false, error: 'too_large' });
	});
});

describe('scope', () => {
	const scope = (appliesTo: 'all' | 'buildings' | 'units') => ({
		appliesTo,
		buildings: new Set(['3']),
		unitIds: new Set([7])
	});
	it('applies to all units, by building, or to selected units', () => {
		expect(itemApplies(scope('all'), { id: 1, building: '1' })).toBe(true);
		expect(itemApplies(scope('buildings'), { id: 1, building: '3' })).toBe(true);
		expect(itemApplies(scope('buildings'), { id: 7, building: '1' })).toBe(false);
		expect(itemApplies(scope('units'), { id: 7, building: '1' })).toBe(true);
		expect(itemApplies(scope('units'), { id: 1, building: '3' })).toBe(false);
	});
});

describe('rate in force for a month', () => {
	// 电梯费 changed twice in 2026: 0.30 from 2026-01, 0.35 from 2026-04, 0.40 from 2026-10.
	const rates = [
		{ id: 1, fromMonth: '2026-01', rateFen: 30 },
		{ id: 2, fromMonth: '2026-04', rateFen: 35 },
		{ id: 3, fromMonth: '2026-10', rateFen: 40 }
	];
	it('takes the latest rate whose month has begun, at the month ends', () => {
		expect(rateForMonth(rates, '2025-12')).toBeNull();
		expect(rateForMonth(rates, '2026-01')?.rateFen).toBe(30);
		expect(rateForMonth(rates, '2026-03')?.rateFen).toBe(30);
		expect(rateForMonth(rates, '2026-04')?.rateFen).toBe(35);
		expect(rateForMonth(rates, '2026-09')?.rateFen).toBe(35);
		expect(rateForMonth(rates, '2026-10')?.rateFen).toBe(40);
		expect(rateForMonth(rates, '2027-02')?.rateFen).toBe(40);
	});
	it('a later entry for the same month wins, whatever order they come in', () => {
		const fixed = [{ id: 4, fromMonth: '2026-04', rateFen: 36 }, ...rates];
		expect(rateForMonth(fixed, '2026-04')?.rateFen).toBe(36);
		expect(rateForMonth(fixed, '2026-03')?.rateFen).toBe(30);
	});
	it('bills each month of the year at its own rate (due day clamped at short months)', () => {
		const plan = (month: string, dueDay = 20) =>
			monthPlanner({ basis: 'per_area', vacancyApplies: false }, rates, month, {
				dueDay,
				vacancyPercent: 90
			})?.(unit);
		// 89.50 m²: 0.30 → 26.85, 0.35 → 31.325 → 31.33, 0.40 → 35.80
		expect(plan('2026-03')?.principalFen).toBe(2685);
		expect(plan('2026-04')?.principalFen).toBe(3133);
		expect(plan('2026-10')?.principalFen).toBe(3580);
		expect(plan('2026-02', 31)?.dueDate).toBe('2026-02-28');
	});
});
