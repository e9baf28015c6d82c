import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseForm } from './forms';

describe('parseForm', () => {
	const schema = z.object({ name: z.string().min(1), room: z.string().regex(/^\d+$/) });

	it('echoes a missing field of a plain object as empty, never throws', () => {
		const r = parseForm(schema, { name: undefined, room: 'x' });
		expect(r.ok).toBe(false);
		if (!r.ok) {
			expect(r.values).toEqual({ name: '', room: 'x' });
			expect(Object.keys(r.errors).sort()).toEqual(['name', 'room']);
		}
	});

	it('caps a long echoed value at 2 000 characters', () => {
		const form = new FormData();
		form.set('name', 'x'.repeat(10_000));
		form.set('room', 'a');
		const r = parseForm(schema, form);
		expect(!r.ok && r.values.name.length).toBe(2000);
	});

	it('returns the parsed data', () => {
		expect(parseForm(schema, { name: '张', room: '101' })).toEqual({
			ok: true,
			data: { name: '张', room: '101' }
		});
	});
});
