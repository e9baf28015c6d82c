import { applyAction, deserialize } from '$app/forms';
import { invalidateAll } from '$app/navigation';
import { m } from '$lib/paraglide/messages.js';

/**
 * Posts fields to a /shift action from another page (taking over a shift at the counter, a
 * manager's acknowledgement on the report) and reloads the page's data. Answers the refusal to
 * show, or '' when done. `apply` also hands the answer to the current page (its `form`).
 */
export async function postShiftAction(
	action: 'open' | 'acknowledge',
	fields: Record<string, string>,
	{ apply = false } = {}
): Promise<string> {
	try {
		const body = new FormData();
		for (const [k, v] of Object.entries(fields)) body.set(k, v);
		const res = await fetch(`/shift?/${action}`, {
			method: 'POST',
			body,
			headers: { 'x-sveltekit-action': 'true' }
		});
		const result = deserialize(await res.text());
		if (result.type === 'success') {
			await invalidateAll();
			if (apply) await applyAction(result);
			return '';
		}
		if (result.type === 'failure')
			return String(
				(result.data as { message?: string } | undefined)?.message ??
					m.reports_shift_error_refused()
			);
		return m.reports_shift_error_refused();
	} catch {
		return m.reports_shift_error_refused();
	}
}

/**
 * One button's post to a /shift action: busy while it posts (the button disabled, so a double tap
 * posts once) and the refusal to show under it ('' when none).
 */
export class ShiftPost {
	busy = $state(false);
	error = $state('');

	async send(...args: Parameters<typeof postShiftAction>) {
		this.busy = true;
		this.error = '';
		this.error = await postShiftAction(...args);
		this.busy = false;
	}
}
