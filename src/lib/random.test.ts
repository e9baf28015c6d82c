import { describe, expect, it } from 'vitest';
import { seededRandom } from './random';

describe('seededRandom', () => {
	it('repeats for one seed and differs between seeds', () => {
		const a = seededRandom(42);
		const b = seededRandom(42);
		const first = [a(), a(), a()];
		expect([b(), b(), b()]).toEqual(first);
		expect(seededRandom(43)()).not.toBe(first[0]);
	});

	it('stays in [0, 1) and spreads over it', () => {
		const r = seededRandom(7);
		const xs = Array.from({ length: 10_000 }, r);
		expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
		expect(Math.max(...xs)).toBeLessThan(1);
		const low = xs.filter((x) => x < 0.5).length;
		expect(low).toBeGreaterThan(4_700);
		expect(low).toBeLessThan(5_300);
	});
});
