import { describe, expect, it } from 'vitest';
import { groupInOrder } from './group';

describe('groupInOrder', () => {
	it('keeps the order in which keys first appear and folds each group', () => {
		const lines = [
			{ bill: 7, kind: 'principal', fen: 100 },
			{ bill: 3, kind: 'principal', fen: 50 },
			{ bill: 7, kind: 'late', fen: 3 },
			{ bill: 3, kind: 'late', fen: 1 }
		];
		const rows = groupInOrder(
			lines,
			(l) => l.bill,
			(l) => ({ bill: l.bill, principal: 0, late: 0 }),
			(r, l) => {
				if (l.kind === 'principal') r.principal += l.fen;
				else r.late += l.fen;
			}
		);
		expect(rows).toEqual([
			{ bill: 7, principal: 100, late: 3 },
			{ bill: 3, principal: 50, late: 1 }
		]);
	});

	it('gives nothing for nothing', () => {
		expect(
			groupInOrder(
				[] as number[],
				(x) => x,
				() => 0,
				() => {}
			)
		).toEqual([]);
	});
});
