import { describe, expect, it } from 'vitest';
import { withState } from './board-links';

describe('withState', () => {
	it('sets, replaces and clears the state filter, keeping the others', () => {
		expect(withState('', 'open')).toBe('/tickets?state=open');
		expect(withState('?kind=enquiry', 'open')).toBe('/tickets?kind=enquiry&state=open');
		expect(withState('?state=closed&kind=enquiry', 'open')).toBe(
			'/tickets?state=open&kind=enquiry'
		);
		expect(withState('?state=closed&kind=enquiry', null)).toBe('/tickets?kind=enquiry');
		expect(withState('?state=closed', null)).toBe('/tickets');
	});
});
