import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { tx, type Db } from '../db';
import { ticketEvents, tickets } from '../db/schema';
import { getCommunity } from '../community';
import { nowMs } from '../clock';
import {
	ACTIONS,
	ACTION_EVENT,
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
import { invalid, notFound, ruleFailure, type FieldErrors, type TicketFailure } from './errors';
import {
	actionSchemas,
	editSchema,
	parseTicketForm,
	stringValues,
	type TimeContext
} from './forms';
import {
	appendEvent,
	auditTicket,
	findTicketRow,
	findUnit,
	loadEvents,
	unitCodeOf,
	type TicketActor,
	type TicketRow
} from './model';

export type ActionResult =
	| { ok: true; ticketNo: string; state: TicketState; events: TicketEventType[]; replay: boolean }
	| TicketFailure;

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
export function applyTicketAction(
	db: Db,
	ticketNo: string,
	action: string,
	input: Record<string, unknown>,
	actor: TicketActor,
	opts: ActionOptions = {}
): ActionResult {
	const now = opts.now ?? nowMs();
	const community = getCommunity(db, actor.communityId);
	if (!(ACTIONS as readonly string[]).includes(action))
		return invalid({ action: { code: 'invalid' } }, {});
	const act = action as TicketAction;
	const key = opts.idempotencyKey?.trim() || null;

	return tx(db, (): ActionResult => {
		const ticket = findTicketRow(db, actor.communityId, ticketNo);
		if (!ticket || (actor.kind === 'resident' && ticket.unitId !== actor.unitId)) return notFound();
		const values = stringValues(input);
		if (actor.kind === 'resident' && act !== 'return_visit')
			return ruleFailure('staff_only', values);

		if (key) {
			const done = db
				.select({ id: ticketEvents.id })
				.from(ticketEvents)
				.where(and(eq(ticketEvents.ticketId, ticket.id), eq(ticketEvents.idempotencyKey, key)))
				.get();
			if (done)
				return {
					ok: true,
					ticketNo: ticket.ticketNo,
					state: ticket.state,
					events: [],
					replay: true
				};
		}

		const log = loadEvents(db, ticket.id);
		const facts = fold(ticket.kind, log);
		const role = roleError(act, facts, { manager: actor.kind === 'staff' && actor.manager });
		if (role) return ruleFailure(role, values);
		const state = stateError(facts, act);
		if (state) return ruleFailure(state, values);

		const type = ACTION_EVENT[act];
		const time: TimeContext = {
			timeZone: community.timeZone,
			now,
			earliest: earliestAt(type, ticket.receivedAt, log)
		};
		const built = buildEvents(db, act, input, time, ticket, actor);
		if ('errors' in built) return invalid(built.errors, values);

		// Check the whole sequence (a visit rated 不满意 is followed by its reopening).
		let next: TicketFacts = facts;
		for (const e of built.events) {
			const r = step(next, e);
			if (!r.ok) return ruleFailure(r.error, values);
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
		auditTicket(
			db,
			actor,
			`ticket.${act}`,
			ticket.ticketNo,
			{
				from: facts.state,
				to: next.state,
				events: built.events.map((e) => ({ type: e.type, at: e.at, data: e.data }))
			},
			now
		);
		return {
			ok: true,
			ticketNo: ticket.ticketNo,
			state: next.state,
			events: built.events.map((e) => e.type),
			replay: false
		};
	});
}

type Built = {
	events: TicketEvent[];
	fields?: Partial<
		Pick<TicketRow, 'reporterName' | 'reporterPhone' | 'location' | 'urgency' | 'unitId'>
	>;
};

/** Parses the action's fields (forms.ts) into its event(s), or the field errors. */
function buildEvents(
	db: Db,
	act: TicketAction,
	input: Record<string, unknown>,
	time: TimeContext,
	ticket: TicketRow,
	actor: TicketActor
): Built | { errors: FieldErrors } {
	if (act === 'edit') return buildEdit(db, input, ticket, time.now);
	const schemas = actionSchemas({
		...time,
		resident: actor.kind === 'resident',
		residentSource: actor.kind === 'resident' ? actor.source : undefined
	});
	const read = <S extends z.ZodType>(schema: S) => parseTicketForm(schema, input);
	switch (act) {
		case 'dispatch': {
			const r = read(schemas.dispatch);
			return r.ok
				? {
						events: [
							{
								type: 'dispatched',
								at: r.data.at,
								data: {
									department: r.data.department!,
									assignee: r.data.assignee,
									note: r.data.note
								}
							}
						]
					}
				: { errors: r.errors };
		}
		case 'approve': {
			const r = read(schemas.approve);
			return r.ok
				? { events: [{ type: 'approved', at: r.data.at, data: { note: r.data.note } }] }
				: { errors: r.errors };
		}
		case 'transfer': {
			const r = read(schemas.transfer);
			return r.ok
				? {
						events: [
							{
								type: 'transferred',
								at: r.data.at,
								data: { assignee: r.data.assignee, note: r.data.note }
							}
						]
					}
				: { errors: r.errors };
		}
		case 'notify_supervisor': {
			const r = read(schemas.notify_supervisor);
			return r.ok
				? {
						events: [
							{
								type: 'supervisor_notified',
								at: r.data.at,
								data: { supervisor: r.data.supervisor, note: r.data.note }
							}
						]
					}
				: { errors: r.errors };
		}
		case 'follow_up': {
			const r = read(schemas.follow_up);
			return r.ok
				? { events: [{ type: 'follow_up', at: r.data.at, data: { text: r.data.text } }] }
				: { errors: r.errors };
		}
		case 'complete': {
			const r = read(schemas.complete);
			return r.ok
				? { events: [{ type: 'completed', at: r.data.at, data: { text: r.data.text } }] }
				: { errors: r.errors };
		}
		case 'answer': {
			const r = read(schemas.answer);
			return r.ok
				? { events: [{ type: 'answered', at: r.data.at, data: { text: r.data.text } }] }
				: { errors: r.errors };
		}
		case 'result_told': {
			const r = read(schemas.result_told);
			return r.ok
				? { events: [{ type: 'result_told', at: r.data.at, data: { text: r.data.text } }] }
				: { errors: r.errors };
		}
		case 'check': {
			const r = read(schemas.check);
			if (!r.ok) return { errors: r.errors };
			const { result, checker, note, at } = r.data;
			const events: TicketEvent[] = [
				{ type: 'checked', at, data: { result: result!, checker, note } }
			];
			if (result === 'fail')
				events.push({ type: 'reopened', at, data: { reason: note ?? '', cause: 'failed_check' } });
			return { events };
		}
		case 'return_visit': {
			const r = read(schemas.return_visit);
			if (!r.ok) return { errors: r.errors };
			const { rating, method, note, at } = r.data;
			const visitor = actor.kind === 'resident' ? `住户 ${actor.unitCode}` : r.data.visitor;
			const events: TicketEvent[] = [
				{ type: 'return_visit', at, data: { rating: rating!, method: method!, visitor, note } }
			];
			// 不满意 reopens the ticket: back to the department, in the same transaction.
			if (rating === 'unsatisfied')
				events.push({
					type: 'reopened',
					at,
					data: { reason: note ?? '', cause: 'unsatisfied_visit' }
				});
			return { events };
		}
		case 'close': {
			// Closing and edits are recorded when they are done, never backdated.
			const r = read(schemas.close);
			return r.ok
				? { events: [{ type: 'closed', at: time.now, data: { note: r.data.note } }] }
				: { errors: r.errors };
		}
		case 'reopen': {
			const r = read(schemas.reopen);
			return r.ok
				? { events: [{ type: 'reopened', at: r.data.at, data: { reason: r.data.reason } }] }
				: { errors: r.errors };
		}
	}
}

function buildEdit(
	db: Db,
	input: Record<string, unknown>,
	ticket: TicketRow,
	at: number
): Built | { errors: FieldErrors } {
	const r = parseTicketForm(
		editSchema({
			unitId: ticket.unitId,
			location: ticket.location,
			findUnit: (code) => findUnit(db, ticket.communityId, code)
		}),
		input
	);
	if (!r.ok) return { errors: r.errors };
	const e = r.data;
	const fields: Built['fields'] = {};
	let oldValue: string;
	switch (e.field) {
		case 'reporterName':
			oldValue = ticket.reporterName;
			fields.reporterName = e.value;
			break;
		case 'reporterPhone':
			oldValue = ticket.reporterPhone;
			fields.reporterPhone = e.value;
			break;
		case 'location':
			oldValue = ticket.location;
			fields.location = e.value;
			break;
		case 'urgency':
			oldValue = ticket.urgency;
			fields.urgency = e.value as TicketRow['urgency'];
			break;
		case 'unit':
			oldValue = unitCodeOf(db, ticket.unitId);
			fields.unitId = e.unitId;
			break;
		case 'kind':
			oldValue = ticket.kind;
			break;
	}
	return {
		events: [{ type: 'edited', at, data: { field: e.field, old: oldValue, new: e.value } }],
		fields
	};
}
