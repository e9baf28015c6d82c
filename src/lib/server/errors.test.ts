import { describe, expect, it } from 'vitest';
import { AppError, areaError } from './errors';

describe('areaError', () => {
	const DemoError = areaError<'gone' | 'busy' | 'bad'>(
		'parcels',
		'DemoError',
		{ gone: 404, busy: 409 },
		422
	);
	const OtherError = areaError<'gone'>('errands', 'OtherError', { gone: 404 });

	it("makes a refusal of the area with the code's status, the detail and the name", () => {
		const e = new DemoError('gone', { ref: 'x' });
		expect(e).toBeInstanceOf(AppError);
		expect(e).toBeInstanceOf(DemoError);
		expect(e).not.toBeInstanceOf(OtherError);
		expect(e).toMatchObject({
			area: 'parcels',
			code: 'gone',
			status: 404,
			detail: { ref: 'x' },
			name: 'DemoError'
		});
		expect(new DemoError('busy').status).toBe(409);
	});

	it('answers a code not in the table with the fallback (400 unless given), detail empty', () => {
		expect(new DemoError('bad')).toMatchObject({ status: 422, detail: {} });
		expect(new OtherError('gone').status).toBe(404);
		const Plain = areaError<'nope'>('items', 'Plain', {});
		expect(new Plain('nope').status).toBe(400);
	});
});
