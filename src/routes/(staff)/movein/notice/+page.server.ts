import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { actorOf, type Actor } from '$lib/server/auth/actor';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { failForm, parseForm } from '$lib/server/forms';
import { setBuildingNoticeDate, setNoticeDate } from '$lib/server/movein';
import { buildingNoticeSchema, unitNoticeSchema } from '$lib/server/movein/forms';
import { refusal } from '$lib/server/refusal';
import type { Actions, PageServerLoad } from './$types';

/** /movein/notice — set the handover notice date of one unit or of a whole building (audited). */
export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const community = getCommunity(getDb(), user.communityId);
	return {
		today: communityToday(community),
		vacancyPercent: community.settings.fees.vacancyPercent,
		unit: (url.searchParams.get('unit') ?? '').slice(0, 20)
	};
};

async function run(
	locals: App.Locals,
	url: URL,
	request: Request,
	form: 'unit' | 'building',
	schema: z.ZodType,
	write: (actor: Actor, d: Record<string, string>) => string
) {
	const user = requireStaff(locals, 'clerk', url);
	const parsed = parseForm(schema, await request.formData());
	if (!parsed.ok)
		return failForm(400, m.movein_error_bad_input(), {
			errors: parsed.errors,
			values: { ...parsed.values, form }
		});
	const d = parsed.data as Record<string, string>;
	try {
		return { form, ok: write(actorOf(locals), d) };
	} catch (e) {
		return refusal(e, {
			timeZone: getCommunity(getDb(), user.communityId).timeZone,
			values: { ...d, form }
		});
	}
}

export const actions = {
	unit: ({ locals, url, request }) =>
		run(locals, url, request, 'unit', unitNoticeSchema(), (actor, d) => {
			setNoticeDate(getDb(), actor, d.unitCode, d.date);
			return m.movein_notice_saved({ unit: d.unitCode, date: d.date });
		}),
	building: ({ locals, url, request }) =>
		run(locals, url, request, 'building', buildingNoticeSchema(), (actor, d) => {
			const count = setBuildingNoticeDate(getDb(), actor, d.building, d.date);
			return m.movein_notice_building_saved({ building: d.building, count, date: d.date });
		})
} satisfies Actions;
