import ExcelJS from 'exceljs';
import type { Db } from '../db';
import * as q from './sql';
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
			return q.unitsRegister
				.all(db, communityId)
				.map((r) => [
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
			return q.peopleRegister
				.all(db, communityId)
				.map((r) => [
					r.code,
					r.name,
					lab(PERSON_ROLE_LABELS, r.role),
					r.phone,
					r.idNumber ? lab(ID_TYPE_LABELS, r.idType) : '',
					r.idNumber,
					formatPeriod({ start: r.s, end: r.e })
				]);
		case 'spaces':
			return q.spacesRegister
				.all(db, communityId)
				.map((r) => [
					r.code,
					r.a ? formatCenti(r.a) : '',
					lab(SPACE_KIND_LABELS, r.kind),
					r.unit ?? '',
					lab(HOLDING_LABELS, r.holding),
					r.start ?? ''
				]);
		case 'vehicles':
			return q.vehiclesRegister
				.all(db, communityId)
				.map((r) => [r.plate, r.unit ?? '', r.name ?? '', r.space ?? '', r.start]);
		case 'opening_bills':
			// What each bill still owes in principal: less principal paid on receipts not voided,
			// less 空置减免 credited to it.
			return q.openingBillsRegister
				.all(db, communityId)
				.filter((r) => r.owed > 0)
				.map((r) => [r.code, r.item, r.month, formatCenti(r.owed), r.due]);
		case 'opening_credits':
			return q.openingCreditsRegister
				.all(db, communityId)
				.map((r) => [r.code, lab(CREDIT_KIND_LABELS, r.kind), formatCenti(r.a), r.no]);
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
