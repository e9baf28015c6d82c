import { m } from '$lib/paraglide/messages.js';
import type { NoticeStatus } from '$lib/domain/notices';

export const statusLabel = (s: NoticeStatus): string =>
	({
		scheduled: m.notices_status_scheduled(),
		showing: m.notices_status_showing(),
		expired: m.notices_status_expired(),
		withdrawn: m.notices_status_withdrawn()
	})[s];

export const statusBadge = (s: NoticeStatus): string =>
	({ scheduled: 'warn', showing: '', expired: 'grey', withdrawn: 'grey' })[s];
