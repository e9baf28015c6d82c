/**
 * The unit file's SQL that drizzle does not express well, each statement next to its row type.
 * Written for SQLite; on PostgreSQL db/pg-sql.ts translates `json_each(?)` and `CAST(code AS
 * INTEGER)`, and a selected EXISTS comes back as 1/0 as on SQLite (pg-bridge.ts).
 */
import { rawQuery } from '../db/stmt';
import { tieInForceSql } from '../records/ties';

/** A tie of the unit, current or past (people.ts adds the person's other units). */
export interface UnitTieRow {
	ownerId: number;
	name: string;
	phone: string;
	ownerType: string;
	role: string;
	startDate: string | null;
	endDate: string | null;
	endReason: string | null;
}

// Current ties first (owners before the rest), then past ones, newest end first.
export const unitTiesSql = rawQuery<UnitTieRow, [unitId: number]>(
	`SELECT o.id AS ownerId, o.name, o.phone, o.owner_type AS ownerType, uo.role, uo.start_date AS startDate,
	uo.end_date AS endDate, uo.end_reason AS endReason
	FROM unit_owners uo JOIN owners o ON o.id = uo.owner_id WHERE uo.unit_id = ?
	ORDER BY uo.end_date IS NOT NULL, uo.end_date DESC,
		CASE uo.role WHEN 'owner' THEN 0 WHEN 'co_owner' THEN 1 WHEN 'tenant' THEN 2 WHEN 'household' THEN 3 ELSE 4 END, uo.id`
);

export interface OtherUnitRow {
	ownerId: number;
	id: number;
	code: string;
}

/** The units other than `unitId` that the given people own or co-own on a date (the as-of rule). */
export const otherUnitsSql = rawQuery<
	OtherUnitRow,
	[ownerIdsJson: string, unitId: number, date: string, date: string]
>(
	`SELECT DISTINCT uo.owner_id AS ownerId, u.id, u.code FROM unit_owners uo JOIN units u ON u.id = uo.unit_id
	WHERE uo.owner_id IN (SELECT value FROM json_each(?)) AND uo.unit_id <> ? AND ${tieInForceSql()}
		AND uo.role IN ('owner', 'co_owner') ORDER BY u.code`
);

export interface OwnerUnitRow {
	unitId: number;
	code: string;
	role: string;
}

/** The units a person owns or co-owns on a date (the records' as-of rule), in room order (numbers as numbers). */
export const ownerUnitsSql = rawQuery<
	OwnerUnitRow,
	[ownerId: number, communityId: number, date: string, date: string]
>(
	`SELECT u.id AS unitId, u.code, MIN(uo.role) AS role FROM unit_owners uo JOIN units u ON u.id = uo.unit_id
	WHERE uo.owner_id = ? AND u.community_id = ? AND ${tieInForceSql()} AND uo.role IN ('owner', 'co_owner')
	GROUP BY u.id ORDER BY CAST(u.building AS INTEGER), CAST(u.entrance AS INTEGER), CAST(u.room AS INTEGER), u.code`
);

export interface FileReceiptRow {
	receiptNo: string;
	createdAt: number;
	localDate: string;
	payerName: string;
	purpose: string;
	method: string;
	totalFen: number;
	cashierName: string;
	workNo: string;
	/** 1 when the receipt was voided. */
	voided: number;
}

export const fileReceiptsSql = rawQuery<FileReceiptRow, [unitId: number]>(
	`SELECT p.receipt_no AS receiptNo, p.created_at AS createdAt, p.local_date AS localDate, p.payer_name AS payerName,
		p.purpose, p.method, p.total_fen AS totalFen, s.display_name AS cashierName, s.work_no AS workNo,
		EXISTS (SELECT 1 FROM payment_voids v WHERE v.payment_id = p.id) AS voided
	FROM payments p JOIN staff_users s ON s.id = p.cashier_id WHERE p.unit_id = ? ORDER BY p.id DESC`
);

export interface HeldDepositRow {
	itemCode: string;
	receiptNo: string;
	localDate: string;
	heldFen: number;
	refType: string | null;
	refId: number | null;
	passRenovationId: number | null;
}

/** Deposit lines of receipts not voided that no settlement has closed, per receipt and subject. */
export const heldDepositsSql = rawQuery<HeldDepositRow, [unitId: number]>(
	`SELECT pl.item_code AS itemCode, p.receipt_no AS receiptNo, p.local_date AS localDate, SUM(pl.amount_fen) AS heldFen,
		pl.ref_type AS refType, pl.ref_id AS refId,
		(SELECT rp.renovation_id FROM renovation_passes rp WHERE pl.ref_type = 'renovation_pass' AND rp.id = pl.ref_id) AS passRenovationId
	FROM payment_lines pl JOIN payments p ON p.id = pl.payment_id
	WHERE p.unit_id = ? AND pl.kind = 'deposit'
		AND NOT EXISTS (SELECT 1 FROM payment_voids v WHERE v.payment_id = p.id)
		AND NOT EXISTS (SELECT 1 FROM deposit_settlements ds WHERE
			(pl.ref_type = 'renovation' AND ds.subject = 'renovation_deposit' AND ds.renovation_id = pl.ref_id)
			OR (pl.ref_type = 'renovation_pass' AND ds.subject = 'pass_deposit' AND ds.pass_id = pl.ref_id))
	GROUP BY p.id, pl.item_code, pl.ref_type, pl.ref_id ORDER BY p.id DESC`
);
