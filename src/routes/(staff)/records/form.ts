// What every records page does with its forms: find the failed one among several, and keep
// what was typed after a submit (the page shows the refusal beside it).

import type { FormFailure } from '$lib/field-source';
export { fieldsOf, type FieldSource, type FormFailure } from '$lib/field-source';

// Every refusal of a records action carries what was typed; a "done" answer does not.
const isFailure = (form: unknown): form is FormFailure =>
	!!form && typeof form === 'object' && 'values' in form;

/** The page's `form` when it answers the form named `name` (its hidden `_form` field), else null. */
export function failedForm(form: unknown, name: string): FormFailure | null {
	return isFailure(form) && form.values?._form === name ? form : null;
}

/** `use:enhance` that keeps the form's fields after the answer (a refused form stays filled). */
export const enhanceKeep =
	() =>
	async ({ update }: { update: (o: { reset: boolean }) => Promise<void> }) =>
		update({ reset: false });
