import { redirect, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { getDb } from '$lib/server/db';
import { failForm, formValues, parseForm } from '$lib/server/forms';
import { takeNumber } from '$lib/server/queue';
import { refusal } from '$lib/server/refusal';
import { QUEUE_PRIORITIES, QUEUE_SERVICES, type QueueService } from '$lib/domain/queue';
import { kioskCommunityId } from '../community';
import { deviceId, residentSource } from '../source';

const takeSchema = () =>
	z.object({
		service: z.enum(QUEUE_SERVICES, { error: () => m.kiosk_queue_err_service() }),
		// Nothing chosen means no priority.
		priority: z
			.string()
			.optional()
			.transform((v) => v || 'normal')
			.pipe(z.enum(QUEUE_PRIORITIES, { error: () => m.kiosk_queue_err_priority() })),
		idempotencyKey: z.string().max(100).optional()
	});

/**
 * Takes a number at the kiosk or on a phone (no sign-in needed; an identified resident's unit is
 * recorded): validates, applies the per-device and per-address limits, then shows the ticket.
 * `service` fixes the service (the bills page's "take a payment number").
 */
export async function takeFromKiosk(event: RequestEvent, service?: QueueService) {
	const { locals, request, cookies, url } = event;
	const communityId = kioskCommunityId(event);
	const form = formValues(await request.formData());
	const parsed = parseForm(takeSchema(), service ? { ...form, service } : form);
	if (!parsed.ok) {
		const message =
			parsed.errors.service ?? parsed.errors.priority ?? Object.values(parsed.errors)[0];
		return failForm(400, message, { errors: parsed.errors, values: parsed.values });
	}
	const source = residentSource(request, cookies, url);
	let id: number;
	try {
		id = takeNumber(
			getDb(),
			communityId,
			{
				service: parsed.data.service,
				priority: parsed.data.priority,
				source,
				unitId: locals.resident?.unitId ?? null,
				device: deviceId(cookies, url, source),
				address: event.getClientAddress()
			},
			{ idempotencyKey: parsed.data.idempotencyKey ?? null }
		).id;
	} catch (e) {
		return refusal(e, {
			values: { service: parsed.data.service, priority: parsed.data.priority }
		});
	}
	redirect(303, `/kiosk/queue/${id}?new=1`);
}
