import { describe, expect, it } from 'vitest';
import { tieCash } from './cash-tie';

const line = (
	receivedFen: number,
	receivedCount: number,
	voidedFen = 0,
	voidedCount = 0,
	refundedFen = 0,
	refundedCount = 0
) => ({ receivedFen, receivedCount, voidedFen, voidedCount, refundedFen, refundedCount });

describe('tieCash', () => {
	it('adds the shift lines; equal to the method line with nothing outside is ok', () => {
		const t = tieCash(
			[line(37680, 2, 12000, 1), line(30000, 1, 0, 0, 170000, 1)],
			line(0, 0),
			55680
		);
		expect(t.total).toEqual({ ...line(67680, 3, 12000, 1, 170000, 1), netFen: 55680 });
		expect(t.ok).toBe(true);
	});
	it('is not ok with cash outside a shift, even when the sums agree', () => {
		expect(tieCash([line(1000, 1)], line(500, 1), 1500).ok).toBe(false);
		expect(tieCash([line(1000, 1)], line(0, 0, 0, 0, 300, 1), 1000).ok).toBe(false);
	});
	it('is not ok when the total differs from the method line', () => {
		expect(tieCash([line(1000, 1)], line(0, 0), 1200).ok).toBe(false);
		expect(tieCash([], line(0, 0), 0).ok).toBe(true);
	});
});
