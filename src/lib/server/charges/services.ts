import { tx, type Db } from '../db';
import { auditBy } from '../audit';
import { nowMs } from '../clock';
import { and, asc, eq } from 'drizzle-orm';
import { paidServices } from '../db/schema';
import { MAX_RATE_FEN } from '../../domain/billing';
import type { Actor } from '../auth/actor';
import { ChargeError } from './errors';

/*
 * The paid-services price list (特约服务费标准, seed 003 第六条 三(一)2: it must hang on the hall
 * wall). Data the admin edits; the kiosk shows it; the counter charges from it.
 */

export interface PaidService {
	id: number;
	nameZh: string;
	nameEn: string;
	unitZh: string;
	unitEn: string;
	/** Null: priced on site (面议/按实际). */
	priceFen: number | null;
	noteZh: string;
	noteEn: string;
	active: boolean;
	sort: number;
}

export type PaidServiceInput = Omit<PaidService, 'id'>;

const COLS = {
	id: paidServices.id,
	nameZh: paidServices.nameZh,
	nameEn: paidServices.nameEn,
	unitZh: paidServices.unitZh,
	unitEn: paidServices.unitEn,
	priceFen: paidServices.priceFen,
	noteZh: paidServices.noteZh,
	noteEn: paidServices.noteEn,
	active: paidServices.active,
	sort: paidServices.sort
};

/** The price list in wall order; `activeOnly` for the kiosk and the counter. */
export function listPaidServices(
	db: Db,
	communityId: number,
	opts: { activeOnly?: boolean } = {}
): PaidService[] {
	return db
		.select(COLS)
		.from(paidServices)
		.where(
			and(
				eq(paidServices.communityId, communityId),
				opts.activeOnly ? eq(paidServices.active, true) : undefined
			)
		)
		.orderBy(asc(paidServices.sort), asc(paidServices.id))
		.all();
}

export function paidServiceOf(db: Db, communityId: number, id: number): PaidService | null {
	const r = db
		.select(COLS)
		.from(paidServices)
		.where(and(eq(paidServices.id, id), eq(paidServices.communityId, communityId)))
		.get();
	return r ?? null;
}

// The written columns, by name (the input may carry more at run time).
const columnsOf = (i: PaidServiceInput) => ({
	nameZh: i.nameZh,
	nameEn: i.nameEn,
	unitZh: i.unitZh,
	unitEn: i.unitEn,
	priceFen: i.priceFen,
	noteZh: i.noteZh,
	noteEn: i.noteEn,
	active: i.active,
	sort: i.sort
});

function checkPrice(priceFen: number | null) {
	if (priceFen === null) return;
	if (!Number.isSafeInteger(priceFen) || priceFen <= 0) throw new ChargeError('bad_amount');
	if (priceFen > MAX_RATE_FEN) throw new ChargeError('too_large');
}

export function createPaidService(
	db: Db,
	actor: Actor,
	input: PaidServiceInput,
	now = nowMs()
): number {
	checkPrice(input.priceFen);
	return tx(db, () => {
		const { id } = db
			.insert(paidServices)
			.values({
				communityId: actor.communityId,
				...columnsOf(input),
				createdAt: now,
				updatedAt: now
			})
			.returning({ id: paidServices.id })
			.get();
		auditBy(
			db,
			actor,
			{
				action: 'paid_services.create',
				targetType: 'paid_service',
				targetId: id,
				detail: { ...input }
			},
			now
		);
		return id;
	});
}

/** Edits a line of the price list in place; the audit keeps what it was (charges keep their own price). */
export function updatePaidService(
	db: Db,
	actor: Actor,
	id: number,
	input: PaidServiceInput,
	now = nowMs()
): void {
	checkPrice(input.priceFen);
	tx(db, () => {
		const before = paidServiceOf(db, actor.communityId, id);
		if (!before) throw new ChargeError('not_found');
		db.update(paidServices)
			.set({ ...columnsOf(input), updatedAt: now })
			.where(eq(paidServices.id, id))
			.run();
		auditBy(
			db,
			actor,
			{
				action: 'paid_services.update',
				targetType: 'paid_service',
				targetId: id,
				detail: { before, after: input }
			},
			now
		);
	});
}
