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
