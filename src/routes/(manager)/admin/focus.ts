import { tick } from 'svelte';

/** After a refusal the first field to fix gets the focus (and is scrolled into view). */
export async function focusFirstInvalid(form: HTMLElement): Promise<void> {
	await tick();
	form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
