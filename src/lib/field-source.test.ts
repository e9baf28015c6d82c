import { describe, expect, it } from 'vitest';
import { errorsOf, failureOf, fieldsOf, valuesOf } from './field-source';

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
});
