// Translations of refused notice writes. Routes only (uses Paraglide).
import { m } from '$lib/paraglide/messages.js';
import {
	NOTICE_BODY_MAX,
	NOTICE_ERROR_FIELD,
	NOTICE_MAX_DURATION_MS,
	NOTICE_START_GRACE_MS,
	NOTICE_TITLE_MAX
} from '$lib/domain/notices';
import type { ErrorMessages } from '../errors';
import type { NoticeErrorCode } from './errors';

const s = (v: unknown) => String(v ?? '');

export const noticeMessages: ErrorMessages<NoticeErrorCode> = {
	messages: {
		title_required: () => m.notices_err_title_required(),
		title_too_long: () => m.notices_err_title_too_long({ max: NOTICE_TITLE_MAX }),
		body_too_long: () => m.notices_err_body_too_long({ max: NOTICE_BODY_MAX }),
		end_before_start: () => m.notices_err_end_before_start(),
		start_in_past: () => m.notices_err_start_in_past({ minutes: NOTICE_START_GRACE_MS / 60_000 }),
		too_long_running: () =>
			m.notices_err_too_long_running({ days: NOTICE_MAX_DURATION_MS / 86_400_000 }),
		photo_count: (d) => m.tickets_err_photo_count({ max: s(d.max) }),
		photo_size: (d) => m.tickets_err_photo_size({ name: s(d.name), mb: s(d.maxMb) }),
		photo_type: (d) => m.tickets_err_photo_type({ name: s(d.name) }),
		photo_pixels: (d) => m.tickets_err_photo_pixels({ name: s(d.name), mp: s(d.maxMp) }),
		not_found: () => m.notices_err_not_found(),
		withdrawn: () => m.notices_err_withdrawn(),
		idempotency_conflict: () => m.notices_err_stale()
	},
	fields: {
		...NOTICE_ERROR_FIELD,
		photo_count: 'image',
		photo_size: 'image',
		photo_type: 'image',
		photo_pixels: 'image'
	},
	fallback: () => m.notices_err_stale()
};
