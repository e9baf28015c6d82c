import { tx, type Db } from '../db';
import type { PaymentMethod } from '../db/schema';
import { audit } from '../audit';
import { getCommunity, communityToday } from '../community';
import {
	LedgerError,
	postPayment,
	priorPayment,
	requestHash,
	type LineInput,
	type PostedPayment
} from '../ledger';
import { addMonths } from '../../dates';
import { allocatePayment, type AllocationTarget } from '../../domain/billing';
import { formatLateFeeWorkingZh, type LateFeeWorking } from '../../domain/late-fee';
import { MAX_FEN } from '../../money';
import { billsDue, unitInfo, type BillDue } from './account';
import { billingSettings, insertBills, itemsWithRates, unitsForBilling } from './generate';
import { grantVacancyCredits } from './vacancy-credits';
import { prepayStartMonth } from '../../domain/prepay';
import { eq, inArray, max, sql } from 'drizzle-orm';
import { bills } from '../db/schema';
import { idsOf, prepared } from '../db/prepared';

// Posting checks the chosen bills on every payment: prepared once per connection.
const billOwnersQuery = prepared((db) =>
	db
		.select({ id: bills.id, unitId: bills.unitId, communityId: bills.communityId })
		.from(bills)
		.where(inArray(bills.id, idsOf('ids')))
		.prepare()
);

// On the payment path whenever months are prepaid.
const lastBilledMonthQuery = prepared((db) =>
	db
		.select({ m: max(bills.month) })
		.from(bills)
		.where(eq(bills.unitId, sql.placeholder('unitId')))
		.prepare()
);

const billIdsOfUnit = (db: Db, unitId: number) =>
	db.select({ id: bills.id }).from(bills).where(eq(bills.unitId, unitId)).all();

/** At most three years paid ahead in one go. */
export const MAX_PREPAY_MONTHS = 36;
/** Cash change above ¥5,000 means the tendered amount was mistyped. */
export const MAX_CHANGE_FEN = 500_000;

export interface FeePaymentInput {
	communityId: number;
	unitId: number;
	/** Bills chosen at the counter (each must still owe something of what is being paid). */
	billIds: number[];
	/** Pay the late fee of every chosen bill (true), of none (false), or of these bill ids. */
	includeLateFees: boolean | number[];
	/** Also prepay N months from the month after the unit's last bill (at the earliest the current month). */
	prepayMonths?: number;
	method: PaymentMethod;
	methodRef?: string;
	bank?: string;
	tenderedFen?: number | null;
	payerName: string;
	cashierId: number;
	idempotencyKey: string;
	/** Epoch ms of the payment; "today" is its date in the community's time zone. */
	now: number;
	/** Pay only this much of the selection: principal first (oldest first), then late fees. */
	amountFen?: number;
	/** The total the clerk confirmed; if today's figure differs the form was stale ('stale'). */
	expectedTotalFen?: number;
}

export interface FeeLine {
	kind: 'principal' | 'late_fee';
	billId: number;
	month: string;
	itemCode: string;
	itemNameZh: string;
	itemNameEn: string;
	amountFen: number;
	description: string;
	detail: Record<string, unknown>;
	/** Created for this payment (prepayment of a month not billed yet). */
	newBill: boolean;
}

export interface FeeQuote {
	asOf: string;
	lines: FeeLine[];
	principalFen: number;
	lateFeeFen: number;
	totalFen: number;
	/** Months paid (sorted, unique) and the prepaid months among them. */
	months: string[];
	prepayMonths: string[];
}

/** The latest month the unit has any bill for (billed or paid: prepaid months have bills), or null. */
export function lastBilledMonth(db: Db, unitId: number): string | null {
	return lastBilledMonthQuery(db).get({ unitId })?.m ?? null;
}

const zhMonth = (m: string) => `${m.slice(0, 4)}年${m.slice(5, 7)}月`;

function checkIds(ids: unknown, what: string): number[] {
	if (!Array.isArray(ids)) throw new LedgerError('bad_input', { field: what });
	if (ids.length > 600) throw new LedgerError('bad_input', { field: what });
	for (const id of ids)
		if (!Number.isSafeInteger(id) || id <= 0) throw new LedgerError('not_found');
	return [...new Set(ids as number[])];
}

function checkPrepay(n: number | undefined): number {
	if (n === undefined) return 0;
	if (!Number.isSafeInteger(n) || n < 0 || n > MAX_PREPAY_MONTHS)
		throw new LedgerError('bad_prepay');
	return n;
}

function lateIncluded(include: boolean | number[], billId: number): boolean {
	return include === true || (Array.isArray(include) && include.includes(billId));
}

/**
 * Works out the lines of a payment from the ledger as of the payment's day (client amounts are
 * never trusted). Creates the prepayment bills first, so it must run inside a transaction.
 */
function computeLines(db: Db, input: FeePaymentInput): FeeQuote {
	const billIds = checkIds(input.billIds, 'billIds');
	if (Array.isArray(input.includeLateFees)) checkIds(input.includeLateFees, 'includeLateFees');
	else if (typeof input.includeLateFees !== 'boolean')
		throw new LedgerError('bad_input', { field: 'includeLateFees' });
	const prepay = checkPrepay(input.prepayMonths);

	const community = getCommunity(db, input.communityId);
	const today = communityToday(community, new Date(input.now));
	const unit = unitInfo(db, input.communityId, input.unitId);
	if (!unit) throw new LedgerError('not_found');

	// Every chosen bill must be a bill of this unit in this community (one query, not one per bill).
	const owners = new Map(
		billOwnersQuery(db)
			.all({ ids: JSON.stringify(billIds) })
			.map((b) => [b.id, b])
	);
	for (const id of billIds) {
		const b = owners.get(id);
		if (!b || b.unitId !== unit.id || b.communityId !== input.communityId)
			throw new LedgerError('not_found', { billId: id });
	}

	const window: string[] = [];
	const newBillIds = new Set<number>();
	if (prepay > 0) {
		// After the last month already billed or paid (domain/prepay.ts): never a month at ¥0.
		const first = prepayStartMonth(today.slice(0, 7), lastBilledMonth(db, unit.id));
		for (let i = 0; i < prepay; i++) window.push(addMonths(first, i));
		const before = new Set(billIdsOfUnit(db, unit.id).map((r) => r.id));
		const items = itemsWithRates(db, input.communityId);
		// Read for billing: a unit in handover counts as taken over (full rate) from its case's first month.
		const billed = unitsForBilling(db, input.communityId, [unit.id]);
		let created = 0;
		for (const month of window)
			created += insertBills(
				db,
				input.communityId,
				billed,
				items,
				month,
				billingSettings(db, input.communityId, month),
				'prepay',
				input.now
			).created;
		if (created > 0) {
			for (const r of billIdsOfUnit(db, unit.id)) if (!before.has(r.id)) newBillIds.add(r.id);
			audit(
				db,
				{
					communityId: input.communityId,
					actorId: input.cashierId,
					action: 'bills.prepay',
					targetType: 'unit',
					targetId: unit.code,
					detail: { months: window, created }
				},
				input.now
			);
		}
	}

	// 空置减免 still owed lowers what is due before it is paid (idempotent; shown on this receipt).
	grantVacancyCredits(db, input.communityId, {
		unitIds: [unit.id],
		now: input.now,
		actorId: input.cashierId
	});
	// Only the chosen bills and the prepaid window are read: posting stays fast on a unit with years of bills.
	const due = billsDue(db, input.communityId, unit.id, today, {
		ids: billIds,
		fromMonth: window[0],
		toMonth: window[window.length - 1]
	});
	const dueById = new Map(due.map((b) => [b.billId, b]));
	for (const id of billIds)
		if (!dueById.has(id)) throw new LedgerError('already_paid', { billId: id });

	const chosen = new Set(billIds);
	const windowSet = new Set(window);
	const selected: BillDue[] = due.filter((b) => chosen.has(b.billId) || windowSet.has(b.month));
	const targets: (AllocationTarget & { bill: BillDue })[] = selected.map((b) => ({
		billId: b.billId,
		principalDueFen: b.principalDueFen,
		lateFeeDueFen: lateIncluded(input.includeLateFees, b.billId) ? b.lateFeeDueFen : 0,
		bill: b
	}));
	for (const t of targets) {
		// A chosen bill that owes nothing of what is being paid (principal settled, late fee left) was paid meanwhile.
		if (chosen.has(t.billId) && t.principalDueFen + t.lateFeeDueFen === 0)
			throw new LedgerError('already_paid', { billId: t.billId });
	}

	let amounts = targets.map((t) => ({
		billId: t.billId,
		principalFen: t.principalDueFen,
		lateFeeFen: t.lateFeeDueFen
	}));
	if (input.amountFen !== undefined) {
		const all = amounts.reduce((s, a) => s + a.principalFen + a.lateFeeFen, 0);
		if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0)
			throw new LedgerError('bad_amount');
		if (input.amountFen > all) throw new LedgerError('amount_above_due', { totalFen: all });
		amounts = allocatePayment(input.amountFen, targets);
	}

	const lines: FeeLine[] = [];
	for (const a of amounts) {
		const b = dueById.get(a.billId)!;
		const base = {
			billId: b.billId,
			month: b.month,
			itemCode: b.itemCode,
			itemNameZh: b.itemNameZh,
			itemNameEn: b.itemNameEn,
			newBill: newBillIds.has(b.billId)
		};
		if (a.principalFen > 0) {
			lines.push({
				...base,
				kind: 'principal',
				amountFen: a.principalFen,
				description: `${b.itemNameZh} ${zhMonth(b.month)}`,
				detail: {
					month: b.month,
					itemNameZh: b.itemNameZh,
					itemNameEn: b.itemNameEn,
					dueDate: b.dueDate,
					principalFen: b.principalFen,
					fullFen: b.fullFen,
					vacancyPercent: b.vacancyPercent,
					...(b.source === 'prepay' ? { prepay: true } : {}),
					// 空置减免 already taken off this bill's principal: the receipt prints the bill at its
					// full amount and the credit as a negative line under it (domain/receipt.ts).
					...(b.vacancyCreditFen > 0
						? {
								credits: [
									{
										nameZh: '空置减免',
										nameEn: 'Vacancy credit',
										amountFen: b.vacancyCreditFen,
										noteZh: '未接房月份按空置比例计收的差额'
									}
								]
							}
						: {})
				}
			});
		}
		if (a.lateFeeFen > 0) {
			const working: LateFeeWorking = b.working;
			lines.push({
				...base,
				kind: 'late_fee',
				amountFen: a.lateFeeFen,
				description: `${b.itemNameZh}滞纳金 ${zhMonth(b.month)}`,
				detail: {
					month: b.month,
					itemNameZh: b.itemNameZh,
					itemNameEn: b.itemNameEn,
					dueDate: b.dueDate,
					asOf: today,
					working,
					workingZh: formatLateFeeWorkingZh(working),
					lateFeeFen: b.lateFeeFen,
					paidBeforeFen: b.lateFeePaidFen,
					...(b.lateFeeWaivedFen > 0 ? { waivedFen: b.lateFeeWaivedFen } : {})
				}
			});
		}
	}
	if (lines.length === 0) throw new LedgerError('nothing_selected');

	let principalFen = 0;
	let lateFeeFen = 0;
	for (const l of lines) {
		if (l.kind === 'principal') principalFen += l.amountFen;
		else lateFeeFen += l.amountFen;
	}
	const totalFen = principalFen + lateFeeFen;
	if (totalFen > MAX_FEN) throw new LedgerError('too_large');
	if (input.expectedTotalFen !== undefined && input.expectedTotalFen !== totalFen)
		throw new LedgerError('stale', { totalFen });
	if (input.method === 'cash' && Number.isSafeInteger(input.tenderedFen)) {
		const tendered = input.tenderedFen as number;
		if (tendered < totalFen)
			throw new LedgerError('tendered_short', { totalFen, tenderedFen: tendered });
		if (tendered - totalFen > MAX_CHANGE_FEN)
			throw new LedgerError('change_too_large', { totalFen, tenderedFen: tendered });
	}
	const months = [...new Set(lines.map((l) => l.month))].sort();
	return {
		asOf: today,
		lines,
		principalFen,
		lateFeeFen,
		totalFen,
		months,
		prepayMonths: months.filter(
			(m) => windowSet.has(m) && lines.some((l) => l.month === m && l.newBill)
		)
	};
}

class QuoteRollback extends Error {
	constructor(public quote: FeeQuote) {
		super('quote');
	}
}

/**
 * What `postFeePayment` would post right now, without writing anything: the same computation runs
 * in a transaction that is rolled back (prepayment bills included), so the confirmation step shows
 * exactly the figures the payment will use.
 */
export function quoteFeePayment(db: Db, input: FeePaymentInput): FeeQuote {
	try {
		tx(db, () => {
			throw new QuoteRollback(computeLines(db, input));
		});
	} catch (e) {
		if (e instanceof QuoteRollback) return e.quote;
		throw e;
	}
	throw new Error('unreachable');
}

function checkPayer(name: string): string {
	const payer = String(name ?? '').trim();
	if (!payer) throw new LedgerError('payer_missing');
	if (payer.length > 100) throw new LedgerError('payer_too_long');
	return payer;
}

/**
 * What the counter form asked for (not the lines: those are worked out from a ledger that changes
 * once paid). A double submit asks for the same; the same key with other bills, months, late
 * fees, amount or method is "this form was already used".
 */
function feeRequestHash(input: FeePaymentInput): string {
	const ids = (v: unknown) =>
		Array.isArray(v) ? [...new Set(v as number[])].sort((a, b) => a - b) : v;
	return requestHash({
		unitId: input.unitId,
		purpose: 'fees',
		billIds: ids(input.billIds),
		includeLateFees: ids(input.includeLateFees),
		prepayMonths: input.prepayMonths ?? 0,
		amountFen: input.amountFen ?? null,
		expectedTotalFen: input.expectedTotalFen ?? null,
		method: input.method,
		methodRef: input.methodRef?.trim() ?? '',
		bank: input.bank?.trim() ?? '',
		tenderedFen: input.method === 'cash' ? (input.tenderedFen ?? null) : null
	});
}

/**
 * Takes a property-fee payment at the counter: one transaction that creates prepayment bills when
 * asked, computes every amount from the ledger as of the community's today, and posts the payment
 * with its gap-free receipt number. The amounts are worked out inside the same IMMEDIATE
 * transaction that writes them, so the ledger they come from cannot change in between: the
 * second of two clerks paying the same bill finds it paid ('already_paid'), and a bill of another
 * unit or community is 'not_found'. A replayed idempotency key returns the first receipt and
 * writes nothing.
 */
export function postFeePayment(db: Db, input: FeePaymentInput): PostedPayment {
	const payerName = checkPayer(input.payerName);
	if (!input.idempotencyKey || input.idempotencyKey.length > 100)
		throw new LedgerError('idempotency_key');
	const hash = feeRequestHash(input);
	return tx(db, () => {
		// A replay returns the first receipt before anything is recomputed (its bills are paid now).
		const replay = priorPayment(db, input, undefined, hash);
		if (replay) return replay;
		const quote = computeLines(db, input);
		const lines: LineInput[] = quote.lines.map((l) => ({
			kind: l.kind,
			itemCode: l.itemCode,
			billId: l.billId,
			amountFen: l.amountFen,
			description: l.description,
			detail: l.detail
		}));
		return postPayment(db, {
			communityId: input.communityId,
			unitId: input.unitId,
			purpose: 'fees',
			payerName,
			method: input.method,
			methodRef: input.methodRef,
			bank: input.bank,
			tenderedFen: input.method === 'cash' ? (input.tenderedFen ?? null) : null,
			cashierId: input.cashierId,
			idempotencyKey: input.idempotencyKey,
			requestHash: hash,
			lines,
			replayChecked: true,
			now: input.now,
			localDate: quote.asOf
		});
	});
}
