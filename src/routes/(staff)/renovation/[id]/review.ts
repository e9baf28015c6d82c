/**
 * The review-then-confirm step of the renovation page (fees, permit, inspection, deposit refund),
 * as the property-fee counter has it: the form posts to ?/…Review, the server checks everything
 * the write checks and writes nothing, and answers the figures the write will record; the page
 * then asks for confirmation with those figures, and the dialog's button posts the same form to
 * the write itself.
 */
import type { SubmitFunction } from '@sveltejs/kit';

export type Review =
	| {
			step: 'pay';
			totalFen: number;
			changeFen: number | null;
			tenderedFen: number | null;
			method: string;
			lines: { itemCode: string; kind: string; amountFen: number }[];
	  }
	| {
			step: 'issue_permit' | 'inspect_pass' | 'inspect_fail';
			permitNo: string | null;
			permitFrom: string | null;
			permitUntil: string | null;
			items: string[];
	  }
	| { step: 'settle'; refundFen: number; deductedFen: number };

/** The server's review in an action answer, if that is what it is. */
export function reviewOf(form: unknown): Review | null {
	return form && typeof form === 'object' && 'review' in form
		? (form as { review: Review }).review
		: null;
}

/** use:enhance for a reviewed form: a successful review opens the confirmation; the write closes it. */
export function reviewThenConfirm(
	setBusy: (busy: boolean) => void,
	setOpen: (open: boolean) => void
): SubmitFunction {
	return ({ action }) => {
		setBusy(true);
		const reviewing = action.search.includes('Review');
		return async ({ result, update }) => {
			await update({ reset: false });
			setBusy(false);
			setOpen(reviewing && result.type === 'success');
		};
	};
}
