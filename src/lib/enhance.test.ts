import { describe, expect, it } from 'vitest';
import type { ActionResult, SubmitFunction } from '@sveltejs/kit';
import { reviewThenConfirm } from './enhance';

/** Posts through `submit` to `action` and answers `type`; returns what the page saw. */
async function post(submit: SubmitFunction, action: string, type: ActionResult['type']) {
	const seen: string[] = [];
	const after = await submit({
		action: new URL(`http://x/page${action}`)
	} as Parameters<SubmitFunction>[0]);
	seen.push('posted');
	await (after as (o: unknown) => Promise<void>)({
		result: { type, status: 200 },
		update: async (o: { reset: boolean }) => void seen.push(`update reset=${o.reset}`)
	});
	return seen;
}

function page(onReviewed?: () => boolean) {
	const state = { busy: [] as boolean[], open: [] as boolean[] };
	const submit = reviewThenConfirm(
		(b) => state.busy.push(b),
		(o) => state.open.push(o),
		onReviewed
	);
	return { state, submit };
}

describe('reviewThenConfirm', () => {
	it('opens the dialog after a successful review, keeping what was typed', async () => {
		const { state, submit } = page();
		expect(await post(submit, '?/review', 'success')).toEqual(['posted', 'update reset=false']);
		expect(state.busy).toEqual([true, false]);
		expect(state.open).toEqual([true]);
	});

	it('keeps the dialog shut when the review is refused', async () => {
		const { state, submit } = page();
		await post(submit, '?/review', 'failure');
		expect(state.open).toEqual([]);
	});

	it('keeps it shut when onReviewed says no', async () => {
		const { state, submit } = page(() => false);
		await post(submit, '?/review', 'success');
		expect(state.open).toEqual([]);
	});

	it('closes the dialog when the action itself answers', async () => {
		const { state, submit } = page();
		await post(submit, '?/approve', 'success');
		expect(state.open).toEqual([false]);
		expect(state.busy).toEqual([true, false]);
	});
});
