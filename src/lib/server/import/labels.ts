import { m } from '../../paraglide/messages.js';
import type { RowError } from '../../domain/import';
import type { ImportFailure } from './errors';
import { importMessages, kindName } from './messages';
import type { Refusal } from './plan';

export { kindName };

/*
 * Import codes in the request's language (the page), or in Chinese (the command line). Relative
 * imports: `npm run import` loads this under plain node.
 */

/** A refused file's message (the page answers through `refusal()`; the command line prints this). */
export function failureMessage(f: ImportFailure): string {
	return (importMessages.messages[f.code] ?? importMessages.fallback)(f, {});
}

const REASONS: Record<Exclude<RowError, 'duplicate' | 'conflict'>, () => string> = {
	required: m.import_reason_required,
	too_long: m.import_reason_too_long,
	bad_date: m.import_reason_bad_date,
	bad_month: m.import_reason_bad_month,
	bad_amount: m.import_reason_bad_amount,
	too_many_decimals: m.import_reason_too_many_decimals,
	not_positive: m.import_reason_not_positive,
	bad_phone: m.import_reason_bad_phone,
	bad_id: m.import_reason_bad_id,
	bad_choice: m.import_reason_bad_choice,
	bad_plate: m.import_reason_bad_plate,
	bad_period: m.import_reason_bad_period,
	bad_unit_part: m.import_reason_bad_unit_part,
	unknown_unit: m.import_reason_unknown_unit,
	unknown_item: m.import_reason_unknown_item,
	unknown_space: m.import_reason_unknown_space,
	unknown_person: m.import_reason_unknown_person,
	end_before_start: m.import_reason_end_before_start
};

/** "手机：手机号格式不正确（11 位）「1390000」" — the column, the reason, what the cell held. */
export function refusalText(r: Refusal): string {
	const reason =
		r.error === 'duplicate'
			? m.import_reason_duplicate({ first: r.detail ?? '' })
			: r.error === 'conflict'
				? m.import_reason_conflict({ existing: r.detail ?? '' })
				: REASONS[r.error]();
	const held =
		r.detail && r.error !== 'duplicate' && r.error !== 'conflict' ? `「${r.detail}」` : '';
	return `${r.column ? `${r.column}：` : ''}${reason}${held}`;
}
