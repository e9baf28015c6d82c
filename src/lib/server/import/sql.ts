import { rawQuery } from '../db/stmt';

/*
 * The import area's raw reads: the daily report's opening balances and the registers as exported
 * (joins and correlated sums that read more plainly as SQL). Portable SQL (`coalesce`, `NOT EXISTS`).
 */

export interface OpeningDayLine {
	kind: 'opening_bills' | 'opening_credits';
	rows: number;
	totalFen: number;
}

/** Opening balances imported in a period, per kind. */
export const openingByKind = rawQuery<
	OpeningDayLine,
	[communityId: number, from: string, to: string]
>(
	`SELECT kind, sum(added) AS rows, sum(total_fen) AS totalFen FROM import_batches
	 WHERE community_id = ? AND local_date BETWEEN ? AND ? AND kind IN ('opening_bills', 'opening_credits') AND added > 0
	 GROUP BY kind ORDER BY kind`
);

/* The registers as exported (export.ts), one statement per template. */

/** Units in building/entrance/room order. */
export interface UnitExportRow {
	building: string;
	entrance: string;
	room: string;
	a: number;
	use: string;
	occupancy: string;
	h: string | null;
	m: string | null;
}
export const unitsRegister = rawQuery<UnitExportRow, [communityId: number]>(
	`SELECT building, entrance, room, area_centi AS a, use, occupancy, handover_notice_date AS h, move_in_date AS m
	  FROM units WHERE community_id = ? ORDER BY building, entrance, room`
);

/** Every tie of a person to a unit (current and ended). */
export interface PersonExportRow {
	code: string;
	name: string;
	role: string;
	phone: string;
	idType: string;
	idNumber: string;
	s: string | null;
	e: string | null;
}
export const peopleRegister = rawQuery<PersonExportRow, [communityId: number]>(
	`SELECT u.code, o.name, t.role, o.phone, o.id_type AS idType, o.id_number AS idNumber, t.start_date AS s, t.end_date AS e
	  FROM unit_owners t JOIN units u ON u.id = t.unit_id JOIN owners o ON o.id = t.owner_id
	  WHERE u.community_id = ? ORDER BY u.code, t.id`
);

/** Parking spaces with their current holding. */
export interface SpaceExportRow {
	code: string;
	a: number;
	kind: string;
	unit: string | null;
	holding: string | null;
	start: string | null;
}
export const spacesRegister = rawQuery<SpaceExportRow, [communityId: number]>(
	`SELECT s.code, s.area_centi AS a, s.kind, u.code AS unit, h.holding, h.start_date AS start
	  FROM parking_spaces s
	  LEFT JOIN parking_space_holdings h ON h.space_id = s.id AND h.end_date IS NULL
	  LEFT JOIN units u ON u.id = h.unit_id
	  WHERE s.community_id = ? ORDER BY s.code`
);

/** Vehicles registered now. */
export interface VehicleExportRow {
	plate: string;
	unit: string | null;
	name: string | null;
	space: string | null;
	start: string;
}
export const vehiclesRegister = rawQuery<VehicleExportRow, [communityId: number]>(
	`SELECT v.plate, u.code AS unit, o.name, s.code AS space, v.start_date AS start FROM vehicles v
	  LEFT JOIN units u ON u.id = v.unit_id LEFT JOIN owners o ON o.id = v.owner_id
	  LEFT JOIN parking_spaces s ON s.id = v.space_id
	  WHERE v.community_id = ? AND v.end_date IS NULL ORDER BY v.plate`
);

/** Bills with the principal they still owe (paid on receipts not voided, less 空置减免 credited). */
export interface OpeningBillExportRow {
	code: string;
	item: string;
	month: string;
	due: string;
	owed: number;
}
export const openingBillsRegister = rawQuery<OpeningBillExportRow, [communityId: number]>(
	`SELECT u.code, i.name_zh AS item, b.month, b.due_date AS due,
	  b.principal_fen
	  - coalesce((SELECT sum(pl.amount_fen) FROM payment_lines pl WHERE pl.bill_id = b.id AND pl.kind = 'principal'
	    AND NOT EXISTS (SELECT 1 FROM payment_voids v WHERE v.payment_id = pl.payment_id)), 0)
	  - coalesce((SELECT sum(c.amount_fen) FROM vacancy_credits c WHERE c.bill_id = b.id), 0) AS owed
	  FROM bills b JOIN units u ON u.id = b.unit_id JOIN fee_items i ON i.id = b.fee_item_id
	  WHERE b.community_id = ? ORDER BY u.code, b.month, i.sort`
);

/** Opening prepayments and deposits. */
export interface OpeningCreditExportRow {
	code: string;
	kind: string;
	a: number;
	no: string;
}
export const openingCreditsRegister = rawQuery<OpeningCreditExportRow, [communityId: number]>(
	`SELECT u.code, c.kind, c.amount_fen AS a, c.receipt_no AS no FROM opening_credits c
	  JOIN units u ON u.id = c.unit_id WHERE c.community_id = ? ORDER BY u.code, c.id`
);
