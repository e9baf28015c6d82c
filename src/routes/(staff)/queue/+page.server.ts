import type { Cookies } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { actorOf } from '$lib/server/auth/actor';
import { getDb } from '$lib/server/db';
import { nowMs } from '$lib/server/clock';
import { getCommunity } from '$lib/server/community';
import { failForm } from '$lib/server/forms';
import { nowPartsIn } from '$lib/dates';
import { QUEUE_PRIORITIES, QUEUE_SERVICES, type QueueService } from '$lib/domain/queue';
import {
	callNext,
	callTicket,
	currentAt,
	loadDay,
	parseCounter,
	parseServices,
	queueAction,
	queueDayOf,
	setPriority,
	statsOf,
	takeNumber,
	waitingOf,
	type QueueTicketView
} from '$lib/server/queue';
import { refusal } from '$lib/server/refusal';
import { m } from '$lib/paraglide/messages.js';
import { z } from 'zod';
import { parseForm } from '$lib/server/forms';
import { priorityBadge } from '../../kiosk/labels';
import type { Actions, PageServerLoad } from './$types';

/** Which counter this browser is and what it serves: remembered per workstation in a cookie. */
const DESK_COOKIE = 'queue_desk';

function desk(cookies: Cookies): { counter: string; services: QueueService[] } {
	const [counter, services] = (cookies.get(DESK_COOKIE) ?? '').split('|');
	return { counter: parseCounter(counter) ?? '1', services: parseServices(services ?? '') };
}

export const load = (({ locals, url, cookies, depends }) => {
	depends('queue:counter');
	const user = requireStaff(locals, 'clerk', url);
	const db = getDb();
	const now = nowMs();
	const tz = getCommunity(db, user.communityId).timeZone;
	const day = loadDay(db, user.communityId, queueDayOf(db, user.communityId, now));
	const { counter, services } = desk(cookies);
	const time = (ms: number | null) => (ms === null ? '' : nowPartsIn(tz, ms).time);
	const view = (t: QueueTicketView) => ({
		id: t.id,
		queueNo: t.queueNo,
		service: t.service,
		priority: t.priority,
		askedPriority: t.askedPriority,
		priorityPending: t.priorityPending,
		counter: t.counter,
		staffName: t.staffName,
		taken: time(t.takenAt),
		called: time(t.calledAt),
		waitedMinutes: Math.max(0, Math.floor(((t.calledAt ?? now) - t.takenAt) / 60_000))
	});
	const current = currentAt(day, counter);
	const waiting = waitingOf(day);
	return {
		counter,
		services,
		allServices: QUEUE_SERVICES,
		priorities: QUEUE_PRIORITIES,
		current: current ? view(current) : null,
		waiting: waiting.map(view),
		serving: day.tickets.filter((t) => t.state === 'called' && t.counter !== counter).map(view),
		noShows: day.tickets.filter((t) => t.state === 'no_show').map(view),
		stats: statsOf(day),
		idempotencyKey: crypto.randomUUID()
	};
}) satisfies PageServerLoad;

/** Runs a queue command; a refusal becomes the standard form failure with a translated message. */
function attempt<T>(
	fn: () => T
): { ok: true; value: T } | { ok: false; failure: ReturnType<typeof failForm> } {
	try {
		return { ok: true, value: fn() };
	} catch (e) {
		return { ok: false, failure: refusal(e) };
	}
}

const str = (form: FormData, key: string, max = 100) => String(form.get(key) ?? '').slice(0, max);

export const actions = {
	desk: async ({ locals, url, request, cookies }) => {
		requireStaff(locals, 'clerk', url);
		const form = await request.formData();
		const counter = parseCounter(str(form, 'counter', 5));
		if (!counter)
			return failForm(400, m.kiosk_queue_err_counter(), {
				errors: { counter: m.kiosk_queue_err_counter() },
				values: { counter: str(form, 'counter', 5) }
			});
		const services = parseServices(form.getAll('services').map(String));
		cookies.set(DESK_COOKIE, `${counter}|${services.join(',')}`, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: url.protocol === 'https:',
			maxAge: 365 * 86400
		});
		return { done: m.kiosk_counter_saved({ counter }) };
	},
	next: async ({ locals, url, request, cookies }) => {
		requireStaff(locals, 'clerk', url);
		const form = await request.formData();
		const { counter, services } = desk(cookies);
		const r = attempt(() =>
			callNext(getDb(), actorOf(locals), {
				counter,
				services,
				idempotencyKey: str(form, 'idempotencyKey')
			})
		);
		if (!r.ok) return r.failure;
		const { called, finished } = r.value;
		if (!called)
			return {
				done: finished ? m.kiosk_counter_nobody_after({ prev: finished }) : m.kiosk_counter_nobody()
			};
		return {
			done: finished
				? m.kiosk_counter_called_after({
						prev: finished,
						no: called.queueNo,
						counter: called.counter
					})
				: m.kiosk_counter_called({ no: called.queueNo, counter: called.counter })
		};
	},
	call: async ({ locals, url, request, cookies }) => {
		requireStaff(locals, 'clerk', url);
		const form = await request.formData();
		const r = attempt(() =>
			callTicket(getDb(), actorOf(locals), {
				id: str(form, 'id', 12),
				counter: desk(cookies).counter,
				idempotencyKey: str(form, 'idempotencyKey')
			})
		);
		if (!r.ok) return r.failure;
		const { called, finished } = r.value;
		return {
			done: finished
				? m.kiosk_counter_called_after({
						prev: finished,
						no: called!.queueNo,
						counter: called!.counter
					})
				: m.kiosk_counter_called({ no: called!.queueNo, counter: called!.counter })
		};
	},
	recall: async ({ locals, url, request }) => {
		requireStaff(locals, 'clerk', url);
		const form = await request.formData();
		const r = attempt(() =>
			queueAction(getDb(), actorOf(locals), 'recalled', {
				id: str(form, 'id', 12),
				idempotencyKey: str(form, 'idempotencyKey')
			})
		);
		return r.ok ? { done: m.kiosk_counter_recalled({ no: r.value.queueNo }) } : r.failure;
	},
	finish: async ({ locals, url, request }) => {
		requireStaff(locals, 'clerk', url);
		const form = await request.formData();
		const r = attempt(() =>
			queueAction(getDb(), actorOf(locals), 'finished', {
				id: str(form, 'id', 12),
				idempotencyKey: str(form, 'idempotencyKey')
			})
		);
		return r.ok ? { done: m.kiosk_counter_finished({ no: r.value.queueNo }) } : r.failure;
	},
	noshow: async ({ locals, url, request }) => {
		requireStaff(locals, 'clerk', url);
		const form = await request.formData();
		const r = attempt(() =>
			queueAction(getDb(), actorOf(locals), 'no_show', {
				id: str(form, 'id', 12),
				idempotencyKey: str(form, 'idempotencyKey')
			})
		);
		return r.ok ? { done: m.kiosk_counter_marked_no_show({ no: r.value.queueNo }) } : r.failure;
	},
	/** Confirm the priority a phone asked for, or demote a number: the clerk judges urgency. */
	priority: async ({ locals, url, request }) => {
		requireStaff(locals, 'clerk', url);
		const parsed = parseForm(
			z.object({
				id: z.string().regex(/^\d{1,12}$/, { error: () => m.kiosk_queue_err_not_found() }),
				priority: z.enum(QUEUE_PRIORITIES, { error: () => m.kiosk_queue_err_priority() }),
				idempotencyKey: z.string().max(100).optional()
			}),
			await request.formData()
		);
		if (!parsed.ok)
			return failForm(400, Object.values(parsed.errors)[0], {
				errors: parsed.errors,
				values: parsed.values
			});
		const r = attempt(() => setPriority(getDb(), actorOf(locals), parsed.data));
		if (!r.ok) return r.failure;
		const { queueNo, priority } = r.value;
		return {
			done:
				priority === 'normal'
					? m.kiosk_counter_priority_demoted({ no: queueNo })
					: m.kiosk_counter_priority_confirmed({ no: queueNo, priority: priorityBadge(priority) })
		};
	},
	/** A number for a visitor who did not use the kiosk (or an urgent case the clerk puts first). */
	take: async ({ locals, url, request }) => {
		const user = requireStaff(locals, 'clerk', url);
		const form = await request.formData();
		const values = { service: str(form, 'service', 20), priority: str(form, 'priority', 20) };
		try {
			const t = takeNumber(
				getDb(),
				user.communityId,
				{ ...values, source: 'counter' },
				{ idempotencyKey: str(form, 'idempotencyKey') }
			);
			return { done: m.kiosk_counter_taken({ no: t.queueNo }), taken: t.id };
		} catch (e) {
			return refusal(e, { values });
		}
	}
} satisfies Actions;
