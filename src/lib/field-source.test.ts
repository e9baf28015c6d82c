import { describe, expect, it } from 'vitest';
import { errorsOf, failureOf, fieldIdsOf, fieldsOf, valuesOf } from './field-source';

describe("a page's form answer", () => {
	const refusal = { message: 'x', errors: { unit: '没有房号。' }, values: { unit: '9-9-999' } };

	it('reads a refusal: its errors, what was typed, and the fields refilled from it', () => {
		expect(errorsOf(refusal)).toEqual({ unit: '没有房号。' });
		expect(valuesOf(refusal)).toEqual({ unit: '9-9-999' });
		const f = fieldsOf('p', failureOf(refusal), (n) => (n === 'count' ? '1' : ''));
		expect([f.v('unit'), f.v('count'), f.err('unit'), f.err('count')]).toEqual([
			'9-9-999',
			'1',
			'没有房号。',
			undefined
		]);
	});

	it('reads anything else (none yet, a done answer) as nothing refused or typed', () => {
		for (const form of [null, undefined, 'ok', { ok: '已登记。' }]) {
			expect(errorsOf(form)).toEqual({});
			expect(valuesOf(form)).toEqual({});
		}
	});

	it("names a field's ids, and its note only when an error or a hint shows under it", () => {
		const f = fieldsOf('p', failureOf(refusal));
		expect(fieldIdsOf(f, 'unit')).toEqual({
			id: 'p-unit',
			error: '没有房号。',
			note: 'p-unit-note'
		});
		expect(fieldIdsOf(f, 'count')).toEqual({ id: 'p-count', error: undefined, note: undefined });
		expect(fieldIdsOf(f, 'count', '可不填').note).toBe('p-count-note');
	});
});
