import { m } from '$lib/paraglide/messages.js';
import type { Presence } from '$lib/domain/directory';

/** 在岗 / 外出 / 休假: the directory page, the kiosk's staff wall. */
export function presenceLabel(p: Presence): string {
	return p === 'out'
		? m.directory_status_out()
		: p === 'leave'
			? m.directory_status_leave()
			: m.directory_status_on_duty();
}
