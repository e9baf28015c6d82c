import ExcelJS from 'exceljs';
import type { Db } from '../db';
import { stmt } from '../db/stmt';
import { toCsv } from '../csv';
import {
	CREDIT_KIND_LABELS,
	HOLDING_LABELS,
	ID_TYPE_LABELS,
	OCCUPANCY_LABELS,
	PERSON_ROLE_LABELS,
	SPACE_KIND_LABELS,
	TEMPLATES,
	USE_LABELS,
	formatCenti,
	formatPeriod,
	type ImportKind
} from '../../domain/import';

/**
 * Export of every register in its import template's shape (same headers, same cell texts), so an
 * export imports again as "nothing to change"; and the empty templates with their example row.
 * Balances export as 期初欠费 (what each bill still owes in principal) and 期初预存/押金.
 */

const lab = <K extends string>(labels: Record<K, string>, v: string | null) =>
	v ? (labels[v as K] ?? v) : '';

/** The register's rows as cell texts, in template column order. */
export function registerRows(db: Db, communityId: number, kind: ImportKind): string[][] {
	switch (kind) {
		case 'units':
			return (
				stmt(
					db,
					`SELECT building, entrance, room, area_centi AS a, use, occupancy, handover_notice_date AS h, move_in_date AS m
					 FROM units WHERE community_id = ? ORDER BY building, entrance, room`
				).all(communityId) as {
					building: string;
					entrance: string;
					room: string;
					a: number;
					use: string;
					occupancy: string;
					h: string | null;
					m: string | null;
				}[]
			).map((r) => [
				r.building,
				r.entrance,
				r.room,
				formatCenti(r.a),
				lab(USE_LABELS, r.use),
				lab(OCCUPANCY_LABELS, r.occupancy),
				r.h ?? '',
				r.m ?? ''
			]);
		case 'people':
			return (
				stmt(
					db,
					`SELECT u.code, o.name, t.role, o.phone, o.id_type AS idType, o.id_number AS idNumber, t.start_date AS s, t.end_date AS e
					 FROM unit_owners t JOIN units u ON u.id = t.unit_id JOIN owners o ON o.id = t.owner_id
					 WHERE u.community_id = ? ORDER BY u.code, t.id`
				).all(communityId) as {
					code: string;
					name: string;
					role: string;
					phone: string;
					idType: string;
					idNumber: string;
					s: string | null;
					e: string | null;
				}[]
			).map((r) => [
				r.code,
				r.name,
				lab(PERSON_ROLE_LABELS, r.role),
				r.phone,
				r.idNumber ? lab(ID_TYPE_LABELS, r.idType) : '',
				r.idNumber,
				formatPeriod({ start: r.s, end: r.e })
			]);
		case 'spaces':
			return (
				stmt(
					db,
					`SELECT s.code, s.area_centi AS a, s.kind, u.code AS unit, h.holding, h.start_date AS start
					 FROM parking_spaces s
					 LEFT JOIN parking_space_holdings h ON h.space_id = s.id AND h.end_date IS NULL
					 LEFT JOIN units u ON u.id = h.unit_id
					 WHERE s.community_id = ? ORDER BY s.code`
				).all(communityId) as {
					code: string;
					a: number;
					kind: string;
					unit: string | null;
					holding: string | null;
					start: string | null;
				}[]
			).map((r) => [
				r.code,
				r.a ? formatCenti(r.a) : '',
				lab(SPACE_KIND_LABELS, r.kind),
				r.unit ?? '',
				lab(HOLDING_LABELS, r.holding),
				r.start ?? ''
			]);
		case 'vehicles':
			return (
				stmt(
					db,
					`SELECT v.plate, u.code AS unit, o.name, s.code AS space, v.start_date AS start FROM vehicles v
					 LEFT JOIN units u ON u.id = v.unit_id LEFT JOIN owners o ON o.id = v.owner_id
					 LEFT JOIN parking_spaces s ON s.id = v.space_id
					 WHERE v.community_id = ? AND v.end_date IS NULL ORDER BY v.plate`
				).all(communityId) as {
					plate: string;
					unit: string | null;
					name: string | null;
					space: string | null;
					start: string;
				}[]
			).map((r) => [r.plate, r.unit ?? '', r.name ?? '', r.space ?? '', r.start]);
		case 'opening_bills':
			// What each bill still owes in principal: less principal paid on receipts not voided,
			// less 空置减免 credited to it.
			return (
				stmt(
					db,
					`SELECT u.code, i.name_zh AS item, b.month, b.due_date AS due,
					 b.principal_fen
					 - coalesce((SELECT sum(pl.amount_fen) FROM payment_lines pl WHERE pl.bill_id = b.id AND pl.kind = 'principal'
					   AND NOT EXISTS (SELECT 1 FROM payment_voids v WHERE v.payment_id = pl.payment_id)), 0)
					 - coalesce((SELECT sum(c.amount_fen) FROM vacancy_credits c WHERE c.bill_id = b.id), 0) AS owed
					 FROM bills b JOIN units u ON u.id = b.unit_id JOIN fee_items i ON i.id = b.fee_item_id
					 WHERE b.community_id = ? ORDER BY u.code, b.month, i.sort`
				).all(communityId) as {
					code: string;
					item: string;
					month: string;
					due: string;
					owed: number;
				}[]
			)
				.filter((r) => r.owed > 0)
				.map((r) => [r.code, r.item, r.month, formatCenti(r.owed), r.due]);
		case 'opening_credits':
			return (
				stmt(
					db,
					`SELECT u.code, c.kind, c.amount_fen AS a, c.receipt_no AS no FROM opening_credits c
					 JOIN units u ON u.id = c.unit_id WHERE c.community_id = ? ORDER BY u.code, c.id`
				).all(communityId) as { code: string; kind: string; a: number; no: string }[]
			).map((r) => [r.code, lab(CREDIT_KIND_LABELS, r.kind), formatCenti(r.a), r.no]);
	}
}

export type SheetFormat = 'xlsx' | 'csv';

function headers(kind: ImportKind): string[] {
	return TEMPLATES[kind].columns.map((c) => c.header);
}

/** A template: the headers and one example row. */
export function templateRows(kind: ImportKind): string[][] {
	return [headers(kind), TEMPLATES[kind].columns.map((c) => c.example)];
}

/**
 * Writes rows (the first is the header) as .xlsx or CSV with BOM. Every cell is text, so phone
 * and ID numbers keep their digits and areas keep two decimals when Excel opens the file.
 */
export async function writeSheet(
	kind: ImportKind,
	rows: string[][],
	format: SheetFormat
): Promise<Uint8Array> {
	if (format === 'csv') return new TextEncoder().encode(toCsv(rows));
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet(TEMPLATES[kind].nameZh.replace(/[\\/?*[\]:]/g, '-'));
	ws.columns = headers(kind).map((h) => ({
		header: h,
		width: Math.max(12, h.length * 3),
		style: { numFmt: '@' }
	}));
	for (const r of rows.slice(1)) ws.addRow(r);
	ws.getRow(1).font = { bold: true };
	const buf = await wb.xlsx.writeBuffer();
	return new Uint8Array(buf as ArrayBuffer);
}

export async function exportRegister(
	db: Db,
	communityId: number,
	kind: ImportKind,
	format: SheetFormat
): Promise<Uint8Array> {
	return writeSheet(kind, [headers(kind), ...registerRows(db, communityId, kind)], format);
}

export const CONTENT_TYPES: Record<SheetFormat, string> = {
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	csv: 'text/csv; charset=utf-8'
};
