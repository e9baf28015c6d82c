// The unit file's history of services: renovations, move-in cases, key loans and tickets, each
// with what its own page needs to be linked. Read only, newest first.
import type { Db } from '../db';
import { stmt } from '../db/stmt';
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
	return stmt(
		db,
		`SELECT id, app_no AS appNo, state, applicant_name AS applicantName, planned_start AS plannedStart,
			planned_end AS plannedEnd, permit_no AS permitNo FROM renovations WHERE unit_id = ? ORDER BY id DESC`
	).all(unitId) as FileRenovation[];
}

export function fileMoveIns(db: Db, unitId: number, timeZone: string): FileMoveIn[] {
	return (
		stmt(
			db,
			`SELECT id, status, owner_name AS ownerName, opened_at AS openedAt, completed_at AS completedAt
			FROM movein_cases WHERE unit_id = ? ORDER BY id DESC`
		).all(unitId) as {
			id: number;
			status: string;
			ownerName: string;
			openedAt: number;
			completedAt: number | null;
		}[]
	).map((c) => ({
		...c,
		openedAt: formatDateTimeLocal(c.openedAt, timeZone),
		completedAt: c.completedAt ? formatDateTimeLocal(c.completedAt, timeZone) : null
	}));
}

/** Loans of the unit's keys (the keys registered to it), the latest 50. */
export function fileKeyLoans(db: Db, unitId: number, timeZone: string, now: number): FileKeyLoan[] {
	return (
		stmt(
			db,
			`SELECT k.id AS keyId, k.tag_no AS tagNo, l.borrower_name AS borrowerName, l.purpose, l.lent_at AS lentAt,
				l.expected_return_at AS expectedReturnAt, r.returned_at AS returnedAt
			FROM key_loans l JOIN keys k ON k.id = l.key_id LEFT JOIN key_returns r ON r.loan_id = l.id
			WHERE k.unit_id = ? ORDER BY l.id DESC LIMIT 50`
		).all(unitId) as {
			keyId: number;
			tagNo: string;
			borrowerName: string;
			purpose: string;
			lentAt: number;
			expectedReturnAt: number;
			returnedAt: number | null;
		}[]
	).map((l) => ({
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
	return (
		stmt(
			db,
			`SELECT ticket_no AS ticketNo, kind, state, text, received_at AS receivedAt FROM tickets
			WHERE unit_id = ? ORDER BY received_at DESC, id DESC LIMIT 50`
		).all(unitId) as (Omit<FileTicket, 'receivedAt'> & { receivedAt: number })[]
	).map((t) => ({
		...t,
		text: t.text.length > 60 ? `${t.text.slice(0, 60)}…` : t.text,
		receivedAt: formatDateTimeLocal(t.receivedAt, timeZone)
	}));
}
