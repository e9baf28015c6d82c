import type { SubmitFunction } from '@sveltejs/kit';

/**
 * use:enhance for a form that holds the page busy while it posts (its buttons disabled, so a
 * double tap posts once). The answer updates the page without emptying the form, so a refusal
 * keeps what was typed; `reset: true` empties it (a form that starts afresh after success).
 * `settle` runs as the answer arrives (e.g. to close a confirmation dialog).
 */
export function busyWhile(
	setBusy: (busy: boolean) => void,
	{ reset = false, settle }: { reset?: boolean; settle?: () => void } = {}
): SubmitFunction {
	return () => {
		setBusy(true);
		return async ({ update }) => {
			settle?.();
			await update({ reset });
			setBusy(false);
		};
	};
}

/**
 * use:enhance for a form posted twice: first to `?/review` (the server checks it exactly as the
 * action will and answers what it found), then from a confirmation dialog to the action itself.
 * A successful review opens the dialog when `onReviewed` agrees (it may first set the page up from
 * the review); the action's answer closes it. Busy and kept values as in `busyWhile`.
 */
export function reviewThenConfirm(
	setBusy: (busy: boolean) => void,
	setConfirming: (open: boolean) => void,
	onReviewed: () => boolean = () => true
): SubmitFunction {
	return ({ action }) => {
		setBusy(true);
		const reviewing = action.search.includes('/review');
		return async ({ result, update }) => {
			if (!reviewing) setConfirming(false);
			await update({ reset: false });
			setBusy(false);
			if (reviewing && result.type === 'success' && onReviewed()) setConfirming(true);
		};
	};
}
