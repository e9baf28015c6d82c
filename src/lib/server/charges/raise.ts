import { tx, type Db } from '../db';
import { audit } from '../audit';
import { communityToday, getCommunity } from '../community';
import { and, asc, desc, eq, ne } from 'drizzle-orm';
import { bills, charges, feeItems, feeRates, paidServices, staffUsers, units } from '../db/schema';
import { nextSort } from './items';
import { requestHash } from '../ledger';
import { rateForMonth } from '../../domain/billing';
import { chargeAmountFen } from '../../domain/fee-items';
import { ChargeError } from './errors';
import { paidServiceOf } from './services';

/*
 * One-off charges at the counter (补办门禁卡, a 特约服务 from the price list…): confirmed by the
 * clerk, then written as an ordinary bill (source 'charge', due the day it is raised) that is
 * paid like any bill on the counter fee page. The late fee accrues on it only when its item
 * says so (copied onto the bill, so a later change of the item never changes an old charge).
 */

/** The fee item every paid service is charged under (created on first use). */
export const PAID_SERVICE_ITEM = 'paid_service';

export type ChargeChoice =
	{ kind: 'item'; feeItemId: number } | { kind: 'service'; serviceId: number };

export interface ChargeInput {
	communityId: number;
	unitId: number;
	choice: ChargeChoice;
	quantity: number;
	/** What the clerk typed; a service with a listed price is charged at that price instead. */
	unitPriceFen: number | null;
	note: string;
	actorId: number;
	idempotencyKey: string;
	now: number;
	/** The amount the clerk confirmed: if today's figure differs, the form was stale ('price_changed'). */
	expectedAmountFen?: number;
}

export interface ChargePlan {
	unitCode: string;
	feeItemId: number;
	itemCode: string;
	paidServiceId: number | null;
	nameZh: string;
	nameEn: string;
	quantity: number;
	unitPriceFen: number;
	amountFen: number;
	lateFeeApplies: boolean;
	month: string;
	dueDate: string;
}

export interface RaisedCharge {
	chargeId: number;
	billId: number;
	amountFen: number;
	replay: boolean;
}

const ratesOf = (db: Db, feeItemId: number) =>
	db
		.select({ id: feeRates.id, fromMonth: feeRates.fromMonth, rateFen: feeRates.rateFen })
		.from(feeRates)
		.where(eq(feeRates.feeItemId, feeItemId))
		.all();

function paidServiceItem(db: Db, communityId: number, now: number): number {
	const row = db
		.select({ id: feeItems.id })
		.from(feeItems)
		.where(and(eq(feeItems.communityId, communityId), eq(feeItems.code, PAID_SERVICE_ITEM)))
		.get();
	if (row) return row.id;
	return db
		.insert(feeItems)
		.values({
			communityId,
			code: PAID_SERVICE_ITEM,
			nameZh: '特约服务费',
			nameEn: 'Paid service',
			basis: 'fixed',
			vacancyApplies: false,
			lateFeeApplies: false,
			appliesTo: 'all',
			sort: nextSort(db, communityId),
			createdAt: now
		})
		.returning({ id: feeItems.id })
		.get().id;
}

/**
 * Works out a charge from the data as it is now, without writing (the paid-service item is
 * created on first use, so call it inside a transaction). Refusals are ChargeErrors.
 */
export function planCharge(db: Db, input: ChargeInput): ChargePlan {
	const unit = db
		.select({ id: units.id, code: units.code })
		.from(units)
		.where(and(eq(units.id, input.unitId), eq(units.communityId, input.communityId)))
		.get();
	if (!unit) throw new ChargeError('unknown_unit');
	const today = communityToday(getCommunity(db, input.communityId), new Date(input.now));
	const month = today.slice(0, 7);
	let plan: Omit<ChargePlan, 'amountFen' | 'quantity' | 'unitCode' | 'month' | 'dueDate'>;
	if (input.choice.kind === 'service') {
		const s = paidServiceOf(db, input.communityId, input.choice.serviceId);
		if (!s || !s.active) throw new ChargeError('not_found');
		const price = s.priceFen ?? input.unitPriceFen;
		if (price === null) throw new ChargeError('bad_amount');
		plan = {
			feeItemId: paidServiceItem(db, input.communityId, input.now),
			itemCode: PAID_SERVICE_ITEM,
			paidServiceId: s.id,
			nameZh: s.nameZh,
			nameEn: s.nameEn || s.nameZh,
			unitPriceFen: price,
			lateFeeApplies: false
		};
	} else {
		const item = db
			.select({
				id: feeItems.id,
				code: feeItems.code,
				nameZh: feeItems.nameZh,
				nameEn: feeItems.nameEn,
				basis: feeItems.basis,
				lateFeeApplies: feeItems.lateFeeApplies
			})
			.from(feeItems)
			.where(
				and(eq(feeItems.id, input.choice.feeItemId), eq(feeItems.communityId, input.communityId))
			)
			.get();
		if (!item) throw new ChargeError('not_found');
		if (item.basis !== 'fixed') throw new ChargeError('not_one_off');
		const rates = ratesOf(db, item.id);
		const price = input.unitPriceFen ?? rateForMonth(rates, month)?.rateFen ?? null;
		if (price === null) throw new ChargeError('bad_amount');
		plan = {
			feeItemId: item.id,
			itemCode: item.code,
			paidServiceId: null,
			nameZh: item.nameZh,
			nameEn: item.nameEn,
			unitPriceFen: price,
			lateFeeApplies: !!item.lateFeeApplies
		};
	}
	const amount = chargeAmountFen(plan.unitPriceFen, input.quantity);
	if (!amount.ok) throw new ChargeError(amount.error);
	return {
		...plan,
		unitCode: unit.code,
		quantity: input.quantity,
		amountFen: amount.fen,
		month,
		dueDate: today
	};
}

class PlanRollback extends Error {
	constructor(public plan: ChargePlan) {
		super('plan');
	}
}

/** The figures the confirmation shows, from a transaction that is rolled back (nothing is written). */
export function reviewCharge(db: Db, input: ChargeInput): ChargePlan {
	try {
		tx(db, () => {
			throw new PlanRollback(planCharge(db, input));
		});
	} catch (e) {
		if (e instanceof PlanRollback) return e.plan;
		throw e;
	}
	throw new Error('unreachable');
}

function chargeHash(input: ChargeInput): string {
	return requestHash({
		unitId: input.unitId,
		choice: input.choice,
		quantity: input.quantity,
		unitPriceFen: input.unitPriceFen,
		note: input.note.trim(),
		expectedAmountFen: input.expectedAmountFen ?? null
	});
}

/**
 * Raises a one-off charge: one IMMEDIATE transaction that works the amount out after taking the
 * lock, writes the bill and the charge and audits it. The form's key makes it idempotent: a
 * double submit returns the first charge, the key with another request is 'key_reused'.
 */
export function raiseCharge(db: Db, input: ChargeInput): RaisedCharge {
	const hash = chargeHash(input);
	return tx(db, () => {
		const prior = db
			.select({
				id: charges.id,
				billId: charges.billId,
				amountFen: charges.amountFen,
				hash: charges.requestHash
			})
			.from(charges)
			.where(eq(charges.idempotencyKey, input.idempotencyKey))
			.get();
		if (prior) {
			if (prior.hash !== hash) throw new ChargeError('key_reused');
			return { chargeId: prior.id, billId: prior.billId, amountFen: prior.amountFen, replay: true };
		}
		const plan = planCharge(db, input);
		if (input.expectedAmountFen !== undefined && input.expectedAmountFen !== plan.amountFen)
			throw new ChargeError('price_changed', { amountFen: plan.amountFen });
		const { id: billId } = db
			.insert(bills)
			.values({
				communityId: input.communityId,
				unitId: input.unitId,
				feeItemId: plan.feeItemId,
				month: plan.month,
				dueDate: plan.dueDate,
				principalFen: plan.amountFen,
				fullFen: plan.amountFen,
				vacancyPercent: 100,
				rateFen: plan.unitPriceFen,
				source: 'charge',
				lateFeeApplies: plan.lateFeeApplies,
				labelZh: plan.nameZh,
				labelEn: plan.nameEn,
				createdAt: input.now
			})
			.returning({ id: bills.id })
			.get();
		const { id: chargeId } = db
			.insert(charges)
			.values({
				communityId: input.communityId,
				unitId: input.unitId,
				billId,
				feeItemId: plan.feeItemId,
				paidServiceId: plan.paidServiceId,
				nameZh: plan.nameZh,
				nameEn: plan.nameEn,
				quantity: plan.quantity,
				unitPriceFen: plan.unitPriceFen,
				amountFen: plan.amountFen,
				lateFeeApplies: plan.lateFeeApplies,
				note: input.note.trim(),
				idempotencyKey: input.idempotencyKey,
				requestHash: hash,
				createdBy: input.actorId,
				localDate: plan.dueDate,
				createdAt: input.now
			})
			.returning({ id: charges.id })
			.get();
		audit(
			db,
			{
				communityId: input.communityId,
				actorId: input.actorId,
				action: 'charges.raise',
				targetType: 'unit',
				targetId: plan.unitCode,
				detail: {
					chargeId,
					billId,
					item: plan.itemCode,
					name: plan.nameZh,
					quantity: plan.quantity,
					unitPriceFen: plan.unitPriceFen,
					amountFen: plan.amountFen,
					note: input.note.trim()
				}
			},
			input.now
		);
		return { chargeId, billId, amountFen: plan.amountFen, replay: false };
	});
}

export interface ChargeOption {
	/** 'item:ID' or 'service:ID', as the form posts it. */
	value: string;
	nameZh: string;
	nameEn: string;
	/** Listed price (fixed for a priced service), or null when the clerk types it. */
	priceFen: number | null;
	/** True when the clerk may not change the price (a service with a listed price). */
	priceFixed: boolean;
	unitZh: string;
	unitEn: string;
}

/** What a clerk can charge: one-off items (with their price this month) and the active paid services. */
export function chargeOptions(db: Db, communityId: number, month: string): ChargeOption[] {
	const items = db
		.select({ id: feeItems.id, nameZh: feeItems.nameZh, nameEn: feeItems.nameEn })
		.from(feeItems)
		.where(
			and(
				eq(feeItems.communityId, communityId),
				eq(feeItems.basis, 'fixed'),
				ne(feeItems.code, PAID_SERVICE_ITEM)
			)
		)
		.orderBy(asc(feeItems.sort), asc(feeItems.id))
		.all();
	const out: ChargeOption[] = items.map((i) => ({
		value: `item:${i.id}`,
		nameZh: i.nameZh,
		nameEn: i.nameEn,
		priceFen: rateForMonth(ratesOf(db, i.id), month)?.rateFen ?? null,
		priceFixed: false,
		unitZh: '次',
		unitEn: 'time'
	}));
	const services = db
		.select({
			id: paidServices.id,
			nameZh: paidServices.nameZh,
			nameEn: paidServices.nameEn,
			priceFen: paidServices.priceFen,
			unitZh: paidServices.unitZh,
			unitEn: paidServices.unitEn
		})
		.from(paidServices)
		.where(and(eq(paidServices.communityId, communityId), eq(paidServices.active, true)))
		.orderBy(asc(paidServices.sort), asc(paidServices.id))
		.all();
	for (const s of services)
		out.push({
			value: `service:${s.id}`,
			nameZh: s.nameZh,
			nameEn: s.nameEn || s.nameZh,
			priceFen: s.priceFen,
			priceFixed: s.priceFen !== null,
			unitZh: s.unitZh,
			unitEn: s.unitEn
		});
	return out;
}

export interface ChargeRow {
	id: number;
	nameZh: string;
	nameEn: string;
	quantity: number;
	amountFen: number;
	localDate: string;
	note: string;
	createdBy: string;
}

/** A unit's recent charges, newest first. */
export function chargesOfUnit(
	db: Db,
	communityId: number,
	unitId: number,
	limit = 20
): ChargeRow[] {
	return db
		.select({
			id: charges.id,
			nameZh: charges.nameZh,
			nameEn: charges.nameEn,
			quantity: charges.quantity,
			amountFen: charges.amountFen,
			localDate: charges.localDate,
			note: charges.note,
			createdBy: staffUsers.displayName
		})
		.from(charges)
		.innerJoin(staffUsers, eq(staffUsers.id, charges.createdBy))
		.where(and(eq(charges.communityId, communityId), eq(charges.unitId, unitId)))
		.orderBy(desc(charges.id))
		.limit(limit)
		.all();
}
