// The unit file's history of services: renovations, move-in cases, key loans and tickets, each
// with what its own page needs to be linked. Read only, newest first.
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { keyLoans, keyReturns, keys, moveinCases, renovations, tickets } from '../db/schema';
import { formatDateTimeLocal } from '../../dates';

export interface FileRenovation {
	id: number;
	appNo: string;
	state: string;
	applicantName: string;
	plannedStart: string;
	plannedEnd: string;
	permitNo: string | null;
}

export interface FileMoveIn {
	id: number;
	status: string;
	ownerName: string;
	openedAt: string;
	completedAt: string | null;
}

export interface FileKeyLoan {
	keyId: number;
	tagNo: string;
	borrowerName: string;
	purpose: string;
	lentAt: string;
	returnedAt: string | null;
	/** Still out after the expected return time. */
	overdue: boolean;
}

export interface FileTicket {
	ticketNo: string;
	kind: string;
	state: string;
	text: string;
	receivedAt: string;
}

export function fileRenovations(db: Db, unitId: number): FileRenovation[] {
	return db
		.select({
			id: renovations.id,
			appNo: renovations.appNo,
			state: renovations.state,
			applicantName: renovations.applicantName,
			plannedStart: renovations.plannedStart,
			plannedEnd: renovations.plannedEnd,
			permitNo: renovations.permitNo
		})
		.from(renovations)
		.where(eq(renovations.unitId, unitId))
		.orderBy(desc(renovations.id))
		.all();
}

export function fileMoveIns(db: Db, unitId: number, timeZone: string): FileMoveIn[] {
	return db
		.select({
			id: moveinCases.id,
			status: moveinCases.status,
			ownerName: moveinCases.ownerName,
			openedAt: moveinCases.openedAt,
			completedAt: moveinCases.completedAt
		})
		.from(moveinCases)
		.where(eq(moveinCases.unitId, unitId))
		.orderBy(desc(moveinCases.id))
		.all()
		.map((c) => ({
			...c,
			openedAt: formatDateTimeLocal(c.openedAt, timeZone),
			completedAt: c.completedAt ? formatDateTimeLocal(c.completedAt, timeZone) : null
		}));
}

/** Loans of the unit's keys (the keys registered to it), the latest 50. */
export function fileKeyLoans(db: Db, unitId: number, timeZone: string, now: number): FileKeyLoan[] {
	return db
		.select({
			keyId: keys.id,
			tagNo: keys.tagNo,
			borrowerName: keyLoans.borrowerName,
			purpose: keyLoans.purpose,
			lentAt: keyLoans.lentAt,
			expectedReturnAt: keyLoans.expectedReturnAt,
			returnedAt: keyReturns.returnedAt
		})
		.from(keyLoans)
		.innerJoin(keys, eq(keys.id, keyLoans.keyId))
		.leftJoin(keyReturns, eq(keyReturns.loanId, keyLoans.id))
		.where(eq(keys.unitId, unitId))
		.orderBy(desc(keyLoans.id))
		.limit(50)
		.all()
		.map((l) => ({
			keyId: l.keyId,
			tagNo: l.tagNo,
			borrowerName: l.borrowerName,
			purpose: l.purpose,
			lentAt: formatDateTimeLocal(l.lentAt, timeZone),
			returnedAt: l.returnedAt ? formatDateTimeLocal(l.returnedAt, timeZone) : null,
			overdue: l.returnedAt == null && l.expectedReturnAt < now
		}));
}

/** Tickets about the unit, the latest 50. */
export function fileTickets(db: Db, unitId: number, timeZone: string): FileTicket[] {
	return db
		.select({
			ticketNo: tickets.ticketNo,
			kind: tickets.kind,
			state: tickets.state,
			text: tickets.text,
			receivedAt: tickets.receivedAt
		})
		.from(tickets)
		.where(eq(tickets.unitId, unitId))
		.orderBy(desc(tickets.receivedAt), desc(tickets.id))
		.limit(50)
		.all()
		.map((t) => ({
			...t,
			text: t.text.length > 60 ? `${t.text.slice(0, 60)}…` : t.text,
			receivedAt: formatDateTimeLocal(t.receivedAt, timeZone)
		}));
}
