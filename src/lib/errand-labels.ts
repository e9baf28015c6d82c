import { m } from '$lib/paraglide/messages.js';
import type { ErrandKind, ErrandState } from '$lib/domain/errands';

/** 代办 / 留言转告 / 回电: the page, its CSV, the counter home. */
export function errandKindLabel(k: ErrandKind): string {
	return k === 'message'
		? m.errands_kind_message()
		: k === 'callback'
			? m.errands_kind_callback()
			: m.errands_kind_errand();
}

export function errandStateLabel(s: ErrandState, overdue: boolean): string {
	if (overdue) return m.errands_state_overdue();
	return s === 'done'
		? m.errands_state_done()
		: s === 'failed'
			? m.errands_state_failed()
			: m.errands_state_open();
}
