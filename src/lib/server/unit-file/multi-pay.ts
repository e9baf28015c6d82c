/**
 * Paying several units of one owner in one go (issue 18): the clerk ticks unpaid bills of the
 * owner's units, reviews once and confirms once. ONE IMMEDIATE transaction posts one receipt per
 * unit, through the fees area's own `postFeePayment` (nested calls become savepoints), so every
 * amount is worked out exactly as for a single unit and the receipt numbers are consecutive. A
 * refusal for any unit rolls back all of them. Idempotent on the form's key: each unit's payment
 * carries `<key>#u<unitId>`, and a retry returns the receipts already posted.
 */
import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import { tx, type Db } from '../db';
import { bills, owners, payments, units, type PaymentMethod } from '../db/schema';
import { ownerUnitsSql } from './sql';
import { tieParams } from '../records/ties';
import { communityToday, getCommunity } from '../community';
import { audit } from '../audit';
import { LedgerError, type PostedPayment } from '../ledger';
import {
	MAX_CHANGE_FEN,
	postFeePayment,
	quoteFeePayment,
	type FeePaymentInput,
	type FeeQuote
} from '../fees';
import { MAX_FEN } from '../../money';

export interface MultiUnitPaymentInput {
	communityId: number;
	/** The person whose units are paid (a current owner or co-owner of each). */
	ownerId: number;
	/** Bills of any of the owner's units; grouped per unit here. */
	billIds: number[];
	/** Late fees to pay: of these bill ids (true: of every chosen bill). */
	includeLateFees: boolean | number[];
	method: PaymentMethod;
	methodRef?: string;
	bank?: string;
	/** Cash: what was handed over for all units together. */
	tenderedFen?: number | null;
	payerName: string;
	cashierId: number;
	idempotencyKey: string;
	now: number;
	/** The grand total the clerk confirmed ('stale' when today's figure differs). */
	expectedTotalFen?: number;
}

export interface OwnerUnit {
	unitId: number;
	code: string;
	role: string;
}

export interface MultiUnitQuote {
	units: (OwnerUnit & { quote: FeeQuote })[];
	totalFen: number;
	/** Cash: change for the whole payment. */
	changeFen: number | null;
}

export interface MultiUnitPosted {
	receipts: (PostedPayment & { unitId: number; code: string })[];
	totalFen: number;
	changeFen: number | null;
	replayed: boolean;
}

const KEY = /^[\w-]{8,64}$/;

/** The idempotency keys `<key>#…` of one multi-unit form key, as a range (index-friendly). */
const keysOf = (key: string) =>
	and(gte(payments.idempotencyKey, `${key}#`), lt(payments.idempotencyKey, `${key}#\uffff`));

/** The units a person owns or co-owns on `today` in this community, in room order. */
export function ownerUnits(
	db: Db,
	communityId: number,
	ownerId: number,
	today: string
): OwnerUnit[] {
	return ownerUnitsSql.all(db, ownerId, communityId, ...tieParams(today));
}

/** A person of this community (the payer whose units are shown), or null. */
export function ownerOf(
	db: Db,
	communityId: number,
	ownerId: number
): { id: number; name: string; phone: string } | null {
	return (
		db
			.select({ id: owners.id, name: owners.name, phone: owners.phone })
			.from(owners)
			.where(and(eq(owners.id, ownerId), eq(owners.communityId, communityId)))
			.get() ?? null
	);
}

export interface KeyPayment {
	receiptNo: string;
	unitCode: string | null;
	totalFen: number;
	method: string;
	tenderedFen: number | null;
	changeFen: number | null;
}

/** The receipts a multi-unit form key posted (room order as posted: receipt order). */
export function paymentsOfKey(db: Db, communityId: number, key: string): KeyPayment[] {
	return db
		.select({
			receiptNo: payments.receiptNo,
			unitCode: units.code,
			totalFen: payments.totalFen,
			method: payments.method,
			tenderedFen: payments.tenderedFen,
			changeFen: payments.changeFen
		})
		.from(payments)
		.leftJoin(units, eq(units.id, payments.unitId))
		.where(and(eq(payments.communityId, communityId), keysOf(key)))
		.orderBy(payments.id)
		.all();
}

/** The chosen bills grouped by the owner's units (room order); a bill of any other unit is 'not_found'. */
function groupBills(
	db: Db,
	input: MultiUnitPaymentInput
): { unit: OwnerUnit; billIds: number[] }[] {
	if (!Array.isArray(input.billIds) || input.billIds.length > 600)
		throw new LedgerError('bad_input', { field: 'billIds' });
	for (const id of input.billIds)
		if (!Number.isSafeInteger(id) || id <= 0) throw new LedgerError('not_found');
	const today = communityToday(getCommunity(db, input.communityId), new Date(input.now));
	const units = ownerUnits(db, input.communityId, input.ownerId, today);
	if (units.length === 0) throw new LedgerError('not_found', { ownerId: input.ownerId });
	const ids = [...new Set(input.billIds)];
	const billUnit = new Map(
		db
			.select({ id: bills.id, unitId: bills.unitId })
			.from(bills)
			.where(and(eq(bills.communityId, input.communityId), inArray(bills.id, ids)))
			.all()
			.map((b) => [b.id, b.unitId])
	);
	const byUnit = new Map<number, number[]>();
	const mine = new Set(units.map((u) => u.unitId));
	for (const id of ids) {
		const unitId = billUnit.get(id);
		if (unitId === undefined || !mine.has(unitId))
			throw new LedgerError('not_found', { billId: id });
		byUnit.set(unitId, [...(byUnit.get(unitId) ?? []), id]);
	}
	const groups = units
		.filter((u) => byUnit.has(u.unitId))
		.map((unit) => ({ unit, billIds: byUnit.get(unit.unitId)! }));
	if (groups.length === 0) throw new LedgerError('nothing_selected');
	return groups;
}

const unitKey = (key: string, unitId: number) => `${key}#u${unitId}`;

function unitInput(
	input: MultiUnitPaymentInput,
	unitId: number,
	billIds: number[],
	over: Partial<FeePaymentInput>
): FeePaymentInput {
	return {
		communityId: input.communityId,
		unitId,
		billIds,
		includeLateFees: input.includeLateFees,
		method: input.method,
		methodRef: input.methodRef,
		bank: input.bank,
		tenderedFen: null,
		payerName: input.payerName,
		cashierId: input.cashierId,
		idempotencyKey: unitKey(input.idempotencyKey, unitId),
		now: input.now,
		...over
	};
}

/** Cash is handed over once: each receipt but the last takes exactly its total, the last the rest (and gives the change). */
function tenders(input: MultiUnitPaymentInput, totals: number[]): (number | null)[] {
	if (input.method !== 'cash') return totals.map(() => null);
	const all = totals.reduce((s, t) => s + t, 0);
	const tendered = input.tenderedFen;
	if (tendered == null || !Number.isSafeInteger(tendered))
		throw new LedgerError('tendered_missing');
	if (tendered < all)
		throw new LedgerError('tendered_short', { totalFen: all, tenderedFen: tendered });
	if (tendered - all > MAX_CHANGE_FEN)
		throw new LedgerError('change_too_large', { totalFen: all, tenderedFen: tendered });
	return totals.map((t, i) => (i === totals.length - 1 ? tendered - (all - t) : t));
}

function checkKey(key: string): void {
	if (typeof key !== 'string' || !KEY.test(key)) throw new LedgerError('idempotency_key');
}

function quotesOf(
	db: Db,
	input: MultiUnitPaymentInput,
	groups: { unit: OwnerUnit; billIds: number[] }[]
) {
	// Quoted as a non-cash payment: the cash tendered is checked once, against the grand total.
	return groups.map((g) => ({
		...g.unit,
		billIds: g.billIds,
		quote: quoteFeePayment(
			db,
			unitInput(input, g.unit.unitId, g.billIds, { method: 'wechat', methodRef: 'quote', bank: '' })
		)
	}));
}

/** What `postMultiUnitPayment` would post now; writes nothing. */
export function quoteMultiUnitPayment(db: Db, input: MultiUnitPaymentInput): MultiUnitQuote {
	checkKey(input.idempotencyKey);
	const groups = groupBills(db, input);
	const units = quotesOf(db, input, groups);
	const totalFen = units.reduce((s, u) => s + u.quote.totalFen, 0);
	if (totalFen > MAX_FEN) throw new LedgerError('too_large');
	const t = tenders(
		input,
		units.map((u) => u.quote.totalFen)
	);
	const last = t[t.length - 1];
	return {
		units: units.map(({ billIds: _, ...u }) => u),
		totalFen,
		changeFen:
			input.method === 'cash' && last !== null
				? last - units[units.length - 1].quote.totalFen
				: null
	};
}

/**
 * Posts the payment: one receipt per unit, consecutive numbers, all or nothing. A retry with the
 * same key (and the same request) returns the receipts already posted and writes nothing; the
 * key reused for other bills, units, amount or method is 'idempotency_conflict'.
 */
export function postMultiUnitPayment(db: Db, input: MultiUnitPaymentInput): MultiUnitPosted {
	checkKey(input.idempotencyKey);
	return tx(db, () => {
		const groups = groupBills(db, input);
		const prior = db
			.select({ unitId: payments.unitId, totalFen: payments.totalFen })
			.from(payments)
			.where(keysOf(input.idempotencyKey))
			.all();
		let totals: number[];
		let replayed = false;
		if (prior.length > 0) {
			// A retry: the same units must have been paid under this key (postFeePayment then checks the rest).
			const byUnit = new Map(prior.map((p) => [p.unitId, p.totalFen]));
			if (prior.length !== groups.length || groups.some((g) => !byUnit.has(g.unit.unitId)))
				throw new LedgerError('idempotency_conflict');
			totals = groups.map((g) => byUnit.get(g.unit.unitId)!);
			replayed = true;
		} else {
			totals = quotesOf(db, input, groups).map((u) => u.quote.totalFen);
		}
		const totalFen = totals.reduce((s, t) => s + t, 0);
		if (totalFen > MAX_FEN) throw new LedgerError('too_large');
		if (input.expectedTotalFen !== undefined && input.expectedTotalFen !== totalFen)
			throw new LedgerError(replayed ? 'idempotency_conflict' : 'stale', { totalFen });
		const tendered = tenders(input, totals);
		const receipts = groups.map((g, i) => {
			const posted = postFeePayment(
				db,
				unitInput(input, g.unit.unitId, g.billIds, {
					tenderedFen: tendered[i],
					expectedTotalFen: totals[i]
				})
			);
			if (posted.replayed !== replayed) throw new LedgerError('idempotency_conflict');
			return { ...posted, unitId: g.unit.unitId, code: g.unit.code };
		});
		if (!replayed)
			audit(
				db,
				{
					communityId: input.communityId,
					actorId: input.cashierId,
					action: 'payment.multi_unit',
					targetType: 'owner',
					targetId: String(input.ownerId),
					detail: {
						receipts: receipts.map((r) => r.receiptNo),
						units: receipts.map((r) => r.code),
						totalFen,
						method: input.method
					}
				},
				input.now
			);
		const last = receipts[receipts.length - 1];
		return {
			receipts,
			totalFen,
			changeFen: input.method === 'cash' ? (last.changeFen ?? 0) : null,
			replayed
		};
	});
}
