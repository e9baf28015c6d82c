import { tx, type Db } from '../db';
import { audit } from '../audit';
import { nowMs } from '../clock';
import { stmt } from '../db/stmt';
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

const COLS = `id, name_zh AS nameZh, name_en AS nameEn, unit_zh AS unitZh, unit_en AS unitEn, price_fen AS priceFen,
	note_zh AS noteZh, note_en AS noteEn, active, sort`;

type Row = Omit<PaidService, 'active'> & { active: number };
const fromRow = (r: Row): PaidService => ({ ...r, active: !!r.active });

/** The price list in wall order; `activeOnly` for the kiosk and the counter. */
export function listPaidServices(
	db: Db,
	communityId: number,
	opts: { activeOnly?: boolean } = {}
): PaidService[] {
	return (
		stmt(
			db,
			`SELECT ${COLS} FROM paid_services WHERE community_id = ? ${opts.activeOnly ? 'AND active = 1' : ''} ORDER BY sort, id`
		).all(communityId) as Row[]
	).map(fromRow);
}

export function paidServiceOf(db: Db, communityId: number, id: number): PaidService | null {
	const r = stmt(db, `SELECT ${COLS} FROM paid_services WHERE id = ? AND community_id = ?`).get(
		id,
		communityId
	) as Row | undefined;
	return r ? fromRow(r) : null;
}

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
		const id = Number(
			stmt(
				db,
				`INSERT INTO paid_services (community_id, name_zh, name_en, unit_zh, unit_en, price_fen, note_zh, note_en, active, sort, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
			).run(
				actor.communityId,
				input.nameZh,
				input.nameEn,
				input.unitZh,
				input.unitEn,
				input.priceFen,
				input.noteZh,
				input.noteEn,
				input.active ? 1 : 0,
				input.sort,
				now,
				now
			).lastInsertRowid
		);
		audit(
			db,
			{
				communityId: actor.communityId,
				actorId: actor.id,
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
		stmt(
			db,
			`UPDATE paid_services SET name_zh = ?, name_en = ?, unit_zh = ?, unit_en = ?, price_fen = ?, note_zh = ?, note_en = ?,
			active = ?, sort = ?, updated_at = ? WHERE id = ?`
		).run(
			input.nameZh,
			input.nameEn,
			input.unitZh,
			input.unitEn,
			input.priceFen,
			input.noteZh,
			input.noteEn,
			input.active ? 1 : 0,
			input.sort,
			now,
			id
		);
		audit(
			db,
			{
				communityId: actor.communityId,
				actorId: actor.id,
				action: 'paid_services.update',
				targetType: 'paid_service',
				targetId: id,
				detail: { before, after: input }
			},
			now
		);
	});
}
