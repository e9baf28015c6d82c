// Client-side labels of the waiver pages (the server's refusals are translated in
// $lib/server/waivers/messages.ts).
import { m } from '$lib/paraglide/messages.js';
import type { WaiverState } from '$lib/domain/waiver';

export function stateLabel(state: WaiverState): string {
	return (
		{
			pending: m.waivers_state_pending(),
			approved: m.waivers_state_approved(),
			rejected: m.waivers_state_rejected(),
			returned: m.waivers_state_returned()
		}[state] ?? state
	);
}

export function stateBadge(state: WaiverState): string {
	return (
		{ pending: 'badge warn', approved: 'badge', rejected: 'badge danger', returned: 'badge grey' }[
			state
		] ?? 'badge'
	);
}

/** "2026年08月、2026年09月" / "2026-08, 2026-09". */
export function monthsLabel(months: readonly string[], zh: boolean): string {
	return months
		.map((mo) => (zh ? `${mo.slice(0, 4)}年${mo.slice(5, 7)}月` : mo))
		.join(zh ? '、' : ', ');
}
