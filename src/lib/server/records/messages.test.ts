import { describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages.js';
import { refusal, translateError } from '../refusal';
import { RecordsError } from './errors';

describe('records refusals through the shared refusal()', () => {
	it('marks the field named where the error was thrown, with the code’s status', () => {
		const f = refusal(new RecordsError('tie_exists', 'plate'), { values: { plate: '京A12345' } });
		expect(f.status).toBe(409);
		expect(f.data).toEqual({
			message: m.records_err_tie_exists(),
			errors: { plate: m.records_err_tie_exists() },
			values: { plate: '京A12345' }
		});
		expect(translateError(new RecordsError('tie_exists', 'personId'))!.errors).toEqual({
			personId: m.records_err_tie_exists()
		});
	});

	it('answers a refusal without a field with the summary only, 400 for bad input', () => {
		expect(translateError(new RecordsError('unit_not_found'))).toEqual({
			status: 400,
			message: m.records_err_unit_not_found(),
			errors: {}
		});
		expect(new RecordsError('date_future', 'endDate').field).toBe('endDate');
	});
});
