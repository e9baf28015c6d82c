import { and, asc, desc, eq, gte, inArray, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../db';
import { auditLog, keyLoans, keyReturns, keys, staffUsers, units } from '../db/schema';
import { currentUnitTies } from '../records/ties';
import { isOverdue, keyState, overdueMinutes, type KeyState } from '../../domain/keys';

export interface StaffRef {
	id: number;
	displayName: string;
	workNo: string;
}

export interface LoanRecord {
	id: number;
	keyId: number;
	tagNo: string;
	/** What the key opens: the unit code (with its door, if given) or the common area. */
	opens: string;
	lentAt: number;
	lentBy: StaffRef | null;
	slot: string;
	borrowerName: string;
	borrowerIdType: string;
	borrowerIdNumber: string;
	borrowerPhone: string;
	borrowerCompany: string;
	borrowerRelation: string;
	purpose: string;
	purposeNote: string;
	consentBasis: string;
	consentPhone: string | null;
	consentAt: number | null;
	consentBy: StaffRef | null;
	consentAnswer: string | null;
	escort: StaffRef | null;
	collateralIdType: string | null;
	collateralIdNumber: string | null;
	expectedReturnAt: number;
	overdue: boolean;
	returned: {
		returnedAt: number;
		receivedBy: StaffRef | null;
		lost: boolean;
		slot: string | null;
		collateralReturned: boolean | null;
		note: string;
	} | null;
}

export interface KeyRow {
	id: number;
	tagNo: string;
	kind: 'unit' | 'common';
	unitId: number | null;
	unitCode: string | null;
	description: string;
	opens: string;
	slot: string;
	depositConsentDate: string | null;
	depositConsentMethod: string | null;
	disposition: 'active' | 'lost' | 'returned_to_owner';
	note: string;
	state: KeyState;
	openLoan: LoanRecord | null;
}

/** Every staff member of the community (inactive ones too: history names them), by id. */
export function staffById(db: Db, communityId: number): Map<number, StaffRef> {
	const rows = db
		.select({ id: staffUsers.id, displayName: staffUsers.displayName, workNo: staffUsers.workNo })
		.from(staffUsers)
		.where(eq(staffUsers.communityId, communityId))
		.all();
	return new Map(rows.map((r) => [r.id, r]));
}

/** Staff who can call an owner, go along with a borrower or receive a key. */
export function activeStaff(db: Db, communityId: number): StaffRef[] {
	return db
		.select({ id: staffUsers.id, displayName: staffUsers.displayName, workNo: staffUsers.workNo })
		.from(staffUsers)
		.where(and(eq(staffUsers.communityId, communityId), eq(staffUsers.active, true)))
		.orderBy(asc(staffUsers.workNo))
		.all();
}

export function opensLabel(k: {
	kind: string;
	unitCode: string | null;
	description: string;
}): string {
	if (k.kind === 'unit') return [k.unitCode ?? '', k.description].filter(Boolean).join(' ');
	return k.description;
}

const keyColumns = {
	id: keys.id,
	tagNo: keys.tagNo,
	kind: keys.kind,
	unitId: keys.unitId,
	unitCode: units.code,
	description: keys.description,
	slot: keys.slot,
	depositConsentDate: keys.depositConsentDate,
	depositConsentMethod: keys.depositConsentMethod,
	disposition: keys.disposition,
	note: keys.note
};

/** Loans (newest first) with their returns, by a condition on loans/returns. */
function loanRecords(
	db: Db,
	communityId: number,
	where: ReturnType<typeof and>,
	nowMs: number
): LoanRecord[] {
	const rows = db
		.select({
			loan: keyLoans,
			ret: keyReturns,
			key: {
				tagNo: keys.tagNo,
				kind: keys.kind,
				description: keys.description,
				unitCode: units.code
			}
		})
		.from(keyLoans)
		.innerJoin(keys, eq(keys.id, keyLoans.keyId))
		.leftJoin(units, eq(units.id, keys.unitId))
		.leftJoin(keyReturns, eq(keyReturns.loanId, keyLoans.id))
		.where(and(eq(keyLoans.communityId, communityId), where))
		.orderBy(desc(keyLoans.lentAt), desc(keyLoans.id))
		.all();
	const staff = staffById(db, communityId);
	const ref = (id: number | null) => (id === null ? null : (staff.get(id) ?? null));
	return rows.map(({ loan, ret, key }) => ({
		id: loan.id,
		keyId: loan.keyId,
		tagNo: key.tagNo,
		opens: opensLabel(key),
		lentAt: loan.lentAt,
		lentBy: ref(loan.lentBy),
		slot: loan.slot,
		borrowerName: loan.borrowerName,
		borrowerIdType: loan.borrowerIdType,
		borrowerIdNumber: loan.borrowerIdNumber,
		borrowerPhone: loan.borrowerPhone,
		borrowerCompany: loan.borrowerCompany,
		borrowerRelation: loan.borrowerRelation,
		purpose: loan.purpose,
		purposeNote: loan.purposeNote,
		consentBasis: loan.consentBasis,
		consentPhone: loan.consentPhone,
		consentAt: loan.consentAt,
		consentBy: ref(loan.consentBy),
		consentAnswer: loan.consentAnswer,
		escort: ref(loan.escortStaffId),
		collateralIdType: loan.collateralIdType,
		collateralIdNumber: loan.collateralIdNumber,
		expectedReturnAt: loan.expectedReturnAt,
		overdue: isOverdue({ expectedReturnAt: loan.expectedReturnAt, returned: !!ret }, nowMs),
		returned: ret
			? {
					returnedAt: ret.returnedAt,
					receivedBy: ref(ret.receivedBy),
					lost: ret.lost,
					slot: ret.slot,
					collateralReturned: ret.collateralReturned,
					note: ret.note
				}
			: null
	}));
}

/** Loans not yet returned, by key id. */
function openLoans(
	db: Db,
	communityId: number,
	nowMs: number,
	keyIds?: number[]
): Map<number, LoanRecord> {
	const cond = keyIds
		? and(isNull(keyReturns.id), inArray(keyLoans.keyId, keyIds))
		: and(isNull(keyReturns.id));
	return new Map(loanRecords(db, communityId, cond, nowMs).map((l) => [l.keyId, l]));
}

export interface KeyFilter {
	/** Tag, unit code or area, part of it. */
	q?: string;
	state?: KeyState;
}

/** The register, by tag number, each key with its state and open loan. */
export function listKeys(
	db: Db,
	communityId: number,
	nowMs: number,
	filter: KeyFilter = {}
): KeyRow[] {
	const rows = db
		.select(keyColumns)
		.from(keys)
		.leftJoin(units, eq(units.id, keys.unitId))
		.where(eq(keys.communityId, communityId))
		.orderBy(asc(keys.tagNo))
		.all();
	const open = openLoans(db, communityId, nowMs);
	const q = filter.q?.trim().toUpperCase();
	return rows
		.map((r) => toKeyRow(r, open.get(r.id) ?? null))
		.filter((k) => !filter.state || k.state === filter.state)
		.filter(
			(k) =>
				!q ||
				k.tagNo.includes(q) ||
				k.opens.toUpperCase().includes(q) ||
				k.slot.toUpperCase().includes(q)
		);
}

function toKeyRow(
	r: Omit<KeyRow, 'state' | 'openLoan' | 'opens'>,
	openLoan: LoanRecord | null
): KeyRow {
	return { ...r, opens: opensLabel(r), state: keyState(r.disposition, !!openLoan), openLoan };
}

export function getKey(db: Db, communityId: number, id: number, nowMs: number): KeyRow | null {
	const r = db
		.select(keyColumns)
		.from(keys)
		.leftJoin(units, eq(units.id, keys.unitId))
		.where(and(eq(keys.communityId, communityId), eq(keys.id, id)))
		.get();
	if (!r) return null;
	return toKeyRow(r, openLoans(db, communityId, nowMs, [id]).get(id) ?? null);
}

/** A key's full lending history, newest first. */
export function keyLoansOf(
	db: Db,
	communityId: number,
	keyId: number,
	nowMs: number
): LoanRecord[] {
	return loanRecords(db, communityId, and(eq(keyLoans.keyId, keyId)), nowMs);
}

/** Loans past their expected return and not back, the longest overdue first. */
export function overdueLoans(db: Db, communityId: number, nowMs: number): LoanRecord[] {
	return loanRecords(
		db,
		communityId,
		and(isNull(keyReturns.id), lt(keyLoans.expectedReturnAt, nowMs)),
		nowMs
	).sort((a, b) => a.expectedReturnAt - b.expectedReturnAt);
}

/** The lending log for [fromMs, toMs): loans lent or returned in it, oldest first. */
export function logEntries(
	db: Db,
	communityId: number,
	fromMs: number,
	toMs: number,
	nowMs: number
): LoanRecord[] {
	const cond = or(
		and(gte(keyLoans.lentAt, fromMs), lt(keyLoans.lentAt, toMs)),
		and(gte(keyReturns.returnedAt, fromMs), lt(keyReturns.returnedAt, toMs))
	);
	return loanRecords(db, communityId, and(cond), nowMs).sort(
		(a, b) => a.lentAt - b.lentAt || a.id - b.id
	);
}

export interface KeyAuditEntry {
	at: number;
	action: string;
	actor: StaffRef | null;
	detail: Record<string, unknown>;
}

/** Register changes to a key (creation, edits, lost / handed back), newest first. */
export function keyAuditTrail(db: Db, communityId: number, keyId: number): KeyAuditEntry[] {
	const staff = staffById(db, communityId);
	return db
		.select()
		.from(auditLog)
		.where(
			and(
				eq(auditLog.communityId, communityId),
				eq(auditLog.targetType, 'key'),
				eq(auditLog.targetId, String(keyId))
			)
		)
		.orderBy(desc(auditLog.at), desc(auditLog.id))
		.all()
		.map((a) => ({
			at: a.at,
			action: a.action,
			actor: a.actorId === null ? null : (staff.get(a.actorId) ?? null),
			detail: safeJson(a.detail)
		}));
}

function safeJson(s: string): Record<string, unknown> {
	try {
		return JSON.parse(s) as Record<string, unknown>;
	} catch {
		return {};
	}
}

export interface Holder {
	name: string;
	phone: string;
	idNumber: string;
	role: 'owner' | 'authorised';
}

/** Owners of a unit and the people they authorised on file, as of today (owners first). */
export function unitHolders(db: Db, unitId: number, now?: Date): Holder[] {
	return currentUnitTies(db, unitId, ['owner', 'authorised'], now).map((t) => ({
		name: t.name,
		phone: t.phone,
		idNumber: t.idNumber,
		role: t.role as Holder['role']
	}));
}

export function findUnitByCode(
	db: Db,
	communityId: number,
	code: string
): { id: number; code: string } | null {
	return (
		db
			.select({ id: units.id, code: units.code })
			.from(units)
			.where(and(eq(units.communityId, communityId), eq(units.code, code.trim())))
			.get() ?? null
	);
}

export interface OverdueSummary {
	id: number;
	keyId: number;
	tagNo: string;
	opens: string;
	borrowerName: string;
	borrowerPhone: string;
	expectedReturnAt: number;
	overdueMinutes: number;
}

/** What the counter home and the key list show of overdue loans (no ID numbers). */
export function overdueSummary(db: Db, communityId: number, nowMs: number): OverdueSummary[] {
	return overdueLoans(db, communityId, nowMs).map((l) => ({
		id: l.id,
		keyId: l.keyId,
		tagNo: l.tagNo,
		opens: l.opens,
		borrowerName: l.borrowerName,
		borrowerPhone: l.borrowerPhone,
		expectedReturnAt: l.expectedReturnAt,
		overdueMinutes: overdueMinutes(l.expectedReturnAt, nowMs)
	}));
}
