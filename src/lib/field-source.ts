// What a form's `Field`s read (components/Field.svelte): the ids' prefix, what was typed after a
// refusal, and the errors. Shared by the records pages and the directory.

/** A refused form's answer (`failForm` / `refusal`): the summary, per-field messages and what was typed. */
export interface FormFailure {
	message?: string;
	errors?: Record<string, string>;
	values?: Record<string, string>;
}

/** A form's fields as `Field` reads them: the ids' prefix, what was typed (else `initial`), the errors. */
export interface FieldSource {
	prefix: string;
	v: (name: string) => string;
	err: (name: string) => string | undefined;
}

export function fieldsOf(
	prefix: string,
	failure: FormFailure | null,
	initial: (name: string) => string = () => ''
): FieldSource {
	return {
		prefix,
		v: (name) => failure?.values?.[name] ?? initial(name),
		err: (name) => failure?.errors?.[name]
	};
}

/**
 * One field's ids as `Field` and `TextareaField` lay it out: `prefix-name`, its error, and the id
 * of the line under it (`…-note`) when there is one to describe it.
 */
export function fieldIdsOf(f: FieldSource, name: string, hint?: string) {
	const id = `${f.prefix}-${name}`;
	const error = f.err(name);
	return { id, error, note: error || hint ? `${id}-note` : undefined };
}

/** A page's `form` answer read as a refusal (its fields empty when it was none). */
export const failureOf = (form: unknown): FormFailure =>
	form && typeof form === 'object' ? (form as FormFailure) : {};

/** The refused fields' messages ({} when the answer was no refusal). */
export const errorsOf = (form: unknown): Record<string, string> => failureOf(form).errors ?? {};

/** What was typed into the refused form ({} otherwise). */
export const valuesOf = (form: unknown): Record<string, string> => failureOf(form).values ?? {};
