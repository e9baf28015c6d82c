import { m } from '$lib/paraglide/messages.js';
import type { VisitorState } from '$lib/domain/visitors';

/** 未离开 / 逾时未离开 / 已离开: the page, its CSV, the leaving page. */
export function visitorStateLabel(s: VisitorState, overdue: boolean): string {
	if (s === 'left') return m.visitors_state_left();
	return overdue ? m.visitors_state_overdue() : m.visitors_state_inside();
}
