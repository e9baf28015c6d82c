import { requireResident } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { failForm, parseForm } from '$lib/server/forms';
import { residentReportFields, residentReportSchema } from '$lib/server/tickets/forms';
// The modules themselves, not the tickets index: it loads the PDF library (~0.2 s on first use).
import { createTicket } from '$lib/server/tickets/create';
import { residentActor } from '$lib/server/tickets/model';
import { photosFromForm } from '$lib/server/uploads/photos';
import { translateFailure } from '$lib/server/tickets/messages';
import { PHOTO_MAX_BYTES, TEXT_MAX, TICKET_KINDS } from '$lib/domain/tickets';
import { m } from '$lib/paraglide/messages.js';
import { phoneTail, residentAccount } from '../account';
import { residentSource } from '../../source';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals }) => {
	const resident = requireResident(locals);
	const { account } = residentAccount(resident);
	return {
		unitCode: resident.unitCode,
		kinds: TICKET_KINDS,
		phoneTail: phoneTail(account),
		photoMaxBytes: PHOTO_MAX_BYTES,
		textMax: TEXT_MAX,
		idempotencyKey: crypto.randomUUID()
	};
}) satisfies PageServerLoad;

export const actions = {
	/**
	 * A resident's report or complaint (kind, where, what, an optional photo). Name and phone are
	 * the owner's on file; the unit is the session's. Source: kiosk or mobile (see ../../source.ts).
	 */
	default: async ({ locals, request, cookies, url }) => {
		const resident = requireResident(locals);
		let form: FormData;
		try {
			form = await request.formData();
		} catch {
			// The body was refused (over the server's upload limit): nothing was read, nothing written.
			return failForm(413, m.kiosk_report_err_body(), {
				errors: { photos: m.kiosk_report_err_body() }
			});
		}
		const parsed = parseForm(residentReportSchema, form, (issue) => {
			const field = String(issue.path[0] ?? '');
			return field === 'kind'
				? m.kiosk_report_err_kind()
				: field === 'location'
					? m.kiosk_report_err_location()
					: m.kiosk_report_err_text();
		});
		if (!parsed.ok) {
			// What goes back is the resident's own typing, read the way the schema reads it.
			return failForm(400, Object.values(parsed.errors)[0], {
				errors: parsed.errors,
				values: residentReportFields.parse(parsed.values)
			});
		}
		const values = parsed.data;

		const { community, account } = residentAccount(resident);
		const owner = account.owners[0];
		const r = createTicket(
			getDb(),
			{
				kind: values.kind,
				source: residentSource(request, cookies, url),
				unitCode: resident.unitCode,
				reporterName: owner?.name ?? '',
				reporterPhone: owner?.phone ?? '',
				location: values.location,
				text: values.text,
				urgency: values.urgent ? 'urgent' : 'normal',
				photos: await photosFromForm(form, 'photos')
			},
			residentActor(resident),
			{ idempotencyKey: String(form.get('idempotencyKey') ?? '') }
		);
		if (!r.ok) {
			// Name and phone come from the file, not from the resident: a problem there is for the counter.
			if (r.errors.reporterName || r.errors.reporterPhone)
				return failForm(409, m.kiosk_report_err_generic(), { values });
			// Only the resident's own fields go back (never the phone number on file).
			const t = translateFailure(r, community.timeZone);
			const shown = Object.fromEntries(
				Object.entries(t.errors).filter(([k]) =>
					['kind', 'location', 'text', 'photos', 'urgency'].includes(k)
				)
			);
			return failForm(r.status, Object.values(shown)[0] ?? t.message, { errors: shown, values });
		}
		return { created: { ticketNo: r.ticketNo } };
	}
} satisfies Actions;
