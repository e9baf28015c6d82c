import { describe, expect, it } from 'vitest';
import { handoverDiffers, shiftDiffers, slipsAgree } from './handover';

const slips = (count: number, fen: number) => ({ count, fen });

describe('handover counts', () => {
	it('cheques and card slips agree only in number and total', () => {
		expect(
			slipsAgree({
				cheques: { system: slips(2, 50000), counted: slips(2, 50000) },
				cards: { system: slips(0, 0), counted: slips(0, 0) }
			})
		).toBe(true);
		expect(
			slipsAgree({
				cheques: { system: slips(2, 50000), counted: slips(1, 50000) },
				cards: { system: slips(0, 0), counted: slips(0, 0) }
			})
		).toBe(false);
		expect(
			slipsAgree({
				cheques: { system: slips(0, 0), counted: slips(0, 0) },
				cards: { system: slips(1, 12000), counted: slips(1, 11000) }
			})
		).toBe(false);
	});
	it('a cash difference or slips that disagree need a note and an acknowledgement', () => {
		const even = {
			cheques: { system: slips(1, 100), counted: slips(1, 100) },
			cards: { system: slips(0, 0), counted: slips(0, 0) }
		};
		expect(handoverDiffers({ differenceFen: 0, ...even })).toBe(false);
		expect(handoverDiffers({ differenceFen: -1000, ...even })).toBe(true);
		expect(handoverDiffers({ differenceFen: 500, ...even })).toBe(true);
		expect(
			handoverDiffers({
				differenceFen: 0,
				...even,
				cards: { system: slips(1, 100), counted: slips(0, 0) }
			})
		).toBe(true);
		const row = {
			differenceFen: 0,
			chequeCount: 1,
			chequeFen: 100,
			chequeCountedCount: 1,
			chequeCountedFen: 100,
			cardCount: 0,
			cardFen: 0,
			cardCountedCount: 0,
			cardCountedFen: 0
		};
		expect(shiftDiffers(row)).toBe(false);
		expect(shiftDiffers({ ...row, chequeCountedFen: 90 })).toBe(true);
	});
});
