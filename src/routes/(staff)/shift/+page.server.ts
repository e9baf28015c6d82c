import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { failForm, parseForm } from '$lib/server/forms';
import {
	acknowledgeShiftSchema,
	closeShiftSchema,
	openShiftSchema
} from '$lib/server/shifts/forms';
import { activeStaff } from '$lib/server/keys';
import {
	acknowledgeShift,
	closeShift,
	handedOverTo,
	NOTE_MAX,
	openMatters,
	openShift,
	openShiftOf,
	recentClosedShifts,
	shiftCash
} from '$lib/server/shifts';
import { refusal } from '$lib/server/refusal';
import { formatDateTimeLocal } from '$lib/dates';

/** /shift — the cashier's shift: take over (float), see the cash and open matters, hand over. */
export const load = ({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const db = getDb();
	const community = getCommunity(db, user.communityId);
	const now = nowMs();
	const at = (ms: number) => formatDateTimeLocal(ms, community.timeZone);
	const shift = openShiftOf(db, user.communityId, user.id);
	const recent = recentClosedShifts(db, user.communityId, user.id, 10).map(
		({ handover: _h, ...s }) => ({ ...s, opened: at(s.openedAt), closed: at(s.closedAt) })
	);
	// Handovers naming this user as 接班人: they may open (and sign) the record.
	const received = handedOverTo(db, user.communityId, user.id, 10).map(
		({ handover: _h, ...s }) => ({ ...s, opened: at(s.openedAt), closed: at(s.closedAt) })
	);
	if (!shift)
		return { shift: null, recent, received, idem: crypto.randomUUID(), noteMax: NOTE_MAX };
	const matters = openMatters(db, user.communityId, now);
	return {
		shift: { id: shift.id, opened: at(shift.openedAt), ...shiftCash(db, shift, now) },
		matters: {
			pendingWaivers: matters.pendingWaivers,
			keysOut: matters.keysOut.map((k) => ({ ...k, due: at(k.expectedReturnAt) })),
			ticketsNearLimit: matters.ticketsNearLimit.map((t) => ({ ...t, due: at(t.dueAt) })),
			errandsOpen: matters.errandsOpen.map((e) => ({ ...e, due: at(e.dueAt) })),
			registersOpen: matters.registersOpen.map((r) => ({
				...r,
				due: r.dueAt === null ? null : at(r.dueAt)
			}))
		},
		staff: activeStaff(db, user.communityId).filter((s) => s.id !== user.id),
		recent,
		received,
		idem: crypto.randomUUID(),
		noteMax: NOTE_MAX
	};
};

export const actions = {
	open: async ({ request, locals, url }) => {
		const user = requireStaff(locals, 'clerk', url);
		const form = await request.formData();
		const parsed = parseForm(openShiftSchema(form.has('shiftIdem')), form);
		if (!parsed.ok) return failForm(400, Object.values(parsed.errors)[0], parsed);
		try {
			openShift(getDb(), {
				communityId: user.communityId,
				cashierId: user.id,
				openingFloatFen: parsed.data.float,
				idempotencyKey: parsed.data.idem,
				now: nowMs()
			});
		} catch (e) {
			return refusal(e, { values: { float: String(parsed.data.float / 100) } });
		}
		return { opened: true };
	},
	close: async ({ request, locals, url }) => {
		const user = requireStaff(locals, 'clerk', url);
		const schema = closeShiftSchema();
		const form = await request.formData();
		const parsed = parseForm(schema, form);
		if (!parsed.ok) return failForm(400, Object.values(parsed.errors)[0], parsed);
		const d = parsed.data;
		const text = (k: string) => String(form.get(k) ?? '').slice(0, 40);
		const values = {
			counted: text('counted'),
			chequeCount: text('chequeCount'),
			chequeTotal: text('chequeTotal'),
			cardCount: text('cardCount'),
			cardTotal: text('cardTotal'),
			note: d.note,
			successor: text('successor')
		};
		try {
			const closed = closeShift(getDb(), {
				communityId: user.communityId,
				cashierId: user.id,
				shiftId: d.shiftId,
				countedFen: d.counted,
				cheques: { count: d.chequeCount, fen: d.chequeTotal },
				cards: { count: d.cardCount, fen: d.cardTotal },
				note: d.note,
				successorId: d.successor,
				idempotencyKey: d.idem,
				now: nowMs()
			});
			return { closed: { id: closed.id, differenceFen: closed.differenceFen } };
		} catch (e) {
			return refusal(e, { values });
		}
	},
	/** A manager acknowledges a handover's difference (from the daily report). */
	acknowledge: async ({ request, locals, url }) => {
		const user = requireStaff(locals, 'manager', url);
		const schema = acknowledgeShiftSchema();
		const parsed = parseForm(schema, await request.formData());
		if (!parsed.ok) return failForm(400, Object.values(parsed.errors)[0], parsed);
		try {
			const s = acknowledgeShift(getDb(), {
				communityId: user.communityId,
				shiftId: parsed.data.shiftId,
				managerId: user.id,
				note: parsed.data.note,
				idempotencyKey: parsed.data.idem,
				now: nowMs()
			});
			return { acknowledged: { id: s.id } };
		} catch (e) {
			return refusal(e, { step: 'acknowledge', values: { note: parsed.data.note } });
		}
	}
};
