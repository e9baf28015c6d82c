// Translations of refused move-in writes. Routes only (uses Paraglide).
import { m } from '../../paraglide/messages.js';
import { MAX_KEYS, type CompletionBlock } from '../../domain/movein-checklist';
import { formatDateTimeLocal } from '../../dates';
import type { ErrorMessages } from '../errors';
import type { MoveInErrorCode } from './queries';
import { itemLabel, monthsRange } from './labels';

/** Refused move-in writes; times are shown in the community's zone (`timeZone`). */
export const moveInMessages: ErrorMessages<MoveInErrorCode> = {
	messages: {
		unit_not_found: () => m.movein_error_unit_not_found(),
		unit_occupied: () => m.movein_occupied_refused(),
		case_exists: () => m.movein_case_exists(),
		case_not_found: () => m.movein_error_case_not_found(),
		case_closed: () => m.movein_error_case_closed(),
		item_unknown: () => m.movein_error_item_unknown(),
		item_already_received: (d, c) =>
			m.movein_error_item_already({
				name: typeof d.byName === 'string' ? d.byName : '',
				time: typeof d.at === 'number' && c.timeZone ? formatDateTimeLocal(d.at, c.timeZone) : ''
			}),
		item_not_received: () => m.movein_error_item_not_received(),
		date_in_future: () => m.movein_error_date_future(),
		no_units: () => m.movein_error_no_units(),
		bad_input: (d) =>
			d.field === 'proxyName' ? m.movein_error_proxy_name() : m.movein_error_bad_input(),
		cannot_complete: (d) =>
			[
				m.movein_error_cannot_complete(),
				...((d.blocks ?? []) as CompletionBlock[]).map(blockMessage)
			].join(' ')
	},
	fallback: () => m.movein_error_bad_input()
};

export function blockMessage(b: CompletionBlock): string {
	switch (b.kind) {
		case 'items_missing':
			return m.movein_error_items_missing({
				items: b.items.map((i) => itemLabel(i.code)).join('、')
			});
		case 'months_unpaid':
			return m.movein_error_months_unpaid({ count: b.months.length, range: monthsRange(b.months) });
		case 'keys_invalid':
			return m.movein_error_keys({ max: MAX_KEYS });
	}
}
