import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { audit } from '../audit';
import type { StaffIdentity } from '../auth/session';
import { ticketEvents, tickets, units } from '../db/schema';
import type { TicketEvent, TicketEventType } from '../../domain/tickets';

/**
 * Who acts on a ticket: a staff member (counter, phone, the desk) or, from the kiosk and the
 * resident's phone (issue 08), the identified resident of a unit.
 */
export type TicketActor =
	| {
			kind: 'staff';
			id: number;
			name: string;
			workNo: string;
			manager: boolean;
			communityId: number;
	  }
	| {
			kind: 'resident';
			unitId: number;
			unitCode: string;
			communityId: number;
			/** Where the resident acts from (a rating's channel); the kiosk when not said. */
			source?: 'kiosk' | 'mobile';
	  };

export function staffActor(
	user: Pick<StaffIdentity, 'id' | 'displayName' | 'workNo' | 'role' | 'communityId'>
): TicketActor {
	return {
		kind: 'staff',
		id: user.id,
		name: user.displayName,
		workNo: user.workNo,
		manager: user.role === 'manager' || user.role === 'admin',
		communityId: user.communityId
	};
}

export function residentActor(
	r: {
		unitId: number;
		unitCode: string;
		communityId: number;
	},
	source?: 'kiosk' | 'mobile'
): TicketActor {
	return {
		kind: 'resident',
		unitId: r.unitId,
		unitCode: r.unitCode,
		communityId: r.communityId,
		source
	};
}

/** How the actor is named in the log: "李晓梅 C001", or "住户 6-1-101". */
export function actorLabel(a: TicketActor): string {
	return a.kind === 'staff' ? `${a.name} ${a.workNo}` : `住户 ${a.unitCode}`;
}

/** The actor's id as the logs keep it (with the actor's kind): the staff member's, or the unit's. */
export function actorIdOf(a: TicketActor): number {
	return a.kind === 'staff' ? a.id : a.unitId;
}

/** The audit entry of a ticket's change, by a staff member or a resident. */
export function auditTicket(
	db: Db,
	actor: TicketActor,
	action: string,
	ticketNo: string,
	detail: Record<string, unknown>,
	now: number
): void {
	audit(
		db,
		{
			communityId: actor.communityId,
			actorId: actorIdOf(actor),
			actorKind: actor.kind,
			action,
			targetType: 'ticket',
			targetId: ticketNo,
			detail
		},
		now
	);
}

export type TicketRow = typeof tickets.$inferSelect;
export type TicketEventRow = typeof ticketEvents.$inferSelect;

/** An event as stored, with who recorded it and when it was typed. */
export type LoggedEvent = TicketEvent & {
	id: number;
	recordedAt: number;
	actorKind: 'staff' | 'resident' | 'system';
	actorName: string;
};

export function toEvent(r: TicketEventRow): LoggedEvent {
	let data: unknown = {};
	try {
		data = JSON.parse(r.data);
	} catch {
		data = {};
	}
	return {
		type: r.type as TicketEventType,
		at: r.at,
		data,
		id: r.id,
		recordedAt: r.recordedAt,
		actorKind: r.actorKind,
		actorName: r.actorName
	} as LoggedEvent;
}

export function loadEvents(db: Db, ticketId: number): LoggedEvent[] {
	return db
		.select()
		.from(ticketEvents)
		.where(eq(ticketEvents.ticketId, ticketId))
		.orderBy(asc(ticketEvents.id))
		.all()
		.map(toEvent);
}

export function findTicketRow(db: Db, communityId: number, ticketNo: string): TicketRow | null {
	return (
		db
			.select()
			.from(tickets)
			.where(
				and(
					eq(tickets.communityId, communityId),
					eq(tickets.ticketNo, ticketNo.trim().toUpperCase())
				)
			)
			.get() ?? null
	);
}

export function findUnit(
	db: Db,
	communityId: number,
	code: string
): { id: number; code: string } | null {
	if (!code) return null;
	return (
		db
			.select({ id: units.id, code: units.code })
			.from(units)
			.where(and(eq(units.communityId, communityId), eq(units.code, code)))
			.get() ?? null
	);
}

export function unitCodeOf(db: Db, unitId: number | null): string {
	if (unitId === null) return '';
	return db.select({ code: units.code }).from(units).where(eq(units.id, unitId)).get()?.code ?? '';
}

/** Appends one event (the log is insert-only; triggers refuse anything else). */
export function appendEvent(
	db: Db,
	ticket: { id: number; communityId: number },
	e: TicketEvent,
	actor: TicketActor,
	recordedAt: number,
	idempotencyKey: string | null = null
) {
	db.insert(ticketEvents)
		.values({
			ticketId: ticket.id,
			communityId: ticket.communityId,
			type: e.type,
			at: e.at,
			recordedAt,
			actorKind: actor.kind,
			actorId: actorIdOf(actor),
			actorName: actorLabel(actor),
			data: JSON.stringify(e.data),
			idempotencyKey
		})
		.run();
}
