import { tx, type Db } from '../db';
import { audit } from '../audit';
import { communityToday, getCommunity } from '../community';
import { stmt } from '../db/stmt';
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

function paidServiceItem(db: Db, communityId: number, now: number): number {
	const row = stmt(db, 'SELECT id FROM fee_items WHERE community_id = ? AND code = ?').get(
		communityId,
		PAID_SERVICE_ITEM
	) as { id: number } | undefined;
	if (row) return row.id;
	const sort =
		(
			stmt(db, 'SELECT coalesce(max(sort), 0) AS s FROM fee_items WHERE community_id = ?').get(
				communityId
			) as { s: number }
		).s + 1;
	return Number(
		stmt(
			db,
			`INSERT INTO fee_items (community_id, code, name_zh, name_en, basis, vacancy_applies, late_fee_applies, applies_to, sort, created_at)
			VALUES (?, ?, '特约服务费', 'Paid service', 'fixed', 0, 0, 'all', ?, ?)`
		).run(communityId, PAID_SERVICE_ITEM, sort, now).lastInsertRowid
	);
}

/**
 * Works out a charge from the data as it is now, without writing (the paid-service item is
 * created on first use, so call it inside a transaction). Refusals are ChargeErrors.
 */
export function planCharge(db: Db, input: ChargeInput): ChargePlan {
	const unit = stmt(db, 'SELECT id, code FROM units WHERE id = ? AND community_id = ?').get(
		input.unitId,
		input.communityId
	) as { id: number; code: string } | undefined;
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
		const item = stmt(
			db,
			`SELECT id, code, name_zh AS nameZh, name_en AS nameEn, basis, late_fee_applies AS lateFeeApplies
			FROM fee_items WHERE id = ? AND community_id = ?`
		).get(input.choice.feeItemId, input.communityId) as
			| {
					id: number;
					code: string;
					nameZh: string;
					nameEn: string;
					basis: string;
					lateFeeApplies: number;
			  }
			| undefined;
		if (!item) throw new ChargeError('not_found');
		if (item.basis !== 'fixed') throw new ChargeError('not_one_off');
		const rates = stmt(
			db,
			'SELECT id, from_month AS fromMonth, rate_fen AS rateFen FROM fee_rates WHERE fee_item_id = ?'
		).all(item.id) as { id: number; fromMonth: string; rateFen: number }[];
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
		const prior = stmt(
			db,
			'SELECT id, bill_id AS billId, amount_fen AS amountFen, request_hash AS hash FROM charges WHERE idempotency_key = ?'
		).get(input.idempotencyKey) as
			{ id: number; billId: number; amountFen: number; hash: string } | undefined;
		if (prior) {
			if (prior.hash !== hash) throw new ChargeError('key_reused');
			return { chargeId: prior.id, billId: prior.billId, amountFen: prior.amountFen, replay: true };
		}
		const plan = planCharge(db, input);
		if (input.expectedAmountFen !== undefined && input.expectedAmountFen !== plan.amountFen)
			throw new ChargeError('price_changed', { amountFen: plan.amountFen });
		const billId = Number(
			stmt(
				db,
				`INSERT INTO bills (community_id, unit_id, fee_item_id, month, due_date, principal_fen, full_fen, vacancy_percent, rate_fen, source,
				late_fee_applies, label_zh, label_en, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 100, ?, 'charge', ?, ?, ?, ?)`
			).run(
				input.communityId,
				input.unitId,
				plan.feeItemId,
				plan.month,
				plan.dueDate,
				plan.amountFen,
				plan.amountFen,
				plan.unitPriceFen,
				plan.lateFeeApplies ? 1 : 0,
				plan.nameZh,
				plan.nameEn,
				input.now
			).lastInsertRowid
		);
		const chargeId = Number(
			stmt(
				db,
				`INSERT INTO charges (community_id, unit_id, bill_id, fee_item_id, paid_service_id, name_zh, name_en, quantity, unit_price_fen,
				amount_fen, late_fee_applies, note, idempotency_key, request_hash, created_by, local_date, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
			).run(
				input.communityId,
				input.unitId,
				billId,
				plan.feeItemId,
				plan.paidServiceId,
				plan.nameZh,
				plan.nameEn,
				plan.quantity,
				plan.unitPriceFen,
				plan.amountFen,
				plan.lateFeeApplies ? 1 : 0,
				input.note.trim(),
				input.idempotencyKey,
				hash,
				input.actorId,
				plan.dueDate,
				input.now
			).lastInsertRowid
		);
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
	const items = stmt(
		db,
		`SELECT id, name_zh AS nameZh, name_en AS nameEn FROM fee_items WHERE community_id = ? AND basis = 'fixed' AND code <> ? ORDER BY sort, id`
	).all(communityId, PAID_SERVICE_ITEM) as { id: number; nameZh: string; nameEn: string }[];
	const rateOf = stmt(
		db,
		'SELECT id, from_month AS fromMonth, rate_fen AS rateFen FROM fee_rates WHERE fee_item_id = ?'
	);
	const out: ChargeOption[] = items.map((i) => ({
		value: `item:${i.id}`,
		nameZh: i.nameZh,
		nameEn: i.nameEn,
		priceFen:
			rateForMonth(rateOf.all(i.id) as { id: number; fromMonth: string; rateFen: number }[], month)
				?.rateFen ?? null,
		priceFixed: false,
		unitZh: '次',
		unitEn: 'time'
	}));
	const services = stmt(
		db,
		`SELECT id, name_zh AS nameZh, name_en AS nameEn, price_fen AS priceFen, unit_zh AS unitZh, unit_en AS unitEn
		FROM paid_services WHERE community_id = ? AND active = 1 ORDER BY sort, id`
	).all(communityId) as {
		id: number;
		nameZh: string;
		nameEn: string;
		priceFen: number | null;
		unitZh: string;
		unitEn: string;
	}[];
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
	return stmt(
		db,
		`SELECT c.id, c.name_zh AS nameZh, c.name_en AS nameEn, c.quantity, c.amount_fen AS amountFen, c.local_date AS localDate,
		c.note, s.display_name AS createdBy FROM charges c JOIN staff_users s ON s.id = c.created_by
		WHERE c.community_id = ? AND c.unit_id = ? ORDER BY c.id DESC LIMIT ?`
	).all(communityId, unitId, limit) as ChargeRow[];
}
