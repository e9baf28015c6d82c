import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import {
	depositSettlementLines,
	depositSettlements,
	paymentLines,
	payments,
	paymentVoids,
	renovationEvents,
	renovationPasses,
	renovations,
	staffUsers,
	units
} from '../db/schema';
import {
	missingDocuments,
	passStatus,
	type PassOutcome,
	type PassStatus,
	type RenovationDocument,
	type RenovationState
} from '../../domain/renovation';
import { ITEM } from '../../domain/renovation-fees';
import { currentUnitTies } from '../records/ties';

/*
 * Reading renovations back: the application, its events, passes, the money taken on the shared
 * ledger and what was settled. Balances are derived from the insert-only rows, never stored.
 */

export const REF_RENOVATION = 'renovation';
export const REF_PASS = 'renovation_pass';

export type RenovationRow = typeof renovations.$inferSelect;
export type PassRow = typeof renovationPasses.$inferSelect;

export function renovationOf(db: Db, communityId: number, id: number): RenovationRow | undefined {
	return db
		.select()
		.from(renovations)
		.where(and(eq(renovations.communityId, communityId), eq(renovations.id, id)))
		.get();
}

/** Finds an application by its number (ZX-2026-0001) or by room number (its open application, else the latest). */
export function findRenovation(
	db: Db,
	communityId: number,
	ref: string
): RenovationRow | undefined {
	const s = ref.trim().toUpperCase();
	if (!s) return undefined;
	const byNo = db
		.select()
		.from(renovations)
		.where(and(eq(renovations.communityId, communityId), eq(renovations.appNo, s)))
		.get();
	if (byNo) return byNo;
	const unit = db
		.select({ id: units.id })
		.from(units)
		.where(and(eq(units.communityId, communityId), eq(units.code, s)))
		.get();
	if (!unit) return undefined;
	return db
		.select()
		.from(renovations)
		.where(eq(renovations.unitId, unit.id))
		.orderBy(sql`${renovations.state} IN ('rejected', 'closed')`, desc(renovations.id))
		.get();
}

export function unitByCode(db: Db, communityId: number, code: string) {
	return db
		.select()
		.from(units)
		.where(and(eq(units.communityId, communityId), eq(units.code, code.trim())))
		.get();
}

/** The unit's (first) owner today: name and phone, for the applicant defaults. */
export function ownerOfUnit(
	db: Db,
	unitId: number,
	now?: Date
): { name: string; phone: string } | undefined {
	const t = currentUnitTies(db, unitId, ['owner'], now)[0];
	return t && { name: t.name, phone: t.phone };
}

export function documentsOf(r: RenovationRow): Record<RenovationDocument, boolean> {
	return {
		design_drawings: r.docDesign,
		construction_drawings: r.docConstruction,
		contractor_qualification: r.docQualification,
		business_licence: r.docLicence
	};
}

export function missingDocumentsOf(r: RenovationRow): RenovationDocument[] {
	return missingDocuments(r.selfRenovation, documentsOf(r));
}

// ---------------------------------------------------------------- ledger side

export interface LedgerLine {
	paymentId: number;
	receiptNo: string;
	localDate: string;
	voided: boolean;
	kind: string;
	itemCode: string;
	refType: string | null;
	refId: number | null;
	amountFen: number;
}

/** Every payment line that points at this renovation or one of its passes. */
export function ledgerLinesOf(db: Db, renovationId: number, passIds: number[]): LedgerLine[] {
	const refs: SQL[] = [
		and(eq(paymentLines.refType, REF_RENOVATION), eq(paymentLines.refId, renovationId))!
	];
	if (passIds.length)
		refs.push(and(eq(paymentLines.refType, REF_PASS), inArray(paymentLines.refId, passIds))!);
	return db
		.select({
			paymentId: payments.id,
			receiptNo: payments.receiptNo,
			localDate: payments.localDate,
			voidId: paymentVoids.id,
			kind: paymentLines.kind,
			itemCode: paymentLines.itemCode,
			refType: paymentLines.refType,
			refId: paymentLines.refId,
			amountFen: paymentLines.amountFen
		})
		.from(paymentLines)
		.innerJoin(payments, eq(payments.id, paymentLines.paymentId))
		.leftJoin(paymentVoids, eq(paymentVoids.paymentId, payments.id))
		.where(or(...refs))
		.orderBy(asc(paymentLines.id))
		.all()
		.map(({ voidId, ...l }) => ({ ...l, voided: voidId !== null }));
}

export interface SettlementView {
	id: number;
	voucherNo: string;
	subject: 'renovation_deposit' | 'pass_deposit';
	passId: number | null;
	passOutcome: PassOutcome | null;
	refundFen: number;
	deductedFen: number;
	localDate: string;
	createdAt: number;
	/** `hasPhoto`: a deduction photo is served at /renovation/{id}/deduction-photos/{line id}. */
	lines: {
		id: number;
		kind: 'refund' | 'deduction';
		description: string;
		amountFen: number;
		hasPhoto: boolean;
	}[];
}

export function settlementsOf(db: Db, renovationId: number): SettlementView[] {
	const rows = db
		.select()
		.from(depositSettlements)
		.where(eq(depositSettlements.renovationId, renovationId))
		.orderBy(asc(depositSettlements.id))
		.all();
	if (!rows.length) return [];
	const lines = db
		.select()
		.from(depositSettlementLines)
		.where(
			inArray(
				depositSettlementLines.settlementId,
				rows.map((r) => r.id)
			)
		)
		.orderBy(asc(depositSettlementLines.id))
		.all();
	return rows.map((r) => ({
		id: r.id,
		voucherNo: r.voucherNo,
		subject: r.subject,
		passId: r.passId,
		passOutcome: r.passOutcome,
		refundFen: r.refundFen,
		deductedFen: r.deductedFen,
		localDate: r.localDate,
		createdAt: r.createdAt,
		lines: lines
			.filter((l) => l.settlementId === r.id)
			.map((l) => ({
				id: l.id,
				kind: l.kind,
				description: l.description,
				amountFen: l.amountFen,
				hasPhoto: l.photoFileName !== null
			}))
	}));
}

/** Deposit taken (non-voided) for the renovation deposit or one pass, and the receipt it was taken on. */
export function depositTaken(
	lines: LedgerLine[],
	itemCode: string,
	refType: string,
	refId: number
): { fen: number; receiptNo: string | null } {
	let fen = 0;
	let receiptNo: string | null = null;
	for (const l of lines) {
		if (
			l.kind !== 'deposit' ||
			l.voided ||
			l.itemCode !== itemCode ||
			l.refType !== refType ||
			l.refId !== refId
		)
			continue;
		fen += l.amountFen;
		receiptNo ??= l.receiptNo;
	}
	return { fen, receiptNo };
}

export interface PassView extends PassRow {
	status: PassStatus;
	receiptNo: string | null;
	depositHeldFen: number;
	settlement: SettlementView | null;
}

export function passesOf(db: Db, renovationId: number): PassRow[] {
	return db
		.select()
		.from(renovationPasses)
		.where(eq(renovationPasses.renovationId, renovationId))
		.orderBy(asc(renovationPasses.id))
		.all();
}

export function passViews(
	passes: PassRow[],
	lines: LedgerLine[],
	settlements: SettlementView[],
	today: string
): PassView[] {
	return passes.map((p) => {
		const settlement = settlements.find((s) => s.passId === p.id) ?? null;
		const taken = depositTaken(lines, ITEM.passDeposit, REF_PASS, p.id);
		return {
			...p,
			status: passStatus(
				{ expiresOn: p.expiresOn, outcome: settlement?.passOutcome ?? null },
				today
			),
			receiptNo:
				taken.receiptNo ??
				lines.find((l) => l.refType === REF_PASS && l.refId === p.id)?.receiptNo ??
				null,
			depositHeldFen: settlement ? 0 : taken.fen,
			settlement
		};
	});
}

/**
 * Passes of the community not yet settled, holding this normalised ID number: "one worker, one
 * pass" — a second live pass for the same person is refused.
 */
export function livePassesFor(db: Db, communityId: number, idNumber: string) {
	return db
		.select({
			passNo: renovationPasses.passNo,
			renovationId: renovationPasses.renovationId,
			unitCode: units.code
		})
		.from(renovationPasses)
		.innerJoin(renovations, eq(renovations.id, renovationPasses.renovationId))
		.innerJoin(units, eq(units.id, renovations.unitId))
		.leftJoin(depositSettlements, eq(depositSettlements.passId, renovationPasses.id))
		.where(
			and(
				eq(renovationPasses.communityId, communityId),
				eq(renovationPasses.idNumber, idNumber),
				isNull(depositSettlements.id)
			)
		)
		.all();
}

export interface EventView {
	id: number;
	action: string;
	fromState: string | null;
	toState: RenovationState;
	actor: string;
	actorWorkNo: string;
	note: string;
	detail: Record<string, unknown>;
	at: number;
}

export function eventsOf(db: Db, renovationId: number): EventView[] {
	return db
		.select({
			id: renovationEvents.id,
			action: renovationEvents.action,
			fromState: renovationEvents.fromState,
			toState: renovationEvents.toState,
			actor: staffUsers.displayName,
			actorWorkNo: staffUsers.workNo,
			note: renovationEvents.note,
			detail: renovationEvents.detail,
			at: renovationEvents.at
		})
		.from(renovationEvents)
		.innerJoin(staffUsers, eq(staffUsers.id, renovationEvents.actorId))
		.where(eq(renovationEvents.renovationId, renovationId))
		.orderBy(asc(renovationEvents.id))
		.all()
		.map((e) => ({ ...e, detail: JSON.parse(e.detail) as Record<string, unknown> }));
}

export interface RenovationDetail {
	renovation: RenovationRow;
	unit: { id: number; code: string; areaCenti: number };
	owner: { name: string; phone: string } | null;
	missingDocuments: RenovationDocument[];
	events: EventView[];
	passes: PassView[];
	settlements: SettlementView[];
	payments: {
		paymentId: number;
		receiptNo: string;
		localDate: string;
		totalFen: number;
		voided: boolean;
	}[];
	deposit: { takenFen: number; heldFen: number; receiptNo: string | null };
	/** The fee payment was voided after the fact: no permit until fees are paid again. */
	feesVoided: boolean;
}

/** Everything the detail page and the printed forms show. */
export function renovationDetail(
	db: Db,
	communityId: number,
	id: number,
	today: string
): RenovationDetail | null {
	const renovation = renovationOf(db, communityId, id);
	if (!renovation) return null;
	const unit = db
		.select({ id: units.id, code: units.code, areaCenti: units.areaCenti })
		.from(units)
		.where(eq(units.id, renovation.unitId))
		.get()!;
	const passes = passesOf(db, id);
	const lines = ledgerLinesOf(
		db,
		id,
		passes.map((p) => p.id)
	);
	const settlements = settlementsOf(db, id);
	const taken = depositTaken(lines, ITEM.renovationDeposit, REF_RENOVATION, id);
	const depositSettlement = settlements.find((s) => s.subject === 'renovation_deposit');
	const paymentIds = [...new Set(lines.map((l) => l.paymentId))];
	const totals = paymentIds.length
		? db
				.select({ id: payments.id, totalFen: payments.totalFen })
				.from(payments)
				.where(inArray(payments.id, paymentIds))
				.all()
		: [];
	const feePayment = renovation.feePaymentId
		? lines.find((l) => l.paymentId === renovation.feePaymentId)
		: undefined;
	return {
		renovation,
		unit,
		owner: ownerOfUnit(db, unit.id) ?? null,
		missingDocuments: missingDocumentsOf(renovation),
		events: eventsOf(db, id),
		passes: passViews(passes, lines, settlements, today),
		settlements,
		payments: paymentIds.map((pid) => {
			const l = lines.find((x) => x.paymentId === pid)!;
			return {
				paymentId: pid,
				receiptNo: l.receiptNo,
				localDate: l.localDate,
				totalFen: totals.find((t) => t.id === pid)?.totalFen ?? 0,
				voided: l.voided
			};
		}),
		deposit: {
			takenFen: taken.fen,
			heldFen: depositSettlement ? 0 : taken.fen,
			receiptNo: taken.receiptNo
		},
		feesVoided: !!feePayment?.voided
	};
}

export interface RenovationListRow {
	id: number;
	appNo: string;
	unitCode: string;
	applicantName: string;
	selfRenovation: boolean;
	contractorName: string;
	plannedStart: string;
	plannedEnd: string;
	state: RenovationState;
	permitNo: string | null;
	permitUntil: string | null;
	createdAt: number;
}

/** Applications of the community, newest first; optionally by state or by room / application number / name. */
export function listRenovations(
	db: Db,
	communityId: number,
	opts: { states?: readonly RenovationState[]; q?: string; limit?: number } = {}
): RenovationListRow[] {
	const conds: SQL[] = [eq(renovations.communityId, communityId)];
	if (opts.states?.length) conds.push(inArray(renovations.state, [...opts.states]));
	const q = opts.q?.trim();
	if (q) {
		const pattern = `%${q.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
		conds.push(
			sql`(${units.code} LIKE ${pattern} ESCAPE '\\'
				OR ${renovations.appNo} LIKE ${pattern.toUpperCase()} ESCAPE '\\'
				OR ${renovations.applicantName} LIKE ${pattern} ESCAPE '\\'
				OR ${renovations.contractorName} LIKE ${pattern} ESCAPE '\\')`
		);
	}
	return db
		.select({
			id: renovations.id,
			appNo: renovations.appNo,
			unitCode: units.code,
			applicantName: renovations.applicantName,
			selfRenovation: renovations.selfRenovation,
			contractorName: renovations.contractorName,
			plannedStart: renovations.plannedStart,
			plannedEnd: renovations.plannedEnd,
			state: renovations.state,
			permitNo: renovations.permitNo,
			permitUntil: renovations.permitUntil,
			createdAt: renovations.createdAt
		})
		.from(renovations)
		.innerJoin(units, eq(units.id, renovations.unitId))
		.where(and(...conds))
		.orderBy(desc(renovations.id))
		.limit(opts.limit ?? 200)
		.all();
}
