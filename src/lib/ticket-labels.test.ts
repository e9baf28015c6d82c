import { describe, expect, it } from 'vitest';
import { LIMITS } from './domain/sla';
import { deadlineStateLabel, limitLabel } from './ticket-labels';

// The one copy of the ticket time-limit labels (issue 12), shared by staff and kiosk pages and the CSV.
describe('ticket time-limit labels', () => {
	it('names every limit, each differently', () => {
		const names = LIMITS.map((l) => limitLabel(l));
		expect(names.every((n) => n.length > 0)).toBe(true);
		expect(new Set(names).size).toBe(LIMITS.length);
	});
	it('one word for where a limit stands: met on time or late, open, due soon, overdue', () => {
		const words = [
			deadlineStateLabel({ metAt: 1, state: 'ok' }),
			deadlineStateLabel({ metAt: 1, state: 'breached' }),
			deadlineStateLabel({ metAt: null, state: 'ok' }),
			deadlineStateLabel({ metAt: null, state: 'due_soon' }),
			deadlineStateLabel({ metAt: null, state: 'breached' })
		];
		expect(new Set(words).size).toBe(5);
	});
});
