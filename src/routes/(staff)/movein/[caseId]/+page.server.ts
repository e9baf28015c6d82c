import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { actorOf, type Actor } from '$lib/server/auth/actor';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { failForm, parseForm } from '$lib/server/forms';
import { formatDateTimeLocal, monthOf } from '$lib/dates';
import { MAX_KEYS, prepayCountFrom, type ItemCode } from '$lib/domain/movein-checklist';
import {
	completeCase,
	getCase,
	MoveInError,
	noteMissing,
	revokeItem,
	tickItem
} from '$lib/server/movein';
import { completeSchema, noteSchema, revokeSchema, tickSchema } from '$lib/server/movein/forms';
import {
	formLabel,
	groupLabel,
	itemLabel,
	monthsRange,
	occupancyLabel,
	ownerTypeLabel
} from '$lib/server/movein/labels';
import { refusal } from '$lib/server/refusal';
import type { Actions, PageServerLoad } from './$types';

function caseIdOf(params: { caseId: string }): number {
	if (!/^\d{1,9}$/.test(params.caseId)) error(404, 'not_found');
	return Number(params.caseId);
}

/** /movein/{caseId} — the checklist at the counter: tick, note what is missing, fees, complete. */
export const load: PageServerLoad = ({ locals, params, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const db = getDb();
	const community = getCommunity(db, user.communityId);
	const tz = community.timeZone;
	let view;
	try {
		view = getCase(db, user.communityId, caseIdOf(params));
	} catch (e) {
		if (e instanceof MoveInError && e.code === 'case_not_found') error(404, 'not_found');
		throw e;
	}
	const c = view.case;
	const at = (ms: number) => formatDateTimeLocal(ms, tz);
	const prepay = prepayCountFrom(monthOf(communityToday(community)), view.months);
	return {
		c: {
			id: c.id,
			status: c.status,
			ownerName: c.ownerName,
			ownerTypeLabel: ownerTypeLabel(c.ownerType),
			mortgage: c.mortgage,
			proxy: c.proxy,
			proxyName: c.proxyName,
			proxyIdNumber: c.proxyIdNumber,
			persons: c.persons,
			openedAtText: at(c.openedAt),
			openedByName: view.openedByName,
			completedText:
				c.status === 'completed' && c.completedAt
					? m.movein_completed_info({
							name: view.completedByName ?? '',
							time: at(c.completedAt),
							keys: c.keysHandedOver ?? 0,
							recipient: c.keysRecipient ?? ''
						})
					: null,
			defaultRecipient: c.proxy ? c.proxyName : c.ownerName
		},
		unit: {
			code: view.unit.code,
			occupancy: view.unit.occupancy,
			occupancyLabel: occupancyLabel(view.unit.occupancy as 'occupied'),
			noticeDate: view.unit.handoverNoticeDate
		},
		items: view.items.map((i) => ({
			code: i.code,
			group: i.group,
			groupLabel: groupLabel(i.group),
			label: itemLabel(i.code),
			form: formLabel(i),
			required: i.required,
			received: i.received
				? m.movein_received_by({ name: i.received.byName, time: at(i.received.at) })
				: null,
			notes: i.notes.map((n) => ({ kind: n.kind, text: n.note, meta: `${n.byName} · ${at(n.at)}` }))
		})),
		missingCount: view.missing.length,
		months: view.months,
		monthsRange: monthsRange(view.months),
		monthsPaid: view.monthsPaid,
		prepay,
		feesHref: `/fees/${encodeURIComponent(view.unit.code)}?prepay=${prepay}`,
		maxKeys: MAX_KEYS,
		opened: url.searchParams.has('opened'),
		completed: url.searchParams.has('completed')
	};
};

type Action = (args: {
	locals: App.Locals;
	params: { caseId: string };
	request: Request;
	url: URL;
}) => unknown;

/** Runs a case write; a refusal becomes the standard failure with the translated reason. */
async function write(
	args: Parameters<Action>[0],
	schema: z.ZodType,
	run: (actor: Actor, caseId: number, data: Record<string, unknown>) => string
) {
	const user = requireStaff(args.locals, 'clerk', args.url);
	const db = getDb();
	const caseId = caseIdOf(args.params);
	const parsed = parseForm(schema, await args.request.formData());
	if (!parsed.ok)
		return failForm(400, Object.values(parsed.errors)[0] ?? m.movein_error_bad_input(), {
			errors: parsed.errors,
			values: parsed.values
		});
	try {
		return {
			ok: run(actorOf(args.locals), caseId, parsed.data as Record<string, unknown>),
			item: (parsed.data as { itemCode?: string }).itemCode ?? null
		};
	} catch (e) {
		if (e instanceof MoveInError && e.code === 'case_not_found') error(404, 'not_found');
		return refusal(e, {
			timeZone: getCommunity(db, user.communityId).timeZone,
			values: Object.fromEntries(
				Object.entries(parsed.data as Record<string, unknown>).map(([k, v]) => [k, String(v)])
			)
		});
	}
}

const label = (code: unknown) => itemLabel(code as ItemCode);

export const actions = {
	tick: (args) =>
		write(args, tickSchema(), (actor, id, d) => {
			tickItem(getDb(), actor, id, d.itemCode as string, d.note as string);
			return m.movein_item_ticked({ item: label(d.itemCode) });
		}),
	note: (args) =>
		write(args, noteSchema(), (actor, id, d) => {
			noteMissing(getDb(), actor, id, d.itemCode as string, d.note as string);
			return m.movein_item_noted({ item: label(d.itemCode) });
		}),
	revoke: (args) =>
		write(args, revokeSchema(), (actor, id, d) => {
			revokeItem(getDb(), actor, id, d.itemCode as string, d.reason as string);
			return m.movein_item_revoked({ item: label(d.itemCode) });
		}),
	complete: async (args) => {
		const result = await write(args, completeSchema(), (actor, id, d) => {
			completeCase(getDb(), actor, id, {
				keys: d.keys as number,
				recipient: d.recipient as string
			});
			return 'completed';
		});
		if (result && 'ok' in result && result.ok === 'completed')
			redirect(303, `/movein/${caseIdOf(args.params)}?completed=1`);
		return result;
	}
} satisfies Actions;
