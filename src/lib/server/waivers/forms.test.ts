import { describe, it, expect } from 'vitest';
import { m } from '$lib/paraglide/messages.js';
import { parseForm } from '../forms';
import { normaliseCode, waiverFileSchema } from './forms';

const form = (fields: Record<string, string | string[]>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields))
		for (const x of Array.isArray(v) ? v : [v]) f.append(k, x);
	return f;
};

describe('waiver request form', () => {
	it('reads the unit (IME-normalised), the ticked bills and the texts', () => {
		expect(
			parseForm(
				waiverFileSchema,
				form({
					unit: '３－１２０１',
					bill: ['5', '6'],
					reason: '空置',
					applicant: '李',
					phone: '1',
					key: 'k'
				})
			)
		).toEqual({
			ok: true,
			data: { unit: '3-1201', bill: [5, 6], reason: '空置', applicant: '李', phone: '1', key: 'k' }
		});
		expect(parseForm(waiverFileSchema, form({ unit: '1-101' }))).toMatchObject({
			ok: true,
			data: { bill: [], reason: '', key: '' }
		});
		expect(normaliseCode(' 1／101 ')).toBe('1-101');
	});
	it('refuses a bill id that did not come from the page', () => {
		expect(parseForm(waiverFileSchema, form({ unit: '1-101', bill: ['5', 'x'] }))).toMatchObject({
			ok: false,
			errors: { bill: m.waivers_error_bill_not_found() }
		});
	});
});
