// A records page's form action: parse, run one command as the signed-in staff member, answer
// "done" or the translated refusal with what was typed (every records page's shape).
import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { failForm, formValues, parseForm } from '$lib/server/forms';
import { refusal } from '$lib/server/refusal';
import type { Role } from '$lib/server/db/schema';

export async function change<S extends Parameters<typeof parseForm>[0]>(
	{ locals, request }: { locals: App.Locals; request: Request },
	schema: S,
	run: (actor: { id: number; communityId: number }, data: ReturnType<S['parse']>) => void,
	done: string,
	role: Role = 'manager'
) {
	const user = requireStaff(locals, role);
	const form = await request.formData();
	const parsed = parseForm(schema, form);
	if (!parsed.ok) return failForm(400, m.records_err_form(), parsed);
	try {
		run({ id: user.id, communityId: user.communityId }, parsed.data as ReturnType<S['parse']>);
	} catch (e) {
		return refusal(e, { values: formValues(form) });
	}
	return { done };
}
