/**
 * What every step panel of the renovation page shares: the values and field errors of the last
 * answer (so the form refills), the server's review of a reviewed step, and the confirmation
 * dialog, opened by a successful review (or by the step's own button) and closed by the write.
 *
 * A reviewed step (fees, permit, inspection, deposit refund) posts its form to ?/…Review first:
 * the server checks all the write checks and writes nothing; the confirmation shows what the
 * server worked out and posts the same form to the write (see review.ts).
 */
import type { SubmitFunction } from '@sveltejs/kit';
import { reviewOf, reviewThenConfirm } from './review';
import type { ActionData, PageData } from './$types';

/** The props of a step panel: the page's data and last answer, and the page's busy flag. */
export type StepProps = { data: PageData; form: ActionData; busy?: boolean };

export class StepForm {
	readonly #form: () => ActionData;
	readonly #data: () => PageData;
	/** The renovation's detail and the renovation itself, as loaded. */
	readonly d = $derived.by(() => this.#data().d);
	readonly r = $derived.by(() => this.#data().d.renovation);
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

	/** `data` and `form` read the page's data and last answer; `setBusy` sets the page's busy flag. */
	constructor(page: {
		data: () => PageData;
		form: () => ActionData;
		setBusy: (busy: boolean) => void;
	}) {
		this.#data = page.data;
		this.#form = page.form;
		const setBusy = page.setBusy;
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
