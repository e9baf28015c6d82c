import { getCommunity } from '$lib/server/community';
import { getDb } from '$lib/server/db';
import { failForm, formValues, parseForm } from '$lib/server/forms';
import { fromLocalInput, noticeSchema } from '$lib/server/notices/forms';
import { photosFromForm } from '$lib/server/uploads/photos';
import type { NoticeInput } from '$lib/server/notices';
import { m } from '$lib/paraglide/messages.js';

/** The posted notice form as the command's input, or the refusal to answer with (nothing written). */
export async function readNoticeForm(
	request: Request,
	communityId: number
): Promise<
	| { ok: true; input: NoticeInput; values: Record<string, string> }
	| { ok: false; failure: ReturnType<typeof failForm> }
> {
	const form = await request.formData();
	const values = formValues(form);
	const parsed = parseForm(noticeSchema, form);
	if (!parsed.ok) return { ok: false, failure: failForm(400, m.notices_err_form(), parsed) };
	const tz = getCommunity(getDb(), communityId).timeZone;
	const f = parsed.data;
	return {
		ok: true,
		values,
		input: {
			title: f.title,
			body: f.body,
			startsAt: fromLocalInput(f.startsAt, tz),
			endsAt: fromLocalInput(f.endsAt, tz),
			urgent: f.urgent,
			dropImage: !f.keepImage,
			photos: await photosFromForm(form, 'image'),
			idempotencyKey: f.idem || null
		}
	};
}
