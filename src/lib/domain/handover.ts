/**
 * What a cashier hands over besides the cash (DOMAIN.md §9, issue 11): cheques and card slips,
 * counted by number and total against what the system says the cashier took and still holds.
 */

export interface Slips {
	count: number;
	fen: number;
}

export interface HandoverCount {
	/** counted − expected cash. */
	differenceFen: number;
	cheques: { system: Slips; counted: Slips };
	cards: { system: Slips; counted: Slips };
}

const same = (a: Slips, b: Slips) => a.count === b.count && a.fen === b.fen;

/** Cheques and card slips as counted agree with the system's. */
export function slipsAgree(h: Pick<HandoverCount, 'cheques' | 'cards'>): boolean {
	return same(h.cheques.system, h.cheques.counted) && same(h.cards.system, h.cards.counted);
}

/**
 * A handover with a difference — cash short or over, or cheques / card slips not as the system
 * has them — needs a note from the cashier and a manager's acknowledgement afterwards.
 */
export function handoverDiffers(h: HandoverCount): boolean {
	return h.differenceFen !== 0 || !slipsAgree(h);
}

/** The same test on a handover record's columns (system and counted slips side by side). */
export function shiftDiffers(s: {
	differenceFen: number;
	chequeCount: number;
	chequeFen: number;
	chequeCountedCount: number;
	chequeCountedFen: number;
	cardCount: number;
	cardFen: number;
	cardCountedCount: number;
	cardCountedFen: number;
}): boolean {
	return handoverDiffers({
		differenceFen: s.differenceFen,
		cheques: {
			system: { count: s.chequeCount, fen: s.chequeFen },
			counted: { count: s.chequeCountedCount, fen: s.chequeCountedFen }
		},
		cards: {
			system: { count: s.cardCount, fen: s.cardFen },
			counted: { count: s.cardCountedCount, fen: s.cardCountedFen }
		}
	});
}
