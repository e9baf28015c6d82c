import { describe, expect, it } from 'vitest';
import { initialBillTicks, type TickableBill } from './bill-ticks';

const bill = (billId: number, over: Partial<TickableBill> = {}): TickableBill => ({
	billId,
	dueDate: '2026-11-15',
	principalDueFen: 12000,
	pendingWaiver: false,
	...over
});

describe('the ticks a fee payment form starts with', () => {
	it('ticks bills due by today with their late fees', () => {
		expect(initialBillTicks([bill(1), bill(2, { dueDate: '2026-11-23' })], '2026-11-23')).toEqual({
			bill: { 1: true, 2: true },
			late: { 1: true, 2: true }
		});
	});

	it('leaves a bill not yet due unticked (a voided prepaid month)', () => {
		expect(initialBillTicks([bill(3, { dueDate: '2026-12-15' })], '2026-11-23').bill).toEqual({
			3: false
		});
	});

	it('leaves a late fee waiting for a waiver unticked, and its bill too when only it is left', () => {
		const t = initialBillTicks(
			[bill(4, { pendingWaiver: true }), bill(5, { pendingWaiver: true, principalDueFen: 0 })],
			'2026-11-23'
		);
		expect(t).toEqual({ bill: { 4: true, 5: false }, late: { 4: false, 5: false } });
	});

	it('after a refusal keeps what was submitted, an empty list included', () => {
		expect(
			initialBillTicks([bill(6), bill(7), bill(8)], '2026-11-23', { bill: '7,8', late: '' })
		).toEqual({ bill: { 6: false, 7: true, 8: true }, late: { 6: false, 7: false, 8: false } });
	});
});
