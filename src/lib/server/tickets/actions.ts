import { and, eq } from 'drizzle-orm';
import { tx, type Db } from '../db';
import { ticketEvents, tickets } from '../db/schema';
import { audit } from '../audit';
import { getCommunity } from '../community';
import { nowMs } from '../clock';
import {
	ACTIONS,
	ACTION_EVENT,
	CHECK_RESULTS,
	DEPARTMENTS,
	EDITABLE_FIELDS,
	TEXT_MAX,
	TICKET_KINDS,
	TICKET_URGENCIES,
	VISIT_METHODS,
	VISIT_RATINGS,
	earliestAt,
	fold,
	roleError,
	stateError,
	step,
	type TicketAction,
	type TicketEvent,
	type TicketEventType,
	type TicketFacts,
	type TicketState
} from '../../domain/tickets';
import { invalid, notFound, ruleFailure, type TicketFailure } from './errors';
import { FieldReader, normaliseUnitCode } from './input';
import { appendEvent, findTicketRow, findUnit, loadEvents, unitCodeOf, type TicketActor, type TicketRow } from './model';
import { LOCATION_MAX, NAME_MAX } from './create';

export const NOTE_MAX = 500;

export type ActionResult = { ok: true; ticketNo: string; state: TicketState; events: TicketEventType[]; replay: boolean } | TicketFailure;

export interface ActionOptions {
	now?: number;
	/** The form token: a second submit with the same key records nothing more. */
	idempotencyKey?: string | null;
}

/**
 * One step on a ticket: dispatch, approve (manager), transfer, notify the supervisor, follow up,
 * complete, answer, check, tell the result, return visit, close, reopen, or edit a field. Fields
 * as typed (strings); `at` ("YYYY-MM-DDTHH:MM", empty = now) is when it happened. The state machine
 * (domain/tickets.ts) decides what is allowed; nothing is written unless everything is right.
 * A resident (kiosk) may only rate a return visit on a ticket of their own unit.
 */
export function applyTicketAction(db: Db, ticketNo: string, action: string, input: Record<string, unknown>, actor: TicketActor, opts: ActionOptions = {}): ActionResult {
	const now = opts.now ?? nowMs();
	const community = getCommunity(db, actor.communityId);
	if (!(ACTIONS as readonly string[]).includes(action)) return invalid({ action: { code: 'invalid' } }, {});
	const act = action as TicketAction;
	const key = opts.idempotencyKey?.trim() || null;

	return tx(db, (): ActionResult => {
		const ticket = findTicketRow(db, actor.communityId, ticketNo);
		if (!ticket || (actor.kind === 'resident' && ticket.unitId !== actor.unitId)) return notFound();
		const f = new FieldReader(input);
		if (actor.kind === 'resident' && act !== 'return_visit') return ruleFailure('staff_only', f.values());

		if (key) {
			const done = db.select({ id: ticketEvents.id }).from(ticketEvents).where(and(eq(ticketEvents.ticketId, ticket.id), eq(ticketEvents.idempotencyKey, key))).get();
			if (done) return { ok: true, ticketNo: ticket.ticketNo, state: ticket.state, events: [], replay: true };
		}

		const log = loadEvents(db, ticket.id);
		const facts = fold(ticket.kind, log);
		const role = roleError(act, facts, { manager: actor.kind === 'staff' && actor.manager });
		if (role) return ruleFailure(role, f.values());
		const state = stateError(facts, act);
		if (state) return ruleFailure(state, f.values());

		const type = ACTION_EVENT[act];
		const timeCtx = { timeZone: community.timeZone, now, earliest: earliestAt(type, ticket.receivedAt, log) };
		const at = () => (actor.kind === 'resident' ? now : f.time('at', timeCtx));
		const built = buildEvents(db, act, f, at, now, ticket, actor);
		if (!f.ok || !built) return invalid(f.errors, f.values());

		// Check the whole sequence (a visit rated 不满意 is followed by its reopening).
		let next: TicketFacts = facts;
		for (const e of built.events) {
			const r = step(next, e);
			if (!r.ok) return ruleFailure(r.error, f.values());
			next = r.facts;
		}

		built.events.forEach((e, i) => appendEvent(db, ticket, e, actor, now, i === 0 ? key : null));
		db.update(tickets)
			.set({
				...built.fields,
				kind: next.kind,
				state: next.state,
				department: next.department,
				assignee: next.assignee,
				closedAt: next.closedAt,
				updatedAt: now
			})
			.where(eq(tickets.id, ticket.id))
			.run();
		audit(
			db,
			{
				communityId: actor.communityId,
				actorId: actor.kind === 'staff' ? actor.id : actor.unitId,
				actorKind: actor.kind,
				action: `ticket.${act}`,
				targetType: 'ticket',
				targetId: ticket.ticketNo,
				detail: { from: facts.state, to: next.state, events: built.events.map((e) => ({ type: e.type, at: e.at, data: e.data })) }
			},
			now
		);
		return { ok: true, ticketNo: ticket.ticketNo, state: next.state, events: built.events.map((e) => e.type), replay: false };
	});
}

type Built = { events: TicketEvent[]; fields?: Partial<Pick<TicketRow, 'reporterName' | 'reporterPhone' | 'location' | 'urgency' | 'unitId'>> };

/** Reads the action's fields into its event(s); null (with field errors recorded) on bad input. */
function buildEvents(db: Db, act: TicketAction, f: FieldReader, at: () => number, now: number, ticket: TicketRow, actor: TicketActor): Built | null {
	const note = () => f.str('note', { max: NOTE_MAX }) || undefined;
	const name = (field: string) => f.str(field, { required: true, max: NAME_MAX });
	switch (act) {
		case 'dispatch': {
			const department = f.oneOf('department', DEPARTMENTS, { required: true, code: { code: 'unknown_department' } });
			const assignee = name('assignee');
			const n = note();
			const when = at();
			return department ? { events: [{ type: 'dispatched', at: when, data: { department, assignee, note: n } }] } : null;
		}
		case 'approve':
			return { events: [{ type: 'approved', at: at(), data: { note: note() } }] };
		case 'transfer':
			return { events: [{ type: 'transferred', at: at(), data: { assignee: name('assignee'), note: note() } }] };
		case 'notify_supervisor':
			return { events: [{ type: 'supervisor_notified', at: at(), data: { supervisor: name('supervisor'), note: note() } }] };
		case 'follow_up':
			return { events: [{ type: 'follow_up', at: at(), data: { text: f.str('text', { required: true, max: TEXT_MAX }) } }] };
		case 'complete':
			return { events: [{ type: 'completed', at: at(), data: { text: f.str('text', { max: TEXT_MAX }) || undefined } }] };
		case 'answer':
			return { events: [{ type: 'answered', at: at(), data: { text: f.str('text', { required: true, max: TEXT_MAX }) } }] };
		case 'result_told':
			return { events: [{ type: 'result_told', at: at(), data: { text: f.str('text', { required: true, max: TEXT_MAX }) } }] };
		case 'check': {
			const result = f.oneOf('result', CHECK_RESULTS, { required: true });
			const checker = name('checker');
			const n = note();
			const when = at();
			if (!result) return null;
			const events: TicketEvent[] = [{ type: 'checked', at: when, data: { result, checker, note: n } }];
			if (result === 'fail') events.push({ type: 'reopened', at: when, data: { reason: n ?? '', cause: 'failed_check' } });
			return { events };
		}
		case 'return_visit': {
			const rating = f.oneOf('rating', VISIT_RATINGS, { required: true });
			const method = actor.kind === 'resident' ? 'kiosk' : f.oneOf('method', VISIT_METHODS, { required: true });
			const visitor = actor.kind === 'resident' ? `住户 ${actor.unitCode}` : name('visitor');
			const n = note();
			const when = at();
			if (!rating || !method) return null;
			const events: TicketEvent[] = [{ type: 'return_visit', at: when, data: { rating, method, visitor, note: n } }];
			// 不满意 reopens the ticket: back to the department, in the same transaction.
			if (rating === 'unsatisfied') events.push({ type: 'reopened', at: when, data: { reason: n ?? '', cause: 'unsatisfied_visit' } });
			return { events };
		}
		case 'close':
			// Closing and edits are recorded when they are done, never backdated.
			return { events: [{ type: 'closed', at: now, data: { note: note() } }] };
		case 'reopen':
			return { events: [{ type: 'reopened', at: at(), data: { reason: f.str('reason', { required: true, max: NOTE_MAX }) } }] };
		case 'edit':
			return buildEdit(db, f, ticket, now);
	}
}

function buildEdit(db: Db, f: FieldReader, ticket: TicketRow, at: number): Built | null {
	const field = f.oneOf('field', EDITABLE_FIELDS, { required: true });
	if (!field) return null;
	let oldValue: string;
	let newValue: string;
	const fields: Built['fields'] = {};
	switch (field) {
		case 'reporterName':
			oldValue = ticket.reporterName;
			newValue = fields.reporterName = f.str('value', { required: true, max: NAME_MAX });
			break;
		case 'reporterPhone':
			oldValue = ticket.reporterPhone;
			newValue = fields.reporterPhone = f.phone('value', { required: true });
			break;
		case 'location':
			oldValue = ticket.location;
			newValue = fields.location = f.str('value', { max: LOCATION_MAX });
			if (!newValue && ticket.unitId === null) f.errors.value ??= { code: 'location_required' };
			break;
		case 'urgency': {
			oldValue = ticket.urgency;
			const u = f.oneOf('value', TICKET_URGENCIES, { required: true });
			if (!u) return null;
			newValue = fields.urgency = u;
			break;
		}
		case 'unit': {
			oldValue = unitCodeOf(db, ticket.unitId);
			newValue = normaliseUnitCode(f.str('value', { max: 20 }));
			const unit = findUnit(db, ticket.communityId, newValue);
			if (newValue && !unit) f.errors.value ??= { code: 'unknown_unit', unit: newValue };
			if (!newValue && !ticket.location) f.errors.value ??= { code: 'location_required' };
			fields.unitId = unit?.id ?? null;
			break;
		}
		case 'kind': {
			oldValue = ticket.kind;
			const k = f.oneOf('value', TICKET_KINDS, { required: true });
			if (!k) return null;
			newValue = k;
			break;
		}
	}
	return { events: [{ type: 'edited', at, data: { field, old: oldValue, new: newValue } }], fields };
}
