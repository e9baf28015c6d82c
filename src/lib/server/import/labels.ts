import { m } from '../../paraglide/messages.js';
import { getLocale } from '../../paraglide/runtime.js';
import { TEMPLATES, type ImportKind, type RowError } from '../../domain/import';
import type { ImportFailure } from './service';
import type { Refusal } from './plan';

/*
 * Import codes in the request's language (the page), or in Chinese (the command line). Relative
 * imports: `npm run import` loads this under plain node.
 */

export function kindName(kind: ImportKind): string {
	return getLocale() === 'en' ? TEMPLATES[kind].nameEn : TEMPLATES[kind].nameZh;
}

export function failureMessage(f: ImportFailure): string {
	switch (f.code) {
		case 'bad_type':
			return m.import_err_bad_type();
		case 'empty':
			return m.import_err_empty();
		case 'no_rows':
			return m.import_err_no_rows();
		case 'too_large':
			return m.import_err_too_large({ maxMb: f.maxMb });
		case 'too_many_rows':
			return m.import_err_too_many_rows({ max: f.max });
		case 'formula':
			return m.import_err_formula({ cell: f.cell });
		case 'merged':
			return m.import_err_merged({ cells: f.cells });
		case 'unreadable':
			return m.import_err_unreadable();
		case 'bad_headers':
			if (!f.kind) return m.import_err_unknown_headers();
			return m.import_err_bad_headers({
				kind: kindName(f.kind),
				missing: f.missing.join('、') || '—',
				unknown: f.unknown.join('、') || '—'
			});
		case 'stale':
			return m.import_err_stale();
	}
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
