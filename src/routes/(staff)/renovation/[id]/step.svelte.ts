/**
 * What every step panel of the renovation page shares: the values and field errors of the last
 * answer (so the form refills), the server's review of a reviewed step, and the confirmation
 * dialog, opened by a successful review (or by the step's own button) and closed by the write.
 */
import type { SubmitFunction } from '@sveltejs/kit';
import { reviewOf, reviewThenConfirm } from './review';
import type { ActionData, PageData } from './$types';

/** The props of a step panel: the page's data and last answer, and the page's busy flag. */
export type StepProps = { data: PageData; form: ActionData; busy?: boolean };

export class StepForm {
	readonly #form: () => ActionData;
	confirming = $state(false);
	// .by: the answer is read lazily, after the constructor has set #form.
	readonly values = $derived.by(() => this.#answer().values ?? {});
	readonly errors = $derived.by(() => this.#answer().errors ?? {});
	readonly review = $derived.by(() => reviewOf(this.#form()));
	/** use:enhance for the step's form. */
	readonly enhance: SubmitFunction;

	#answer() {
		return (this.#form() ?? {}) as {
			values?: Record<string, string>;
			errors?: Record<string, string>;
		};
	}

	/** `form` reads the page's last answer; `setBusy` sets the page's busy flag. */
	constructor(form: () => ActionData, setBusy: (busy: boolean) => void) {
		this.#form = form;
		this.enhance = reviewThenConfirm(setBusy, (open) => (this.confirming = open));
	}
}

/** Where a receipt is printed (the 打印 POST is on that page). */
export const receiptUrl = (no: string) => `/receipts?no=${no}`;
export const voucherUrl = (no: string) => `/renovation/vouchers/${no}.pdf`;

/** Passes still out (live or expired): their deposits are held until each is settled. */
export function outstandingPasses<P extends { status: string }>(passes: P[]): P[] {
	return passes.filter((p) => p.status === 'live' || p.status === 'expired');
}
